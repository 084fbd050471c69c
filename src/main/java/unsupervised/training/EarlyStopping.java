package unsupervised.training;

import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import unsupervised.data.Splits;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Locale;
import java.util.function.DoubleSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Keras' {@code EarlyStopping(monitor="val_loss", patience=p, restore_best_weights=True)} on the {@link TrainingLoop},
 * with DL4J's early-stopping pieces (its termination conditions decide, its in-memory saver keeps the best model):
 * train for at most {@code maxEpochs}, stop after {@code patience} epochs without a lower validation loss, and keep
 * the weights of the best epoch. Minibatches are reshuffled every epoch.
 *
 * @param progress show the progress while training (a live display in a notebook, else about 25 lines)
 * @param extra    values measured after each epoch besides the validation loss, into the history (null for none)
 */
public record EarlyStopping(int maxEpochs, int patience, int batchSize, boolean progress, TrainingLoop.Measure extra) {

    public EarlyStopping {
        if (maxEpochs < 1 || patience < 1 || batchSize < 1) {
            throw new IllegalArgumentException("max epochs, patience and batch size must be positive: "
                    + maxEpochs + ", " + patience + ", " + batchSize);
        }
    }

    /** With progress lines. */
    public static EarlyStopping of(int maxEpochs, int patience, int batchSize) {
        return new EarlyStopping(maxEpochs, patience, batchSize, true, null);
    }

    public EarlyStopping withMaxEpochs(int epochs) {
        return new EarlyStopping(epochs, patience, batchSize, progress, extra);
    }

    /** Also measuring {@code extra} after each epoch (say, scores at chosen epochs), into the history. */
    public EarlyStopping alsoMeasuring(TrainingLoop.Measure extra) {
        return new EarlyStopping(maxEpochs, patience, batchSize, progress, extra);
    }

    /** Without progress lines, for runs repeated in a loop (each still ends with its {@link Fit#summary()}). */
    public EarlyStopping quiet() {
        return new EarlyStopping(maxEpochs, patience, batchSize, false, extra);
    }

    @Override
    public String toString() {
        return "early stopping: up to " + maxEpochs + " epochs, patience " + patience + ", batch " + batchSize;
    }

    /** What a run left: the best network, its epoch (1-based), the per-epoch history and why it stopped. */
    public record Fit(MultiLayerNetwork best, int bestEpoch, History history, String stopReason) {
        /** One line for the notebook: how long it ran, where it peaked, and the time per epoch. */
        public String summary() {
            return String.format(Locale.ROOT, "%d epochs (best: %d, val_loss %.5f), %.1f s/epoch; %s",
                    history.epochs(), bestEpoch, history.validationLoss()[bestEpoch - 1],
                    history.secondsPerEpoch(), stopReason);
        }
    }

    public Fit fit(MultiLayerNetwork net, DataSet train, DataSet validation, long seed) {
        return fit(net, train, validation, seed, null);
    }

    /**
     * As above, with every training batch passed through {@code trainingBatches} first (null for none): a fresh
     * corruption of the inputs per batch and epoch, for a denoising autoencoder.
     */
    public Fit fit(MultiLayerNetwork net, DataSet train, DataSet validation, long seed,
                   DataSetPreProcessor trainingBatches) {
        return fit(net, train, validation, seed, trainingBatches, null);
    }

    /**
     * As above, resuming from {@code checkpoint} and saving to it as training goes (null for none; see
     * {@link TrainingLoop#checkpointing}). A resumed run gives the network an uninterrupted run gives, except that
     * {@code trainingBatches} draws from where it stands, not from where the first run stood.
     */
    public Fit fit(MultiLayerNetwork net, DataSet train, DataSet validation, long seed,
                   DataSetPreProcessor trainingBatches, Checkpoint checkpoint) {
        var validationLoss = new DataSetLossCalculator(Splits.batches(validation, batchSize), true);
        return run(net, train, () -> validationLoss.calculateScore(net), false, seed, trainingBatches, checkpoint);
    }

    /**
     * As {@link #fit}, for a network trained by DL4J's layer-wise {@code pretrain} instead of {@code fit}: a
     * variational autoencoder, whose objective lives in the layer, not in an output layer. Its step scores
     * only the first layer, so the network must be that one layer; {@code validationLoss} scores it on held-out data.
     */
    public Fit pretrain(MultiLayerNetwork net, DataSet train, ToDoubleFunction<MultiLayerNetwork> validationLoss,
                        long seed) {
        return pretrain(net, train, validationLoss, seed, null);
    }

    /** As above, resuming from {@code checkpoint} and saving to it as training goes (null for none). */
    public Fit pretrain(MultiLayerNetwork net, DataSet train, ToDoubleFunction<MultiLayerNetwork> validationLoss,
                        long seed, Checkpoint checkpoint) {
        if (net.getnLayers() != 1) {
            throw new IllegalArgumentException("pretrain early stopping needs a one-layer network, not "
                    + net.getnLayers() + " layers");
        }
        return run(net, train, () -> validationLoss.applyAsDouble(net), true, seed, null, checkpoint);
    }

    private Fit run(MultiLayerNetwork net, DataSet train, DoubleSupplier validationLoss, boolean pretrain,
                    long seed, DataSetPreProcessor trainingBatches, Checkpoint checkpoint) {
        TrainingLoop loop = TrainingLoop.of("epoch", maxEpochs)
                .measuring(extra == null ? Training.endOfEpoch(net, validationLoss) : epoch -> {
                    Map<String, Double> values = new LinkedHashMap<>(Training.endOfEpoch(net, validationLoss)
                            .after(epoch));
                    values.putAll(extra.after(epoch));
                    return values;
                })
                .stoppingWhen(History.VALIDATION_LOSS, true, new MaxEpochsTerminationCondition(maxEpochs),
                        new ScoreImprovementEpochTerminationCondition(patience))
                .keepingBest(net)
                .checkpointing(checkpoint);
        var run = (progress ? loop : loop.quiet())
                .run(Training.epochs(train, batchSize, seed, trainingBatches), Training.step(net, pretrain));
        History history = run.history();
        double[] validationLosses = history.validationLoss();
        if (run.best() == null) {
            // DL4J's own trainer only warns about a non-finite score, and then keeps the first epoch's model.
            throw new IllegalStateException(String.format(Locale.ROOT, "early stopping has no best model: the "
                    + "validation loss was not finite (NaN or Infinity) in epochs %s of %d; validation loss per epoch: "
                    + "%s, training loss: %s. The network diverged, or the training or validation data hold NaN "
                    + "or Infinity: check them, or lower the learning rate.", nonFiniteEpochs(validationLosses),
                    history.epochs(), Arrays.toString(validationLosses), Arrays.toString(history.loss())));
        }
        String stopReason = run.stopReason();
        if (!nonFiniteEpochs(validationLosses).isEmpty()) {
            stopReason += "; validation loss not finite in epochs " + nonFiniteEpochs(validationLosses);
        }
        return new Fit((MultiLayerNetwork) run.best(), run.bestEpoch(), history, stopReason);
    }

    /** The 1-based epochs whose loss is NaN or infinite. */
    private static java.util.List<Integer> nonFiniteEpochs(double[] losses) {
        return java.util.stream.IntStream.range(0, losses.length).filter(i -> !Double.isFinite(losses[i]))
                .mapToObj(i -> i + 1).toList();
    }
}
