package unsupervised.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;

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
        History history = new History(epochs, validation == null ? null : () -> net.score(validation));
        net.addListeners(history, StopOnInterrupt.INSTANCE);
        try {
            net.fit(new ShuffledBatches(train, batchSize, seed), epochs);
        } finally {
            net.getListeners().removeAll(java.util.List.of(history, StopOnInterrupt.INSTANCE));
            history.finish();
        }
        return history;
    }
}
