package unsupervised.training;

import org.deeplearning4j.earlystopping.EarlyStoppingModelSaver;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.termination.EpochTerminationCondition;
import org.deeplearning4j.nn.api.Model;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;

/**
 * The course's one training loop: a network, a GAN, DEC and k-means all run through it. The caller gives the
 * minibatches (or iterations) of each epoch and a step that trains on one of them and returns its named losses; the
 * loop gives every caller the same things:
 * <ul>
 * <li>live progress: epoch (or update, restart) i of n, the named values, time elapsed and left ({@link Progress}:
 * one display updated in place in a notebook, about 25 lines elsewhere);</li>
 * <li>a {@link History}: per epoch the mean of each step value over the epoch's steps, the values measured at the
 * epoch's end ({@link #measuring}) and the seconds taken;</li>
 * <li>the interrupt check after every step and measurement ({@link #stopIfInterrupted}): the notebook's Interrupt
 * button ends the run with a {@link CancellationException};</li>
 * <li>per-epoch shuffles: {@link #epochSeed} is the seed of an epoch's order, for whoever draws it;</li>
 * <li>early stopping where asked ({@link #stoppingWhen}, {@link #keepingBest}): DL4J's epoch termination conditions
 * decide on a monitored value, and DL4J's {@link InMemoryModelSaver} keeps the model of the best epoch;</li>
 * <li>where asked ({@link #checkpointing}), a run that was ended from outside resumes from its last saved epoch.</li>
 * </ul>
 */
public final class TrainingLoop {
    /** One step on one minibatch (or one iteration): its named losses, e.g. {@code Map.of("loss", 0.12)}. */
    @FunctionalInterface
    public interface Step<B> {
        Map<String, Double> train(B batch);
    }

    /** The minibatches of one epoch (1-based), in that epoch's order. */
    @FunctionalInterface
    public interface Epochs<B> {
        Iterator<B> batches(int epoch);
    }

    /** Named values measured when an epoch (1-based) ends: a validation loss, accuracies, or none. */
    @FunctionalInterface
    public interface Measure {
        Map<String, Double> after(int epoch);
    }

    /** What a run left: its history, why it stopped, and (with {@link #keepingBest}) the best epoch and model. */
    public record Run(History history, String stopReason, int bestEpoch, Model best) {
    }

    private final String unit;
    private final int planned;
    private final boolean progress;
    private final Measure measure;
    private final String monitor;
    private final boolean minimize;
    private final List<EpochTerminationCondition> conditions;
    private final Model model;
    private final Checkpoint checkpoint;

    private TrainingLoop(String unit, int planned, boolean progress, Measure measure, String monitor, boolean minimize,
                         List<EpochTerminationCondition> conditions, Model model, Checkpoint checkpoint) {
        this.unit = unit;
        this.planned = planned;
        this.progress = progress;
        this.measure = measure;
        this.monitor = monitor;
        this.minimize = minimize;
        this.conditions = conditions;
        this.model = model;
        this.checkpoint = checkpoint;
    }

    /** At most {@code planned} epochs, with progress; {@code unit} names them in the progress ("epoch", "restart"). */
    public static TrainingLoop of(String unit, int planned) {
        if (planned < 1) {
            throw new IllegalArgumentException("cannot train for " + planned + " " + unit + "s: at least 1 is needed");
        }
        return new TrainingLoop(unit, planned, true, epoch -> Map.of(), null, true, List.of(), null, null);
    }

    /** Without progress, for runs repeated in a loop. */
    public TrainingLoop quiet() {
        return new TrainingLoop(unit, planned, false, measure, monitor, minimize, conditions, model, checkpoint);
    }

    /** With values measured at each epoch's end (they may replace a step value of the same name). */
    public TrainingLoop measuring(Measure measure) {
        return new TrainingLoop(unit, planned, progress, measure, monitor, minimize, conditions, model, checkpoint);
    }

    /**
     * Stops after the first epoch at which one of DL4J's {@code conditions} holds for the value named
     * {@code monitor} (e.g. {@code ScoreImprovementEpochTerminationCondition(patience)} on "val_loss").
     */
    public TrainingLoop stoppingWhen(String monitor, boolean minimize, EpochTerminationCondition... conditions) {
        return new TrainingLoop(unit, planned, progress, measure, monitor, minimize, List.of(conditions), model, checkpoint);
    }

    /** Keeps a copy of {@code model} at the epoch with the best finite monitored value (needs {@link #stoppingWhen}). */
    public TrainingLoop keepingBest(Model model) {
        return new TrainingLoop(unit, planned, progress, measure, monitor, minimize, conditions, model, checkpoint);
    }

    /**
     * Resumes from the state {@code checkpoint} restores (null: start at epoch 1, as without it) and hands it the
     * state after every epoch that does not end the run. The stopping conditions are replayed over the restored
     * history, so the run stops where an uninterrupted one would; each epoch's shuffle comes from its
     * {@link #epochSeed}, so the resumed epochs see the same orders.
     */
    public TrainingLoop checkpointing(Checkpoint checkpoint) {
        return new TrainingLoop(unit, planned, progress, measure, monitor, minimize, conditions, model, checkpoint);
    }

    /** The shuffle seed of one epoch (0-based here), never {@code seed + epoch}: see {@link ShuffledBatches}. */
    public static long epochSeed(long seed, int epoch) {
        return ShuffledBatches.epochSeed(seed, epoch);
    }

    /** Ends the run with a {@link CancellationException} if this thread was interrupted (the Interrupt button). */
    public static void stopIfInterrupted(String where) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("training interrupted in " + where);
        }
    }

    /** Runs epoch after epoch until {@code planned} or a stopping condition. */
    public <B> Run run(Epochs<B> epochs, Step<B> step) {
        if (model != null && monitor == null) {
            throw new IllegalStateException("keeping the best model needs a monitored value: call stoppingWhen");
        }
        conditions.forEach(EpochTerminationCondition::initialize);
        EarlyStoppingModelSaver<Model> saver = model == null ? null : new InMemoryModelSaver<>();
        Checkpoint.State restored = checkpoint == null ? null : checkpoint.restore();
        History history = restored == null ? new History() : restored.history().copy();
        int first = history.epochs() + 1;
        Progress display = progress ? new Progress(unit, planned, first) : null;
        long start = System.nanoTime();
        double best = Double.NaN;
        int bestEpoch = 0;
        String stopReason = "ran all " + planned + " " + unit + "s";
        try {
            if (restored != null && monitor != null) {
                // The conditions keep their own state (the best score, the epochs since): replay it.
                double[] scores = history.column(monitor);
                for (int epoch = 1; epoch < first; epoch++) {
                    double score = scores[epoch - 1];
                    if (Double.isFinite(score) && (bestEpoch == 0 || (minimize ? score < best : score > best))) {
                        best = score;
                        bestEpoch = epoch;
                    }
                    for (EpochTerminationCondition condition : conditions) {
                        condition.terminate(epoch - 1, score, minimize);
                    }
                }
                if (bestEpoch != restored.bestEpoch()) {
                    throw new IllegalStateException("the restored history's best epoch is " + bestEpoch
                            + ", the checkpoint says " + restored.bestEpoch());
                }
                if (saver != null && restored.best() != null) {
                    saver.saveBestModel(restored.best(), best);
                }
            }
            for (int epoch = first; epoch <= planned; epoch++) {
                long epochStart = System.nanoTime();
                Map<String, double[]> sums = new LinkedHashMap<>();  // name -> {sum, count}
                int steps = 0;
                for (Iterator<B> batches = epochs.batches(epoch); batches.hasNext(); ) {
                    Map<String, Double> losses = step.train(batches.next());
                    steps++;
                    stopIfInterrupted(unit + " " + epoch + ", step " + steps);
                    losses.forEach((name, value) -> {
                        double[] sum = sums.computeIfAbsent(name, n -> new double[2]);
                        sum[0] += value;
                        sum[1]++;
                    });
                    if (display != null) {
                        display.stepDone(epoch, steps, means(sums), seconds(start));
                    }
                }
                Map<String, Double> values = means(sums);
                values.putAll(measure.after(epoch));
                stopIfInterrupted("the measurement after " + unit + " " + epoch);
                history.add(values, seconds(epochStart));
                if (display != null) {
                    display.epochEnded(epoch, values, seconds(start));
                }
                if (monitor != null) {
                    Double score = values.get(monitor);
                    if (score == null) {
                        throw new IllegalStateException("early stopping monitors '" + monitor + "', which the "
                                + unit + " did not report; it reported " + values.keySet());
                    }
                    if (Double.isFinite(score) && (bestEpoch == 0 || (minimize ? score < best : score > best))) {
                        best = score;
                        bestEpoch = epoch;
                        if (saver != null) {
                            saver.saveBestModel(model, score);
                        }
                    }
                    EpochTerminationCondition met = conditions.stream()
                            .filter(c -> c.terminate(history.epochs() - 1, score, minimize)).findFirst().orElse(null);
                    if (met != null) {
                        stopReason = met.toString();
                        break;
                    }
                }
                if (checkpoint != null && epoch < planned) {
                    checkpoint.epochEnded(new Checkpoint.State(history, bestEpoch,
                            saver == null ? null : saver.getBestModel()));
                }
            }
            return new Run(history, stopReason, bestEpoch, saver == null ? null : saver.getBestModel());
        } catch (IOException e) {  // InMemoryModelSaver declares it, never throws it
            throw new UncheckedIOException(e);
        } finally {
            if (display != null) {
                display.finish();
            }
        }
    }

    private static Map<String, Double> means(Map<String, double[]> sums) {
        Map<String, Double> means = new LinkedHashMap<>();
        sums.forEach((name, sum) -> means.put(name, sum[0] / sum[1]));
        return means;
    }

    private static double seconds(long since) {
        return (System.nanoTime() - since) / 1e9;
    }
}
