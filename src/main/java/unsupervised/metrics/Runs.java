package unsupervised.metrics;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import unsupervised.data.Splits;
import unsupervised.training.EarlyStopping;

import java.util.Map;

import static tech.tablesaw.aggregate.AggregateFunctions.count;
import static tech.tablesaw.aggregate.AggregateFunctions.mean;
import static tech.tablesaw.aggregate.AggregateFunctions.stdDev;

/**
 * The test results of repeated classifier runs, one row per (variant, labelled examples, seed), so that a
 * comparison reports a mean and a spread instead of one lucky run.
 */
public final class Runs {
    public static final String ACCURACY = "test accuracy %";
    private final Table table;

    public Runs(String name) {
        table = Table.create(name, StringColumn.create("variant"), IntColumn.create("labels"),
                IntColumn.create("seed"), DoubleColumn.create(ACCURACY), IntColumn.create("epochs"),
                IntColumn.create("best epoch"), DoubleColumn.create("s/epoch"));
    }

    /** Scores the fit's best network on {@code test} with DL4J's {@link Evaluation}, records it and returns it. */
    public Evaluation add(String variant, int labels, int seed, EarlyStopping.Fit fit, DataSet test) {
        Evaluation evaluation = evaluate(fit.best(), test);
        table.stringColumn("variant").append(variant);
        table.intColumn("labels").append(labels);
        table.intColumn("seed").append(seed);
        table.doubleColumn(ACCURACY).append(100 * evaluation.accuracy());
        table.intColumn("epochs").append(fit.history().epochs());
        table.intColumn("best epoch").append(fit.bestEpoch());
        table.doubleColumn("s/epoch").append(fit.history().secondsPerEpoch());
        return evaluation;
    }

    /** DL4J's accuracy, precision, recall and confusion matrix of {@code net} on {@code test}. */
    public static Evaluation evaluate(MultiLayerNetwork net, DataSet test) {
        return net.evaluate(Splits.batches(test, 2048));
    }

    public Table table() {
        return table;
    }

    /** The test accuracies (%) of every run of {@code variant} on {@code labels} labelled examples, by seed. */
    public double[] accuracies(String variant, int labels) {
        Table rows = table.where(table.stringColumn("variant").isEqualTo(variant)
                .and(table.intColumn("labels").isEqualTo(labels)));
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("no run of '" + variant + "' with " + labels + " labels in "
                    + table.name());
        }
        return rows.doubleColumn(ACCURACY).asDoubleArray();
    }

    /**
     * Several data sets' runs side by side: one row per variant and label count that every data set has, then the
     * mean and standard deviation of the test accuracy for each data set (named by the map's keys, in its order).
     */
    public static Table sideBySide(String name, Map<String, Runs> byDataSet) {
        Table joined = null;
        for (Map.Entry<String, Runs> entry : byDataSet.entrySet()) {
            Table summary = entry.getValue().summary();
            summary.column("Mean [" + ACCURACY + "]").setName(entry.getKey() + " mean %");
            summary.column("Std. Deviation [" + ACCURACY + "]").setName(entry.getKey() + " std");
            summary.removeColumns("Count [" + ACCURACY + "]");
            joined = joined == null ? summary : joined.joinOn("variant", "labels").inner(summary);
        }
        if (joined == null) {
            throw new IllegalArgumentException("no data sets to compare");
        }
        return joined.sortOn("labels", "variant").setName(name);
    }

    /** Mean, standard deviation and number of runs of the test accuracy per variant and label count. */
    public Table summary() {
        return table.summarize(ACCURACY, mean, stdDev, count).by("variant", "labels");
    }
}
