package unsupervised.metrics;

import java.util.Arrays;
import java.util.Locale;

/**
 * How well clusters found without labels agree with the true classes. The cluster numbers are arbitrary, so every
 * score here is unchanged when clusters are renamed:
 * <ul>
 * <li><b>accuracy</b>: the share of points whose cluster maps to their class under the best one-to-one matching of
 * clusters to classes (found with the Hungarian algorithm, {@link Assignment});</li>
 * <li><b>NMI</b>: mutual information between clusters and classes over the mean of their entropies (scikit-learn's
 * default, arithmetic normalisation), 0 for independent labels, 1 for the same partition;</li>
 * <li><b>ARI</b>: the Rand index (share of point pairs on which both agree: same group or not) corrected for chance,
 * 0 for a random partition, 1 for the same one.</li>
 * </ul>
 * Tested against scikit-learn and SciPy in {@code ClusterScoresTest}.
 */
public record ClusterScores(double accuracy, double nmi, double ari) {

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ACC %.3f  NMI %.3f  ARI %.3f", accuracy, nmi, ari);
    }

    public static ClusterScores of(int[] classes, int[] clusters) {
        long[][] table = contingency(classes, clusters);
        return new ClusterScores(accuracy(table), nmi(table), ari(table));
    }

    /**
     * Counts of points per (cluster, class): rows are clusters, columns classes, both numbered 0..max. Labels must
     * be non-negative.
     */
    public static long[][] contingency(int[] classes, int[] clusters) {
        if (classes.length != clusters.length || classes.length == 0) {
            throw new IllegalArgumentException("need as many cluster labels as classes, and some: " + classes.length
                    + " classes, " + clusters.length + " cluster labels");
        }
        int k = Arrays.stream(clusters).max().orElseThrow() + 1;
        int c = Arrays.stream(classes).max().orElseThrow() + 1;
        if (Arrays.stream(clusters).min().orElseThrow() < 0 || Arrays.stream(classes).min().orElseThrow() < 0) {
            throw new IllegalArgumentException("labels must be 0 or more");
        }
        long[][] table = new long[k][c];
        for (int i = 0; i < classes.length; i++) {
            table[clusters[i]][classes[i]]++;
        }
        return table;
    }

    /** For each cluster, the class it is matched with by the best one-to-one matching (-1 if none is left). */
    public static int[] matching(long[][] table) {
        return Assignment.maximize(table);
    }

    static double accuracy(long[][] table) {
        int[] match = matching(table);
        long hits = 0;
        for (int cluster = 0; cluster < table.length; cluster++) {
            hits += match[cluster] < 0 ? 0 : table[cluster][match[cluster]];
        }
        return (double) hits / total(table);
    }

    static double nmi(long[][] table) {
        double n = total(table);
        double[] clusterSizes = Arrays.stream(table).mapToDouble(row -> Arrays.stream(row).sum()).toArray();
        double[] classSizes = new double[table[0].length];
        for (long[] row : table) {
            for (int j = 0; j < row.length; j++) {
                classSizes[j] += row[j];
            }
        }
        if (nonEmpty(clusterSizes) == 1 && nonEmpty(classSizes) == 1) {
            return 1.0;  // one group on both sides: the same partition
        }
        double mutualInformation = 0;
        for (int i = 0; i < table.length; i++) {
            for (int j = 0; j < classSizes.length; j++) {
                if (table[i][j] > 0) {
                    mutualInformation += table[i][j] / n * Math.log(n * table[i][j] / (clusterSizes[i] * classSizes[j]));
                }
            }
        }
        double normaliser = Math.max((entropy(clusterSizes, n) + entropy(classSizes, n)) / 2, Math.ulp(1.0));
        return Math.max(0, mutualInformation) / normaliser;
    }

    static double ari(long[][] table) {
        double n = total(table);
        double pairs = 0;
        double clusterPairs = 0;
        double[] classSizes = new double[table[0].length];
        for (long[] row : table) {
            double size = 0;
            for (int j = 0; j < row.length; j++) {
                pairs += pairs(row[j]);
                classSizes[j] += row[j];
                size += row[j];
            }
            clusterPairs += pairs(size);
        }
        double classPairs = Arrays.stream(classSizes).map(ClusterScores::pairs).sum();
        double expected = clusterPairs * classPairs / pairs(n);
        double largest = (clusterPairs + classPairs) / 2;
        if (largest == expected) {
            return 1.0;  // both partitions trivial (one group, or every point alone): nothing to correct
        }
        return (pairs - expected) / (largest - expected);
    }

    private static double pairs(double count) {
        return count * (count - 1) / 2;
    }

    private static double entropy(double[] sizes, double n) {
        return -Arrays.stream(sizes).filter(s -> s > 0).map(s -> s / n * Math.log(s / n)).sum();
    }

    private static long nonEmpty(double[] sizes) {
        return Arrays.stream(sizes).filter(s -> s > 0).count();
    }

    private static long total(long[][] table) {
        return Arrays.stream(table).flatMapToLong(Arrays::stream).sum();
    }
}
