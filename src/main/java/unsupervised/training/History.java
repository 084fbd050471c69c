package unsupervised.training;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What a {@link TrainingLoop} run recorded, one row per epoch: named values (a network's "loss" as the mean over the
 * epoch's minibatches, as Keras reports it, and "val_loss"; a GAN's losses and accuracies) and the seconds taken.
 */
public final class History {
    public static final String LOSS = "loss";
    public static final String VALIDATION_LOSS = "val_loss";
    public static final String SECONDS = "seconds";

    private final Map<String, List<Double>> values = new LinkedHashMap<>();
    private final List<Double> seconds = new ArrayList<>();

    History() {
    }

    /** A history read back from its numbers (a saved model's or checkpoint's): named columns, one value per epoch. */
    public static History of(Map<String, double[]> columns, double[] seconds) {
        History history = new History();
        columns.forEach((name, column) -> {
            if (column.length != seconds.length) {
                throw new IllegalArgumentException("a history needs one value per epoch: '" + name + "' has "
                        + column.length + " values for " + seconds.length + " epochs");
            }
            history.values.put(name, new ArrayList<>(Arrays.stream(column).boxed().toList()));
        });
        Arrays.stream(seconds).forEach(history.seconds::add);
        return history;
    }

    /** Every named column, in the order the names first appeared (the seconds not among them). */
    public Map<String, double[]> columns() {
        Map<String, double[]> columns = new LinkedHashMap<>();
        values.keySet().forEach(name -> columns.put(name, column(name)));
        return columns;
    }

    /** A copy that later epochs can be added to without changing this one. */
    History copy() {
        return of(columns(), seconds());
    }

    /** Records one epoch; a name missing from an epoch reads NaN there. */
    void add(Map<String, Double> epoch, double epochSeconds) {
        int before = epochs();
        epoch.keySet().forEach(name -> values.computeIfAbsent(name,
                n -> new ArrayList<>(Collections.nCopies(before, Double.NaN))));
        values.forEach((name, column) -> column.add(epoch.getOrDefault(name, Double.NaN)));
        seconds.add(epochSeconds);
    }

    public int epochs() {
        return seconds.size();
    }

    /** The names recorded, in the order they first appeared. */
    public List<String> names() {
        return List.copyOf(values.keySet());
    }

    /** One value per epoch ("seconds": the time each took); NaN for each epoch if the name was never recorded. */
    public double[] column(String name) {
        if (name.equals(SECONDS) && !values.containsKey(SECONDS)) {
            return seconds();
        }
        List<Double> column = values.get(name);
        return column == null ? nans() : column.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] loss() {
        return column(LOSS);
    }

    public double[] validationLoss() {
        return column(VALIDATION_LOSS);
    }

    public double lastLoss() {
        return loss()[epochs() - 1];
    }

    /** Seconds per epoch, one value per epoch. */
    public double[] seconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double secondsPerEpoch() {
        return seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    /** The losses of consecutive runs on the same network, end to end. */
    public static double[] loss(History... runs) {
        return Arrays.stream(runs).flatMapToDouble(run -> Arrays.stream(run.loss())).toArray();
    }

    /** One row per epoch: epoch, every recorded value, seconds. */
    public Table table(String name) {
        Table table = Table.create(name, IntColumn.create("epoch", IntStream.rangeClosed(1, epochs()).toArray()));
        values.keySet().forEach(column -> table.addColumns(DoubleColumn.create(column, column(column))));
        return table.addColumns(DoubleColumn.create(SECONDS, seconds()));
    }

    private double[] nans() {
        double[] nans = new double[epochs()];
        Arrays.fill(nans, Double.NaN);
        return nans;
    }
}
