package unsupervised.training;

import org.deeplearning4j.datasets.iterator.utilty.SingletonDataSetIterator;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

import java.util.Map;

/** Minibatch training as Keras' {@code fit} does it, on the {@link TrainingLoop}: reshuffled before every epoch. */
public final class Training {
    private Training() {
    }

    /** Trains {@code net} to map {@code x} to {@code y}; for an autoencoder pass the same array twice. */
    public static History fit(MultiLayerNetwork net, INDArray x, INDArray y, int epochs, int batchSize, long seed) {
        return fit(net, new DataSet(x, y), null, epochs, batchSize, seed);
    }

    /** As above, with the loss on {@code validation} recorded after each epoch (null for none). */
    public static History fit(MultiLayerNetwork net, DataSet train, DataSet validation, int epochs, int batchSize,
                              long seed) {
        return fit(net, train, validation, epochs, batchSize, seed, null);
    }

    /**
     * As above, with every minibatch passed through {@code corruption} just before the network sees it (for example
     * {@link unsupervised.data.Noise#freshGaussian}: new noise in every epoch); null for none.
     */
    public static History fit(MultiLayerNetwork net, DataSet train, DataSet validation, int epochs, int batchSize,
                              long seed, DataSetPreProcessor corruption) {
        return fit(net, train, validation, epochs, batchSize, seed, corruption, null);
    }

    /** As above, resuming from {@code checkpoint} and saving to it as training goes (null for none). */
    public static History fit(MultiLayerNetwork net, DataSet train, DataSet validation, int epochs, int batchSize,
                              long seed, DataSetPreProcessor corruption, Checkpoint checkpoint) {
        if (epochs < 1) {
            // DL4J's own message for this ("Number of epochs must be > 0") does not say where the number came from.
            throw new IllegalArgumentException("cannot train for " + epochs + " epochs: at least 1 is needed (check "
                    + "the epoch count the notebook computes, and UNSUPERVISED_EPOCHS if it is set)");
        }
        TrainingLoop loop = TrainingLoop.of("epoch", epochs).measuring(endOfEpoch(net,
                validation == null ? null : () -> net.score(validation))).checkpointing(checkpoint);
        return loop.run(epochs(train, batchSize, seed, corruption), step(net, false)).history();
    }

    /**
     * The minibatches of {@code train} in the loop's epochs: epoch e in the order of {@code epochSeed(seed, e - 1)},
     * gathered into one buffer per epoch ({@link ShuffledBatches}), each passed through {@code corruption} if given.
     */
    static TrainingLoop.Epochs<DataSet> epochs(DataSet train, int batchSize, long seed, DataSetPreProcessor corruption) {
        var batches = new ShuffledBatches(train, batchSize, seed);
        batches.setPreProcessor(corruption);
        return epoch -> {
            batches.shuffleFor(epoch - 1);
            return batches;
        };
    }

    /** One minibatch step of DL4J: {@code fit}, or for a one-layer network trained unsupervised, {@code pretrain}. */
    static TrainingLoop.Step<DataSet> step(MultiLayerNetwork net, boolean pretrain) {
        return batch -> {
            if (pretrain) {  // the score of DL4J's layer-wise pretraining lives in the layer
                net.pretrain(new SingletonDataSetIterator(batch));
                return Map.of(History.LOSS, net.getLayer(0).score());
            }
            net.fit(batch);
            return Map.of(History.LOSS, net.score());
        };
    }

    /** Counts the epoch as DL4J's own {@code fit(iterator)} does, then measures the validation loss if asked. */
    static TrainingLoop.Measure endOfEpoch(MultiLayerNetwork net, java.util.function.DoubleSupplier validationLoss) {
        return epoch -> {
            net.incrementEpochCount();
            return validationLoss == null ? Map.of() : Map.of(History.VALIDATION_LOSS, validationLoss.getAsDouble());
        };
    }
}
