package unsupervised.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * A DL4J listener that keeps, per epoch, the mean training loss over its minibatches (as Keras reports it), an
 * optional validation loss and the time taken, and prints a progress line while training runs.
 */
public final class History extends BaseTrainingListener {
    private final int plannedEpochs;
    private final boolean progress;
    private final Supplier<Double> validationLoss;
    private final List<Double> loss = new ArrayList<>();
    private final List<Double> validation = new ArrayList<>();
    private final List<Double> seconds = new ArrayList<>();
    private double scoreSum;
    private int batches;
    private long epochStart;

    /**
     * @param plannedEpochs  for the progress line, and to print about 25 lines at most
     * @param validationLoss computed at each epoch's end, or null
     */
    public History(int plannedEpochs, Supplier<Double> validationLoss) {
        this(plannedEpochs, validationLoss, true);
    }

    /** As above; {@code progress} false prints nothing, for runs repeated in a loop. */
    public History(int plannedEpochs, Supplier<Double> validationLoss, boolean progress) {
        this.plannedEpochs = plannedEpochs;
        this.validationLoss = validationLoss;
        this.progress = progress;
    }

    /** A finished history read back from its numbers (a saved model's), printing nothing. */
    public static History restored(double[] loss, double[] validationLoss, double[] seconds) {
        if (loss.length != seconds.length || (validationLoss != null && validationLoss.length != loss.length)) {
            throw new IllegalArgumentException("a history needs as many losses, validation losses and times as epochs");
        }
        History history = new History(loss.length, validationLoss == null ? null : () -> Double.NaN, false);
        for (int i = 0; i < loss.length; i++) {
            history.loss.add(loss[i]);
            history.validation.add(validationLoss == null ? Double.NaN : validationLoss[i]);
            history.seconds.add(seconds[i]);
        }
        return history;
    }

    /** Seconds per epoch, one value per epoch. */
    public double[] seconds() {
        return seconds.stream().mapToDouble(Double::doubleValue).toArray();
    }

    @Override
    public void onEpochStart(Model model) {
        scoreSum = 0;
        batches = 0;
        epochStart = System.nanoTime();
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        scoreSum += model.score();
        batches++;
    }

    @Override
    public void onEpochEnd(Model model) {
        loss.add(batches == 0 ? Double.NaN : scoreSum / batches);
        validation.add(validationLoss == null ? Double.NaN : validationLoss.get());
        seconds.add((System.nanoTime() - epochStart) / 1e9);
        int epoch = loss.size();
        int every = Math.max(1, (int) Math.ceil(plannedEpochs / 25.0));
        if (progress && (epoch == 1 || epoch % every == 0 || epoch == plannedEpochs)) {
            System.out.println(String.format(Locale.ROOT, "epoch %3d/%d  loss %.5f%s  (%.1f s)", epoch, plannedEpochs,
                    lastLoss(), validationLoss == null ? "" : String.format(Locale.ROOT, "  val_loss %.5f",
                            validation.get(epoch - 1)), seconds.get(epoch - 1)));
        }
    }

    public int epochs() {
        return loss.size();
    }

    public double lastLoss() {
        return loss.get(loss.size() - 1);
    }

    public double lastValidationLoss() {
        return validation.get(validation.size() - 1);
    }

    public double[] loss() {
        return loss.stream().mapToDouble(Double::doubleValue).toArray();
    }

    public double[] validationLoss() {
        return validation.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** The losses of consecutive runs on the same network, end to end. */
    public static double[] loss(History... runs) {
        return java.util.Arrays.stream(runs).flatMapToDouble(run -> java.util.Arrays.stream(run.loss())).toArray();
    }

    public double secondsPerEpoch() {
        return seconds.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    }

    public boolean hasValidation() {
        return validationLoss != null;
    }

    /** One row per epoch: epoch, loss, (val_loss,) seconds. */
    public Table table(String name) {
        Table table = Table.create(name, IntColumn.create("epoch", java.util.stream.IntStream.rangeClosed(1,
                epochs()).toArray()), DoubleColumn.create("loss", loss()));
        if (hasValidation()) {
            table.addColumns(DoubleColumn.create("val_loss", validationLoss()));
        }
        return table.addColumns(DoubleColumn.create("seconds", seconds.stream().mapToDouble(Double::doubleValue)));
    }
}
