package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import unsupervised.data.SeededRandom;

/**
 * Softmax classifiers on cross-entropy (Keras' sparse categorical cross-entropy, with one-hot labels), either from
 * scratch or on top of a pre-trained encoder.
 */
public final class Classifiers {
    private Classifiers() {
    }

    /** {@code inputs -> hidden[0] -> ... -> classes}, ReLU hidden layers, Adam 1e-3, Glorot uniform. */
    public static MultiLayerNetwork dense(int inputs, int[] hidden, int classes, long seed) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.layers(seed);
        int width = inputs;
        for (int units : hidden) {
            layers.layer(denseLayer(width, units));
            width = units;
        }
        layers.layer(outputLayer(width, classes));
        return KerasDefaults.build(layers);
    }

    /**
     * A classifier that starts from the first {@code encoderLayers} layers of {@code autoencoder} (weights copied,
     * the autoencoder is left as it is) and adds fresh ReLU layers {@code head} and a softmax output.
     *
     * @param frozen true to keep the encoder's weights fixed (a feature extractor), false to fine-tune them too
     */
    public static MultiLayerNetwork onEncoder(MultiLayerNetwork autoencoder, int encoderLayers, int[] head,
                                              int classes, boolean frozen, long seed) {
        return onEncoder(autoencoder, encoderLayers, new int[0], head, classes, frozen, seed);
    }

    /**
     * As above, with fresh ReLU layers {@code untrained} appended to the encoder before the head: they count as
     * encoder, and are frozen with it. This is the article's encoder, whose last layer the decoder never read, so it
     * kept its random initial weights.
     */
    public static MultiLayerNetwork onEncoder(MultiLayerNetwork autoencoder, int encoderLayers, int[] untrained,
                                              int[] head, int classes, boolean frozen, long seed) {
        int layers = autoencoder.getnLayers();
        if (encoderLayers < 1 || encoderLayers >= layers) {
            throw new IllegalArgumentException("the encoder is 1 to " + (layers - 1) + " layers of this "
                    + layers + "-layer autoencoder, not " + encoderLayers);
        }
        var builder = new TransferLearning.Builder(autoencoder.clone())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().seed(SeededRandom.nonZero(seed))
                        .updater(new Adam(1e-3)).build())
                .removeLayersFromOutput(layers - encoderLayers);
        if (frozen) {
            // DL4J freezes at build(), counting the layers added below, so this reaches the untrained ones too.
            builder.setFeatureExtractor(encoderLayers + untrained.length - 1);
        }
        long width = autoencoder.getLayer(encoderLayers - 1).getParam("W").size(1);
        // TransferLearning draws each added layer's weights from ND4J's global generator (whatever state earlier
        // cells left it in; its first seed is the clock), not from the fine-tune seed: seed it, so that the head
        // depends on the seed alone.
        Nd4j.getRandom().setSeed(SeededRandom.nonZero(seed));
        for (int units : untrained) {
            builder.addLayer(denseLayer(width, units));
            width = units;
        }
        for (int units : head) {
            builder.addLayer(denseLayer(width, units));
            width = units;
        }
        return builder.addLayer(outputLayer(width, classes)).build();
    }

    private static DenseLayer denseLayer(long inputs, int units) {
        return new DenseLayer.Builder().nIn(inputs).nOut(units).activation(Activation.RELU)
                .weightInit(WeightInit.XAVIER_UNIFORM).build();
    }

    private static OutputLayer outputLayer(long inputs, int classes) {
        return new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(inputs).nOut(classes)
                .activation(Activation.SOFTMAX).weightInit(WeightInit.XAVIER_UNIFORM).build();
    }
}
