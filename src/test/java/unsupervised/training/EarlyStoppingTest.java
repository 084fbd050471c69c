package unsupervised.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.ImageData;
import unsupervised.models.Classifiers;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EarlyStoppingTest {

    /** Random features with random labels: whatever the network learns from 30 examples cannot generalise. */
    private static DataSet noise(int n, long seed) {
        var random = new java.util.Random(seed);
        int[] labels = random.ints(n, 0, 3).toArray();
        Nd4j.getRandom().setSeed(seed);
        return new DataSet(Nd4j.rand(DataType.FLOAT, n, 20), ImageData.oneHot(labels, 3));
    }

    @Test
    void stopsWhenValidationLossStopsImprovingAndKeepsTheBestEpoch() {
        var net = Classifiers.dense(20, new int[]{64, 64}, 3, 1);
        DataSet validation = noise(300, 2);
        var fit = EarlyStopping.of(400, 5, 8).fit(net, noise(30, 1), validation, 3);

        double[] val = fit.history().validationLoss();
        assertTrue(fit.history().epochs() < 400, "memorising noise must stop early: " + fit.summary());
        assertTrue(fit.stopReason().contains("ScoreImprovement"), fit.stopReason());
        assertEquals(fit.history().epochs(), fit.bestEpoch() + 5, "patience 5 after the best epoch");
        assertEquals(Arrays.stream(val).min().orElseThrow(), val[fit.bestEpoch() - 1], 1e-12);
        assertEquals(val[fit.bestEpoch() - 1], fit.best().score(validation), 1e-5, "the best weights are kept");
        assertTrue(fit.best().getListeners().isEmpty() && net.getListeners().isEmpty());
    }

    @Test
    void extraMeasuresGoIntoTheHistoryBesideTheValidationLoss() {
        var net = Classifiers.dense(20, new int[]{8}, 3, 1);
        DataSet validation = noise(50, 2);
        var fit = EarlyStopping.of(4, 10, 16).quiet()
                .alsoMeasuring(epoch -> epoch % 2 == 0 ? java.util.Map.of("again", net.score(validation))
                        : java.util.Map.of())
                .fit(net, noise(50, 1), validation, 3);
        double[] again = fit.history().column("again");
        double[] val = fit.history().validationLoss();
        assertTrue(Double.isNaN(again[0]) && Double.isNaN(again[2]), Arrays.toString(again));
        assertEquals(val[1], again[1], 1e-6, "measured on the same network after epoch 2");
        assertEquals(val[3], again[3], 1e-6);
    }

    @Test
    void runsAtMostMaxEpochs() {
        var fit = EarlyStopping.of(3, 10, 16).fit(Classifiers.dense(20, new int[]{8}, 3, 1), noise(50, 1),
                noise(50, 2), 3);
        assertEquals(3, fit.history().epochs());
        assertTrue(fit.stopReason().contains("MaxEpochs"), fit.stopReason());
        assertThrows(IllegalArgumentException.class, () -> EarlyStopping.of(3, 0, 16));
    }

    @Test
    void quietRunsPrintNothing() {
        var stdout = System.out;
        var printed = new java.io.ByteArrayOutputStream();
        System.setOut(new java.io.PrintStream(printed));
        try {
            EarlyStopping.of(3, 10, 16).quiet().fit(Classifiers.dense(20, new int[]{8}, 3, 1), noise(50, 1),
                    noise(50, 2), 3);
        } finally {
            System.setOut(stdout);
        }
        assertEquals("", printed.toString());
    }

    @Test
    void aNaNValidationLossEndsWithAMessageSayingSo() {
        DataSet validation = noise(50, 2);
        validation.getFeatures().putScalar(0, 0, Double.NaN);
        var error = assertThrows(IllegalStateException.class, () -> EarlyStopping.of(5, 2, 16).quiet()
                .fit(Classifiers.dense(20, new int[]{8}, 3, 1), noise(50, 1), validation, 3));
        assertTrue(error.getMessage().contains("NaN"), error.getMessage());
    }
}
