package unsupervised.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.ImageData;
import unsupervised.models.Classifiers;
import unsupervised.training.EarlyStopping;

import static org.junit.jupiter.api.Assertions.assertEquals;

class RunsTest {
    /** Two well separated classes: x0 > 0.5 or not. */
    private static DataSet separable(int n, long seed) {
        var x = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(seed), n, 2);
        int[] labels = new int[n];
        for (int i = 0; i < labels.length; i++) {
            labels[i] = x.getDouble(i, 0) > 0.5 ? 1 : 0;
        }
        return new DataSet(x, ImageData.oneHot(labels, 2));
    }

    @Test
    void recordsDl4jsAccuracyAndSummarisesSeedsWithMeanAndSpread() {
        var data = separable(400, 3);
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

    @Test
    void accuraciesBySeedAndDataSetsSideBySide() {
        var data = separable(100, 4);
        var first = new Runs("first");
        var second = new Runs("second");
        var fit = EarlyStopping.of(2, 5, 32).quiet().fit(Classifiers.dense(2, new int[]{4}, 2, 1), data, data, 1);
        double a = 100 * first.add("mlp", 100, 1, fit, data).accuracy();
        double b = 100 * first.add("mlp", 100, 2, fit, data).accuracy();
        first.add("mlp", 10, 1, fit, data);
        first.add("only in first", 100, 1, fit, data);
        second.add("mlp", 100, 1, fit, data);
        second.add("mlp", 10, 1, fit, data);
        org.junit.jupiter.api.Assertions.assertArrayEquals(new double[]{a, b}, first.accuracies("mlp", 100), 1e-9);
        org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> first.accuracies("mlp", 5));

        var both = Runs.sideBySide("both", new java.util.LinkedHashMap<>(java.util.Map.of("A", first)) {{
            put("B", second);
        }});
        assertEquals(java.util.List.of("variant", "labels", "A mean %", "A std", "B mean %", "B std"),
                both.columnNames());
        assertEquals(2, both.rowCount(), "only the rows both data sets have");
        assertEquals(10, both.intColumn("labels").getInt(0), "sorted by label count");
        assertEquals((a + b) / 2, both.doubleColumn("A mean %").getDouble(1), 1e-9);
    }
}
