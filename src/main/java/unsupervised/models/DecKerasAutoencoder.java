package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.distribution.UniformDistribution;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import unsupervised.data.SeededRandom;

/**
 * The autoencoder that DEC-keras (X. Guo's Keras implementation of Deep Embedded Clustering, Xie et al., 2016;
 * {@code DEC.py}) pre-trains for MNIST and Fashion-MNIST: 784-500-500-2000-10 with ReLU, a linear code, the mirror
 * decoder with a linear output, MSE; every weight drawn from Keras' {@code VarianceScaling(1/3, "fan_in", "uniform")},
 * that is U(-a, a) with a = sqrt(3 * (1/3) / fan_in) = 1/sqrt(fan_in), biases zero; Keras' SGD with learning rate 1
 * and classical momentum 0.9 ({@link ClassicalMomentum}: DL4J's own momentum is Nesterov's), batch 256, 300 epochs.
 */
public final class DecKerasAutoencoder {
    public static final int[] ENCODER = {500, 500, 2000, 10};
    public static final int PRETRAIN_EPOCHS = 300;
    public static final int BATCH = 256;
    private static final int PIXELS = 784;

    private DecKerasAutoencoder() {
    }

    public static MultiLayerNetwork build(long seed) {
        NeuralNetConfiguration.ListBuilder layers = new NeuralNetConfiguration.Builder()
                .seed(SeededRandom.nonZero(seed))
                .updater(new ClassicalMomentum(1, 0.9))
                .list();
        int width = PIXELS;
        for (int i = 0; i < ENCODER.length; i++) {
            layers.layer(dense(width, ENCODER[i], i == ENCODER.length - 1 ? Activation.IDENTITY : Activation.RELU));
            width = ENCODER[i];
        }
        for (int i = ENCODER.length - 2; i >= 0; i--) {
            layers.layer(dense(width, ENCODER[i], Activation.RELU));
            width = ENCODER[i];
        }
        double a = 1 / Math.sqrt(width);
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(PIXELS)
                .activation(Activation.IDENTITY).weightInit(new UniformDistribution(-a, a)).build());
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }

    /** The index of the code layer (the encoder's last). */
    public static int codeLayer() {
        return ENCODER.length - 1;
    }

    private static DenseLayer dense(int in, int out, Activation activation) {
        double a = 1 / Math.sqrt(in);  // VarianceScaling(1/3, fan_in, uniform)
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(activation)
                .weightInit(new UniformDistribution(-a, a)).build();
    }
}
