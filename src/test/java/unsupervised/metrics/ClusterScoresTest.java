package unsupervised.metrics;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Accuracy (Hungarian matching), NMI and ARI against scikit-learn and SciPy (src/test/python). */
class ClusterScoresTest {

    private static List<String[]> reference() throws IOException {
        try (InputStream in = ClusterScoresTest.class.getResourceAsStream("/clustering_reference.csv")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).skip(1).map(line -> line.split(",")).toList();
        }
    }

    private static int[] labels(String text) {
        return Arrays.stream(text.split(" ")).mapToInt(Integer::parseInt).toArray();
    }

    @Test
    void matchesScikitLearnAndScipy() throws IOException {
        List<String[]> cases = reference();
        assertEquals(9, cases.size());
        for (String[] c : cases) {
            ClusterScores scores = ClusterScores.of(labels(c[1]), labels(c[2]));
            assertEquals(Double.parseDouble(c[3]), scores.accuracy(), 1e-12, c[0] + ": accuracy");
            assertEquals(Double.parseDouble(c[4]), scores.nmi(), 1e-12, c[0] + ": NMI");
            assertEquals(Double.parseDouble(c[5]), scores.ari(), 1e-12, c[0] + ": ARI");
        }
    }

    @Test
    void renamingClustersChangesNothing() {
        int[] classes = {0, 0, 1, 1, 2, 2, 2, 1, 0};
        int[] clusters = {1, 1, 0, 2, 2, 2, 0, 0, 1};
        int[] renamed = Arrays.stream(clusters).map(k -> (k + 1) % 3).toArray();
        ClusterScores a = ClusterScores.of(classes, clusters);
        ClusterScores b = ClusterScores.of(classes, renamed);
        assertEquals(a.accuracy(), b.accuracy(), 1e-12);
        assertEquals(a.nmi(), b.nmi(), 1e-12);
        assertEquals(a.ari(), b.ari(), 1e-12);
    }

    /** Every permutation of a small square table, to compare with the Hungarian algorithm's optimum. */
    private static long bruteForce(long[][] w, int row, boolean[] used) {
        if (row == w.length) {
            return 0;
        }
        long best = Long.MIN_VALUE;
        for (int j = 0; j < w.length; j++) {
            if (!used[j]) {
                used[j] = true;
                best = Math.max(best, w[row][j] + bruteForce(w, row + 1, used));
                used[j] = false;
            }
        }
        return best;
    }

    @Test
    void hungarianFindsTheBestMatching() {
        Random random = new Random(5);
        for (int trial = 0; trial < 200; trial++) {
            int n = 1 + random.nextInt(7);
            long[][] w = new long[n][n];
            for (long[] row : w) {
                for (int j = 0; j < n; j++) {
                    row[j] = random.nextInt(trial % 2 == 0 ? 5 : 1000);  // ties, and spread-out weights
                }
            }
            int[] match = Assignment.maximize(w);
            assertEquals(n, Arrays.stream(match).distinct().filter(j -> j >= 0).count(), "one to one");
            long total = 0;
            for (int i = 0; i < n; i++) {
                total += w[i][match[i]];
            }
            assertEquals(bruteForce(w, 0, new boolean[n]), total, "trial " + trial);
        }
    }

    @Test
    void moreClustersThanClassesLeaveSomeUnmatched() {
        long[][] table = {{5, 0}, {1, 7}, {3, 2}};
        int[] match = Assignment.maximize(table);
        assertEquals(0, match[0]);
        assertEquals(1, match[1]);
        assertEquals(-1, match[2]);
        assertTrue(ClusterScores.of(new int[]{0, 1, 1}, new int[]{0, 1, 2}).accuracy() > 0.66);
    }
}
