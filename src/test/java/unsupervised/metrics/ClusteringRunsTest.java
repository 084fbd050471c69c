package unsupervised.metrics;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class ClusteringRunsTest {

    @Test
    void keepsOneRowPerRunAndSummarisesOverSeeds() {
        var runs = new ClusteringRuns("test");
        int[] classes = {0, 0, 1, 1};
        runs.add("k-means", "all", 1, classes, new int[]{1, 1, 0, 0});
        runs.add("k-means", "all", 2, classes, new int[]{0, 1, 0, 1});
        runs.add("DEC", "all", 1, classes, new int[]{0, 0, 1, 1});

        assertArrayEquals(new double[]{1.0, 0.5}, runs.values("k-means", "all", "ACC"), 1e-12);
        assertEquals(3, runs.table().rowCount());
        var summary = runs.summary();
        assertEquals(2, summary.rowCount());
        assertEquals(0.75, summary.where(summary.stringColumn("method").isEqualTo("k-means"))
                .doubleColumn("Mean [ACC]").get(0), 1e-12);
    }
}
