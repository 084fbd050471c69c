package unsupervised.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;

/** Minibatch training as Keras' {@code fit} does it: the data is reshuffled before every epoch. */
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
        if (epochs < 1) {
            // DL4J's own message for this ("Number of epochs must be > 0") does not say where the number came from.
            throw new IllegalArgumentException("cannot train for " + epochs + " epochs: at least 1 is needed (check "
                    + "the epoch count the notebook computes, and UNSUPERVISED_EPOCHS if it is set)");
        }
        var batches = new ShuffledBatches(train, batchSize, seed);
        batches.setPreProcessor(corruption);
        History history = new History(epochs, validation == null ? null : () -> net.score(validation));
        net.addListeners(history, StopOnInterrupt.INSTANCE);
        try {
            net.fit(batches, epochs);
        } finally {
            net.getListeners().removeAll(java.util.List.of(history, StopOnInterrupt.INSTANCE));
            history.finish();
        }
        return history;
    }
}
