package unsupervised.metrics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.ROC;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Anomaly scores and how well they separate normal from anomalous examples. A score is any number that should be
 * higher for anomalies (a reconstruction error, a negative ELBO); DL4J's exact {@link ROC} turns a set of scores
 * with known answers into the area under the ROC curve: the probability that a random anomaly scores higher than a
 * random normal example (1 = perfect, 0.5 = chance, below 0.5 = the score points the wrong way).
 * DL4J does not split tied scores between a normal example and an anomaly in half as scikit-learn's
 * {@code roc_auc_score} does (scores {1, 2, 2, 3} against {2, 3, 5} gave 0.667 instead of 0.792), so this is meant
 * for continuous scores such as reconstruction errors, where ties do not occur.
 */
public final class AnomalyScores {
    private static final int BATCH = 2048;

    private AnomalyScores() {
    }

    /** The mean squared reconstruction error of each row of {@code x}, one value per example. */
    public static double[] reconstructionErrors(MultiLayerNetwork autoencoder, INDArray x) {
        double[] errors = new double[(int) x.rows()];
        for (long from = 0; from < x.rows(); from += BATCH) {
            long to = Math.min(x.rows(), from + BATCH);
            INDArray batch = x.get(NDArrayIndex.interval(from, to), NDArrayIndex.all());
            System.arraycopy(squaredErrors(batch, autoencoder.output(batch)), 0, errors, (int) from,
                    (int) (to - from));
        }
        return errors;
    }

    /** The mean squared difference of each row of {@code x} and of {@code reconstruction}. */
    public static double[] squaredErrors(INDArray x, INDArray reconstruction) {
        INDArray perRow = Transforms.pow(reconstruction.castTo(x.dataType()).sub(x), 2, false).mean(1);
        return perRow.castTo(DataType.DOUBLE).toDoubleVector();
    }

    /** AUROC of {@code scores} where {@code anomalous[i]} says which examples are anomalies (DL4J's exact ROC). */
    public static double auroc(double[] scores, boolean[] anomalous) {
        if (scores.length != anomalous.length) {
            throw new IllegalArgumentException(scores.length + " scores but " + anomalous.length + " answers");
        }
        double[] labels = new double[anomalous.length];
        int positives = 0;
        for (int i = 0; i < labels.length; i++) {
            labels[i] = anomalous[i] ? 1 : 0;
            positives += anomalous[i] ? 1 : 0;
        }
        if (positives == 0 || positives == labels.length) {
            throw new IllegalArgumentException("an AUROC needs both normal and anomalous examples; got "
                    + positives + " anomalies among " + labels.length);
        }
        ROC roc = new ROC(0);
        roc.eval(Nd4j.create(labels, labels.length, 1), Nd4j.create(scores, scores.length, 1));
        return roc.calculateAUC();
    }

    /** AUROC with the normal examples' scores and the anomalies' scores given separately. */
    public static double auroc(double[] normal, double[] anomalies) {
        double[] scores = new double[normal.length + anomalies.length];
        boolean[] anomalous = new boolean[scores.length];
        System.arraycopy(normal, 0, scores, 0, normal.length);
        System.arraycopy(anomalies, 0, scores, normal.length, anomalies.length);
        java.util.Arrays.fill(anomalous, normal.length, scores.length, true);
        return auroc(scores, anomalous);
    }
}
