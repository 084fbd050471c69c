package unsupervised.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.ImageData;
import unsupervised.models.Classifiers;
import unsupervised.training.EarlyStopping;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunsTest {
    @Test
    void recordsDl4jsAccuracyAndSummarisesSeedsWithMeanAndSpread() {
        // Two well separated classes: x0 > 0.5 or not.
        var x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(3), 400, 2);
        int[] labels = new int[400];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.getDouble(i, 0) > 0.5 ? 1 : 0;
        }
        var data = new DataSet(x, ImageData.oneHot(labels, 2));
        var runs = new Runs("runs");
        double[] accuracies = new double[2];
        for (int seed = 0; seed < 2; seed++) {
            var fit = EarlyStopping.of(30, 5, 32).quiet()
                    .fit(Classifiers.dense(2, new int[]{16}, 2, seed), data, data, seed);
            accuracies[seed] = 100 * runs.add("mlp", 400, seed, fit, data).accuracy();
        }
        assertEquals(2, runs.table().rowCount());
        var summary = runs.summary();
        assertEquals(1, summary.rowCount());
        double mean = (accuracies[0] + accuracies[1]) / 2;
        assertEquals(mean, summary.numberColumn("Mean [" + Runs.ACCURACY + "]").getDouble(0), 1e-9);
        assertEquals(Math.abs(accuracies[0] - accuracies[1]) / Math.sqrt(2),
                summary.numberColumn("Std. Deviation [" + Runs.ACCURACY + "]").getDouble(0), 1e-9);
        assertEquals(2, summary.numberColumn("Count [" + Runs.ACCURACY + "]").getDouble(0));
        assertEquals(true, mean > 90, "a separable problem is learnt: " + mean);
    }
}
