package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

/** Fully connected autoencoders, configured as Keras' defaults would build them (Glorot uniform, Adam 1e-3). */
public final class Autoencoders {
    private Autoencoders() {
    }

    /**
     * A stack of Dense layers {@code inputs -> hidden[0] -> ... -> hidden[k-1] -> inputs}, trained on MSE.
     *
     * @param hidden           the widths of the hidden layers, e.g. {32, 16, 32}
     * @param hiddenActivation the activation of every hidden layer
     * @param outputActivation the activation of the reconstruction (sigmoid in the article, identity to
     *                         reproduce any real value)
     */
    public static MultiLayerNetwork dense(int inputs, int[] hidden, Activation hiddenActivation,
                                          Activation outputActivation, long seed) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.layers(seed);
        int width = inputs;
        for (int units : hidden) {
            layers.layer(new DenseLayer.Builder().nIn(width).nOut(units).activation(hiddenActivation).build());
            width = units;
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(inputs)
                .activation(outputActivation).build());
        return KerasDefaults.build(layers);
    }

    /** The activations of layer {@code layer} (0-based) for input {@code x}: the code, for the middle layer. */
    public static INDArray encode(MultiLayerNetwork net, INDArray x, int layer) {
        return net.feedForwardToLayer(layer, x, false).get(layer + 1);
    }
}
