package unsupervised.data;

import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ArrayList;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Compares {@link Blobs} with points written by scikit-learn (src/test/python/make_blobs_reference.py). */
class BlobsTest {

    private record Case(int n, int k, int d, long seed) {}

    private record Point(int label, double[] values) {}

    private static Map<Case, List<Point>> reference() throws IOException {
        Map<Case, List<Point>> cases = new LinkedHashMap<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(
                Objects.requireNonNull(BlobsTest.class.getResourceAsStream("/make_blobs_reference.csv")),
                StandardCharsets.UTF_8))) {
            in.lines().filter(line -> !line.startsWith("#") && !line.startsWith("n_samples")).forEach(line -> {
                String[] f = line.split(",");
                Case c = new Case(Integer.parseInt(f[0]), Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Long.parseLong(f[3]));
                double[] values = java.util.Arrays.stream(f[6].split(" ")).mapToDouble(Double::parseDouble).toArray();
                cases.computeIfAbsent(c, key -> new ArrayList<>()).add(new Point(Integer.parseInt(f[5]), values));
            });
        }
        return cases;
    }

    @Test
    void matchesScikitLearnForEveryReferenceCase() throws IOException {
        Map<Case, List<Point>> cases = reference();
        assertTrue(cases.size() >= 5, "reference file should hold at least five cases");
        for (var entry : cases.entrySet()) {
            Case c = entry.getKey();
            Blobs blobs = Blobs.make(c.n(), c.k(), c.d(), c.seed());
            List<Point> expected = entry.getValue();
            assertEquals(expected.size(), blobs.size(), c.toString());
            for (int i = 0; i < expected.size(); i++) {
                assertEquals(expected.get(i).label(), blobs.y()[i], c + " label of row " + i);
                assertArrayEquals(expected.get(i).values(), blobs.x()[i], 1e-12, c + " row " + i);
            }
        }
    }

    @Test
    void theArticlesSeedCoversTheThreeSeedsAsked() throws IOException {
        var seeds = reference().keySet().stream().filter(c -> c.n() == 1000 && c.k() == 2 && c.d() == 2)
                .map(Case::seed).toList();
        assertEquals(List.of(0L, 42L, 2024L), seeds);
    }

    @Test
    void unshuffledBlobsComeInClusterOrderWithAnEvenSplit() {
        Blobs blobs = Blobs.make(7, 3, 2, 1.0, -10, 10, false, 3);
        assertArrayEquals(new int[]{0, 0, 0, 1, 1, 2, 2}, blobs.y());
    }

    @Test
    void tableHasOneColumnPerFeaturePlusTheCluster() {
        var table = Blobs.make(1000, 2, 2, 42).toTable();
        assertEquals(List.of("x1", "x2", "cluster"), table.columnNames());
        assertEquals(1000, table.rowCount());
        assertEquals(500, table.intColumn("cluster").isEqualTo(1).size());
    }

    @Test
    void rejectsSeedsNumpyRejects() {
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(-1));
        assertThrows(IllegalArgumentException.class, () -> new NumpyRandomState(1L << 32));
    }
}
