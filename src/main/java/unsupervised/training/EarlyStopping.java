package unsupervised.training;

import org.deeplearning4j.earlystopping.EarlyStoppingConfiguration;
import org.deeplearning4j.earlystopping.EarlyStoppingResult;
import org.deeplearning4j.earlystopping.saver.InMemoryModelSaver;
import org.deeplearning4j.earlystopping.scorecalc.DataSetLossCalculator;
import org.deeplearning4j.earlystopping.scorecalc.ScoreCalculator;
import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.earlystopping.trainer.EarlyStoppingTrainer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import unsupervised.data.Splits;

import java.util.ArrayList;
import java.util.Locale;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Keras' {@code EarlyStopping(monitor="val_loss", patience=p, restore_best_weights=True)}, done with DL4J's
 * {@link EarlyStoppingTrainer}: train for at most {@code maxEpochs}, stop after {@code patience} epochs without a
 * lower validation loss, and keep the weights of the best epoch. Minibatches are reshuffled every epoch.
 *
 * @param progress print a progress line per epoch (about 25 at most) while training
 */
public record EarlyStopping(int maxEpochs, int patience, int batchSize, boolean progress) {

    public EarlyStopping {
        if (maxEpochs < 1 || patience < 1 || batchSize < 1) {
            throw new IllegalArgumentException("max epochs, patience and batch size must be positive: "
                    + maxEpochs + ", " + patience + ", " + batchSize);
        }
    }

    /** With progress lines. */
    public static EarlyStopping of(int maxEpochs, int patience, int batchSize) {
        return new EarlyStopping(maxEpochs, patience, batchSize, true);
    }

    public EarlyStopping withMaxEpochs(int epochs) {
        return new EarlyStopping(epochs, patience, batchSize, progress);
    }

    /** Without progress lines, for runs repeated in a loop (each still ends with its {@link Fit#summary()}). */
    public EarlyStopping quiet() {
        return new EarlyStopping(maxEpochs, patience, batchSize, false);
    }

    @Override
    public String toString() {
        return "early stopping: up to " + maxEpochs + " epochs, patience " + patience + ", batch " + batchSize;
    }

    /**
     * The validation loss the history has just measured. DL4J's trainer ends each epoch by calling the network's
     * listeners and only then its score calculator, so it decides on the same number without a second pass over the
     * validation set (which, for small labelled sets, cost as much as the training itself).
     */
    private record RecordedLoss(History history) implements ScoreCalculator<MultiLayerNetwork> {
        @Override
        public double calculateScore(MultiLayerNetwork network) {
            return history.lastValidationLoss();
        }

        @Override
        public boolean minimizeScore() {
            return true;
        }
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
        var validationLoss = new DataSetLossCalculator(Splits.batches(validation, batchSize), true);
        return run(net, train, () -> validationLoss.calculateScore(net), false, seed, trainingBatches);
    }

    /**
     * As {@link #fit}, for a network trained by DL4J's layer-wise {@code pretrain} instead of {@code fit}: a
     * variational autoencoder, whose objective lives in the layer, not in an output layer. DL4J's trainer scores
     * only the first layer, so the network must be that one layer; {@code validationLoss} scores it on held-out data.
     */
    public Fit pretrain(MultiLayerNetwork net, DataSet train, ToDoubleFunction<MultiLayerNetwork> validationLoss,
                        long seed) {
        if (net.getnLayers() != 1) {
            throw new IllegalArgumentException("pretrain early stopping needs a one-layer network, not "
                    + net.getnLayers() + " layers");
        }
        return run(net, train, () -> validationLoss.applyAsDouble(net), true, seed, null);
    }

    private Fit run(MultiLayerNetwork net, DataSet train, Supplier<Double> validationLoss, boolean pretrain,
                    long seed, DataSetPreProcessor trainingBatches) {
        History history = new History(maxEpochs, validationLoss, progress);
        var config = new EarlyStoppingConfiguration.Builder<MultiLayerNetwork>()
                .epochTerminationConditions(new MaxEpochsTerminationCondition(maxEpochs),
                        new ScoreImprovementEpochTerminationCondition(patience))
                .scoreCalculator(new RecordedLoss(history))
                .modelSaver(new InMemoryModelSaver<>())
                .build();
        var batches = new ShuffledBatches(train, batchSize, seed);
        batches.setPreProcessor(trainingBatches);
        var trainer = new EarlyStoppingTrainer(config, net, batches);
        net.addListeners(history);
        if (pretrain) {  // DL4J's layer-wise pretraining reports iterations to the layer's listeners only
            net.getLayer(0).addListeners(history);
        }
        EarlyStoppingResult<MultiLayerNetwork> result;
        try {
            result = pretrain ? trainer.pretrain() : trainer.fit();
        } finally {
            net.getListeners().remove(history);
            net.getLayer(0).getListeners().remove(history);
        }
        if (result.getTerminationReason() == EarlyStoppingResult.TerminationReason.Error) {
            throw new IllegalStateException("training failed: " + result.getTerminationDetails());
        }
        MultiLayerNetwork best = result.getBestModel();
        best.setListeners(new ArrayList<>());
        best.getLayer(0).setListeners(new ArrayList<>());
        return new Fit(best, result.getBestModelEpoch() + 1, history, result.getTerminationDetails());
    }
}
