package unsupervised.metrics;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

/**
 * The scores of repeated clustering runs, one row per (method, images scored, seed), so that a comparison reports
 * mean and spread over seeds.
 */
public final class ClusteringRuns {
    public static final String[] SCORES = {"ACC", "NMI", "ARI"};
    private final Table table;

    public ClusteringRuns(String name) {
        table = Table.create(name, StringColumn.create("method"), StringColumn.create("scored on"),
                IntColumn.create("seed"), DoubleColumn.create("ACC"), DoubleColumn.create("NMI"),
                DoubleColumn.create("ARI"));
    }

    /** Scores {@code clusters} against {@code classes}, records the row and returns the scores. */
    public ClusterScores add(String method, String scoredOn, int seed, int[] classes, int[] clusters) {
        ClusterScores scores = ClusterScores.of(classes, clusters);
        table.stringColumn("method").append(method);
        table.stringColumn("scored on").append(scoredOn);
        table.intColumn("seed").append(seed);
        table.doubleColumn("ACC").append(scores.accuracy());
        table.doubleColumn("NMI").append(scores.nmi());
        table.doubleColumn("ARI").append(scores.ari());
        return scores;
    }

    public Table table() {
        return table;
    }

    /** Mean and standard deviation over seeds of every score, per method and scored set, in recording order. */
    public Table summary() {
        return table.summarize("ACC", "NMI", "ARI", mean, stdDev, count).by("method", "scored on");
    }

    /** One score ({@code "ACC"}, {@code "NMI"} or {@code "ARI"}) of every seed of a method on a scored set. */
    public double[] values(String method, String scoredOn, String score) {
        return table.where(table.stringColumn("method").isEqualTo(method)
                .and(table.stringColumn("scored on").isEqualTo(scoredOn))).doubleColumn(score).asDoubleArray();
    }
}
