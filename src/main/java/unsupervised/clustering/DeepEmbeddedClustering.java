package unsupervised.clustering;

import org.deeplearning4j.earlystopping.termination.BestScoreEpochTerminationCondition;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import unsupervised.data.SeededRandom;
import unsupervised.data.Splits;
import unsupervised.metrics.ClusterScores;
import unsupervised.models.ClassicalMomentum;
import unsupervised.training.TrainingLoop;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.UnaryOperator;
import java.util.stream.IntStream;

/**
 * Deep Embedded Clustering (Xie et al., 2016), as DEC-keras runs it: a pre-trained encoder, a {@link ClusteringLayer}
 * whose centroids start at the k-means centroids of the codes, and training that alternates two steps:
 * <ol>
 * <li>every {@code updateInterval} iterations, the soft assignments Q of all images and from them the sharpened
 * target P, p_ij = (q_ij^2 / f_j) / sum_j' (q_ij'^2 / f_j') with f_j = sum_i q_ij (confident assignments count
 * more, large clusters less); stop when fewer than {@code tolerance} of the images changed cluster since the
 * last update;</li>
 * <li>one minibatch step on KL(P || Q) (DL4J's KL-divergence loss, averaged over the batch), back-propagated into
 * the centroids and the encoder.</li>
 * </ol>
 * The labels are used only to report accuracy and NMI along the way, never in training.
 */
public final class DeepEmbeddedClustering {
    private static final int PREDICT_BATCH = 4096;
    /**
     * DL4J 1.0.0-M2.1's SameDiffLayer returns twice the gradient of the loss, for every parameter of the network
     * (measured against finite differences in {@code ClusteringLayerTest}); the learning rate is divided by it.
     */
    public static final double SAMEDIFF_GRADIENT_FACTOR = 2;

    private DeepEmbeddedClustering() {
    }

    /** The settings of a run; DEC-keras uses batch 256, an update every 140 iterations and tolerance 0.001. */
    public record Settings(int batchSize, int updateInterval, double tolerance, int maxIterations) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "batch %d, target updated every %d iterations, stop below %.2f%% "
                    + "changed or at %d iterations", batchSize, updateInterval, 100 * tolerance, maxIterations);
        }
    }

    /** One target update: the iteration, the scores of the current hard assignments, the share that changed. */
    public record Step(int iteration, ClusterScores scores, double changed, double seconds) {
    }

    /** The final hard assignments, every update and why it stopped (the network is the caller's, trained). */
    public record Result(int[] labels, List<Step> steps, String stopReason, double seconds) {
        public int iterations() {
            return steps.get(steps.size() - 1).iteration();
        }

        /** One row per target update: iteration, ACC, NMI, ARI, % changed, seconds since the start. */
        public Table table() {
            Table table = Table.create("DEC, one row per target update",
                    IntColumn.create("iteration", steps.stream().mapToInt(Step::iteration).toArray()),
                    DoubleColumn.create("ACC", steps.stream().mapToDouble(s -> s.scores().accuracy())),
                    DoubleColumn.create("NMI", steps.stream().mapToDouble(s -> s.scores().nmi())),
                    DoubleColumn.create("ARI", steps.stream().mapToDouble(s -> s.scores().ari())),
                    DoubleColumn.create("% changed", steps.stream().mapToDouble(s -> 100 * s.changed())),
                    DoubleColumn.create("seconds", steps.stream().mapToDouble(Step::seconds)));
            return table;
        }
    }

    /**
     * The encoder of {@code autoencoder} (its layers up to and including {@code codeLayer}, weights copied) topped by
     * a clustering layer with the given initial centroids (k x code width) and a KL(P || Q) loss, trained by SGD
     * with classical momentum as Keras' {@code SGD(learningRate, momentum)} (DEC-keras: 0.01 and 0.9). The rate is
     * divided by {@link #SAMEDIFF_GRADIENT_FACTOR} here, so that the steps are Keras' despite the doubled gradient.
     */
    public static MultiLayerNetwork build(MultiLayerNetwork autoencoder, int codeLayer, INDArray centroids,
                                          double learningRate, double momentum, long seed) {
        IUpdater updater = new ClassicalMomentum(learningRate / SAMEDIFF_GRADIENT_FACTOR, momentum);
        int k = (int) centroids.rows();
        MultiLayerNetwork net = new TransferLearning.Builder(autoencoder.clone())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().seed(SeededRandom.nonZero(seed))
                        .updater(updater).build())
                .removeLayersFromOutput(autoencoder.getnLayers() - codeLayer - 1)
                .addLayer(new ClusteringLayer(k, (int) centroids.columns()))
                .addLayer(new LossLayer.Builder(LossFunctions.LossFunction.KL_DIVERGENCE)
                        .activation(Activation.IDENTITY).build())
                .build();
        // assign, not setParam: the layer computes from its view of the network's flat parameter vector
        net.getParam((codeLayer + 1) + "_" + ClusteringLayer.CENTROIDS).assign(centroids);
        return net;
    }

    /** The soft assignments Q of {@code x} (one row per image, summing to 1). */
    public static INDArray softAssignments(MultiLayerNetwork net, INDArray x) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < x.rows(); from += PREDICT_BATCH) {
            parts.add(net.output(x.get(NDArrayIndex.interval(from, Math.min(x.rows(), from + PREDICT_BATCH)),
                    NDArrayIndex.all())));
        }
        return Nd4j.vstack(parts.toArray(INDArray[]::new));
    }

    /** The sharpened target P of the soft assignments Q. */
    public static INDArray target(INDArray q) {
        INDArray weight = q.mul(q).diviRowVector(q.sum(0));
        return weight.diviColumnVector(weight.sum(true, 1));
    }

    /** Each row's most likely cluster. */
    public static int[] hard(INDArray q) {
        return Nd4j.argMax(q, 1).toIntVector();
    }

    /** The rows assigned to {@code cluster}, most confident (largest q) first, at most {@code count}. */
    public static int[] mostConfident(INDArray q, int cluster, int count) {
        int[] labels = hard(q);
        double[] confidence = q.getColumn(cluster).castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).toDoubleVector();
        return java.util.stream.IntStream.range(0, labels.length).filter(i -> labels[i] == cluster).boxed()
                .sorted((a, b) -> Double.compare(confidence[b], confidence[a])).limit(count)
                .mapToInt(Integer::intValue).toArray();
    }

    /** One minibatch step on KL(P || Q): trains {@code net} on the images {@code x} toward their targets {@code p}. */
    @FunctionalInterface
    public interface KlStep {
        /** Returns the minibatch's loss. */
        double train(MultiLayerNetwork net, INDArray x, INDArray p);
    }

    /** The jar's KL step: one SGD step of DL4J's KL-divergence loss layer, averaged over the minibatch. */
    public static double klStep(MultiLayerNetwork net, INDArray x, INDArray p) {
        net.fit(new DataSet(x, p));
        return net.score();
    }

    /** As below, with the jar's {@link #softAssignments}, {@link #target} and {@link #klStep}. */
    public static Result train(MultiLayerNetwork net, INDArray x, int[] classes, Settings settings, long seed) {
        return train(net, x, classes, settings, seed, DeepEmbeddedClustering::softAssignments,
                DeepEmbeddedClustering::target, DeepEmbeddedClustering::klStep);
    }

    /**
     * Trains {@code net} (from {@link #build}) on the images {@code x} with the given pieces, as
     * {@link #train(INDArray, int[], Settings, long, UnaryOperator, UnaryOperator, Minibatch) the loop below}.
     *
     * @param softAssignments Q of all images under the current network (one row per image)
     * @param target          P from Q
     * @param step            one minibatch step on KL(P || Q)
     */
    public static Result train(MultiLayerNetwork net, INDArray x, int[] classes, Settings settings, long seed,
                               BiFunction<MultiLayerNetwork, INDArray, INDArray> softAssignments,
                               UnaryOperator<INDArray> target, KlStep step) {
        return train(x, classes, settings, seed, images -> softAssignments.apply(net, images), target,
                (images, p) -> Map.of("KL", step.train(net, images, p)));
    }

    /** One minibatch step toward the target: trains on the images {@code x} and their rows of P. */
    @FunctionalInterface
    public interface Minibatch {
        /** Returns the minibatch's losses by name, as the progress line shows them. */
        Map<String, Double> train(INDArray x, INDArray p);
    }

    /**
     * DEC's alternation, whatever the network ({@link ImprovedDeepEmbeddedClustering} brings its own), on the
     * {@link TrainingLoop}: each of its "updates" is {@code updateInterval} minibatch steps followed by a new Q, its
     * scores and the new target P (live progress; an interrupt ends the run after the current step).
     * {@code classes} only score the progress. The minibatches walk one permutation of the images (from
     * {@code seed}) round and round, as DEC-keras walks the images in order.
     *
     * @param softAssignments Q of all images under the network being trained (one row per image)
     * @param target          P from Q
     * @param step            one minibatch step toward P
     */
    public static Result train(INDArray x, int[] classes, Settings settings, long seed,
                               UnaryOperator<INDArray> softAssignments, UnaryOperator<INDArray> target,
                               Minibatch step) {
        long start = System.nanoTime();
        int n = (int) x.rows();
        int[] order = Splits.permutation(n, seed);
        List<Step> steps = new ArrayList<>();
        INDArray q = softAssignments.apply(x);
        int[][] labels = {hard(q)};
        steps.add(new Step(0, ClusterScores.of(classes, labels[0]), 1, (System.nanoTime() - start) / 1e9));
        INDArray[] p = {target.apply(q)};
        int interval = settings.updateInterval();
        int updates = (settings.maxIterations() + interval - 1) / interval;
        int[] cursor = {0};
        Minibatch quiet = SameDiffChatter.firstCallDropped(step);
        TrainingLoop.Epochs<int[]> minibatches = update -> IntStream
                .range((update - 1) * interval, Math.min(update * interval, settings.maxIterations()))
                .mapToObj(iteration -> {
                    int end = Math.min(cursor[0] + settings.batchSize(), n);
                    int[] rows = Arrays.copyOfRange(order, cursor[0], end);
                    cursor[0] = end == n ? 0 : end;
                    return rows;
                }).iterator();
        TrainingLoop.Measure update = epoch -> {
            INDArray assignments = softAssignments.apply(x);
            int[] current = hard(assignments);
            var scores = ClusterScores.of(classes, current);
            double changed = changedShare(labels[0], current);
            labels[0] = current;
            steps.add(new Step(Math.min(epoch * interval, settings.maxIterations()), scores, changed,
                    (System.nanoTime() - start) / 1e9));
            p[0] = target.apply(assignments);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("ACC", scores.accuracy());
            values.put("NMI", scores.nmi());
            values.put("changed", changed);
            return values;
        };
        if (settings.maxIterations() > 0) {
            TrainingLoop.of("update", updates).measuring(update)
                    .stoppingWhen("changed", true, new BestScoreEpochTerminationCondition(settings.tolerance()))
                    .run(minibatches, rows -> quiet.train(Nd4j.pullRows(x, 1, rows), Nd4j.pullRows(p[0], 1, rows)));
        }
        Step last = steps.get(steps.size() - 1);
        String stopReason = last.iteration() > 0 && last.changed() < settings.tolerance()
                ? String.format(Locale.ROOT, "fewer than %.2f%% of the assignments changed", 100 * settings.tolerance())
                : "reached " + settings.maxIterations() + " iterations";
        return new Result(labels[0], steps, stopReason, (System.nanoTime() - start) / 1e9);
    }

    private static double changedShare(int[] before, int[] after) {
        int changed = 0;
        for (int i = 0; i < before.length; i++) {
            changed += before[i] != after[i] ? 1 : 0;
        }
        return (double) changed / before.length;
    }
}
