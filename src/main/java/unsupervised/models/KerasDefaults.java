package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.learning.config.Adam;
import unsupervised.data.SeededRandom;

/** What Keras sets without being asked, so the DL4J models train like the article's: Glorot uniform, Adam 1e-3. */
final class KerasDefaults {
    private KerasDefaults() {
    }

    static NeuralNetConfiguration.ListBuilder layers(long seed) {
        return new NeuralNetConfiguration.Builder()
                .seed(SeededRandom.nonZero(seed))
                .weightInit(WeightInit.XAVIER_UNIFORM)
                .updater(new Adam(1e-3))
                .list();
    }

    static MultiLayerNetwork build(NeuralNetConfiguration.ListBuilder layers) {
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }
}
