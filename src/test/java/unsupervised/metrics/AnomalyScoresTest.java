package unsupervised.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.models.Autoencoders;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class AnomalyScoresTest {

    /** The Mann-Whitney form of the AUROC: pairs (anomaly, normal) ordered correctly, ties counting one half. */
    private static double pairwise(double[] normal, double[] anomalies) {
        double wins = 0;
        for (double a : anomalies) {
            for (double n : normal) {
                wins += a > n ? 1 : a == n ? 0.5 : 0;
            }
        }
        return wins / ((double) normal.length * anomalies.length);
    }

    @Test
    void dl4jsExactRocMatchesThePairwiseCountOnUnboundedScores() {
        Random random = new Random(4);
        double[] normal = random.doubles(300).map(v -> 20 * v).toArray();
        double[] anomalies = random.doubles(200).map(v -> 20 * v + 5).toArray();
        assertEquals(pairwise(normal, anomalies), AnomalyScores.auroc(normal, anomalies), 1e-9);
        double[] shuffled = random.doubles(50).map(v -> -3 + 6 * v).toArray();
        double[] overlapping = random.doubles(70).map(v -> -2 + 6 * v).toArray();
        assertEquals(pairwise(shuffled, overlapping), AnomalyScores.auroc(shuffled, overlapping), 1e-9);
        assertEquals(0, AnomalyScores.auroc(new double[] {5, 6}, new double[] {1, 2}), 1e-12);
    }

    @Test
    void reconstructionErrorsAreThePerImageMeanSquaredError() {
        var net = Autoencoders.dense(6, new int[] {3}, Activation.RELU, Activation.SIGMOID, 2);
        INDArray x = Nd4j.rand(new long[] {5, 6});
        double[] errors = AnomalyScores.reconstructionErrors(net, x);
        INDArray out = net.output(x);
        double[] expected = new double[5];
        for (int i = 0; i < 5; i++) {
            for (int j = 0; j < 6; j++) {
                double d = out.getDouble(i, j) - x.getDouble(i, j);
                expected[i] += d * d / 6;
            }
        }
        assertArrayEquals(expected, errors, 1e-6);
    }

    @Test
    void needsBothKindsOfExamples() {
        assertThrows(IllegalArgumentException.class, () -> AnomalyScores.auroc(new double[] {1, 2},
                new boolean[] {false, false}));
    }
}
