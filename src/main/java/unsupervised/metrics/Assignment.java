package unsupervised.metrics;

import java.util.Arrays;

/**
 * The Hungarian algorithm (Kuhn-Munkres, with row and column potentials, O(n^3)): the one-to-one matching of rows
 * to columns with the largest total weight. Neither Commons Math nor ND4J has it; SciPy's
 * {@code linear_sum_assignment} is the reference in the tests.
 */
public final class Assignment {
    private Assignment() {
    }

    /**
     * For each row, the column it is matched with; a rectangular table is padded with zero-weight rows or columns,
     * and a row matched to padding gets -1.
     */
    public static int[] maximize(long[][] weights) {
        int rows = weights.length;
        int cols = Arrays.stream(weights).mapToInt(r -> r.length).max().orElse(0);
        int n = Math.max(rows, cols);
        long largest = Arrays.stream(weights).flatMapToLong(Arrays::stream).max().orElse(0);
        // Minimise cost = largest - weight on the padded square; 1-based arrays as in the textbook version.
        long[][] cost = new long[n + 1][n + 1];
        for (int i = 1; i <= n; i++) {
            for (int j = 1; j <= n; j++) {
                long w = i <= rows && j <= weights[i - 1].length ? weights[i - 1][j - 1] : 0;
                cost[i][j] = largest - w;
            }
        }
        long[] u = new long[n + 1];
        long[] v = new long[n + 1];
        int[] rowOfColumn = new int[n + 1];
        int[] way = new int[n + 1];
        for (int i = 1; i <= n; i++) {
            rowOfColumn[0] = i;
            int column = 0;
            long[] slack = new long[n + 1];
            Arrays.fill(slack, Long.MAX_VALUE);
            boolean[] used = new boolean[n + 1];
            do {
                used[column] = true;
                int row = rowOfColumn[column];
                long delta = Long.MAX_VALUE;
                int next = 0;
                for (int j = 1; j <= n; j++) {
                    if (!used[j]) {
                        long reduced = cost[row][j] - u[row] - v[j];
                        if (reduced < slack[j]) {
                            slack[j] = reduced;
                            way[j] = column;
                        }
                        if (slack[j] < delta) {
                            delta = slack[j];
                            next = j;
                        }
                    }
                }
                for (int j = 0; j <= n; j++) {
                    if (used[j]) {
                        u[rowOfColumn[j]] += delta;
                        v[j] -= delta;
                    } else {
                        slack[j] -= delta;
                    }
                }
                column = next;
            } while (rowOfColumn[column] != 0);
            do {
                int previous = way[column];
                rowOfColumn[column] = rowOfColumn[previous];
                column = previous;
            } while (column != 0);
        }
        int[] match = new int[rows];
        Arrays.fill(match, -1);
        for (int j = 1; j <= n; j++) {
            int row = rowOfColumn[j];
            if (row >= 1 && row <= rows && j <= weights[row - 1].length) {
                match[row - 1] = j - 1;
            }
        }
        return match;
    }
}
