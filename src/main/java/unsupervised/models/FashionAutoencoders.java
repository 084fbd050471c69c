package unsupervised.models;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Fashion-MNIST autoencoders of the fourth article (notebooks 06 and 07). The trained deep autoencoder that
 * later notebooks reuse is {@code unsupervised.course.Fashion.trainedDeep()}.
 */
public final class FashionAutoencoders {
    /** The widths of the deep autoencoder's encoder; the decoder mirrors them. */
    public static final int[] ENCODER = {2000, 500, 500, 10};
    /** The model-store name of notebook 06's deep autoencoder. */
    public static final String DEEP = "fashion-deep-autoencoder";
    /** The article trains for up to 500 epochs; the full profile stops here to fit the report's time budget. */
    public static final int FULL_PROFILE_EPOCHS = 20;
    public static final long SEED = 1;
    private static final int PIXELS = 784;

    private FashionAutoencoders() {
    }

    /** 784-2000-500-500-10 (sigmoid code) then 500-500-2000-784 (linear output), ReLU elsewhere, MSE, Adam. */
    public static MultiLayerNetwork deep(long seed) {
        return sparse(0, seed);
    }

    /**
     * The deep autoencoder with a linear code layer, as DEC-keras builds its own: Deep Embedded Clustering needs
     * codes that can move apart (notebook 09 measures that it drifts away from the classes on the sigmoid code).
     */
    public static MultiLayerNetwork deepLinearCode(long seed) {
        return build(0, Activation.IDENTITY, seed);
    }

    /**
     * The deep autoencoder with an L1 activity penalty of weight {@code l1} on the outputs of the encoder's last
     * three layers (500, 500 and the code), as the article's sparse autoencoder; 0 gives {@link #deep}.
     */
    public static MultiLayerNetwork sparse(double l1, long seed) {
        return build(l1, Activation.SIGMOID, seed);
    }

    private static MultiLayerNetwork build(double l1, Activation codeActivation, long seed) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.layers(seed);
        int width = PIXELS;
        for (int i = 0; i < ENCODER.length; i++) {
            boolean code = i == ENCODER.length - 1;
            layers.layer(new DenseLayer.Builder().nIn(width).nOut(ENCODER[i])
                    .activation(code ? codeActivation : Activation.RELU).build());
            if (l1 > 0 && i > 0) {
                layers.layer(new ActivityL1(l1));
            }
            width = ENCODER[i];
        }
        for (int i = ENCODER.length - 2; i >= 0; i--) {
            layers.layer(new DenseLayer.Builder().nIn(width).nOut(ENCODER[i]).activation(Activation.RELU).build());
            width = ENCODER[i];
        }
        layers.layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(width).nOut(PIXELS)
                .activation(Activation.IDENTITY).build());
        return KerasDefaults.build(layers);
    }

    /**
     * The article's convolutional autoencoder, on flat 784-pixel rows: Conv 64, 32, 16 (3 x 3, ReLU, same padding)
     * each followed by 2 x 2 max-pooling (same padding, so 7 -> 4), then Conv 16 + upsample, Conv 32 + upsample,
     * Conv 64 with valid padding (16 -> 14) + upsample to 28, and Conv 1 (3 x 3, same, linear), trained on MSE.
     */
    public static MultiLayerNetwork convolutional(long seed) {
        NeuralNetConfiguration.ListBuilder layers = KerasDefaults.layers(seed);
        for (int channels : new int[]{64, 32, 16}) {
            layers.layer(conv(channels, Activation.RELU, ConvolutionMode.Same));
            layers.layer(new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2)
                    .stride(2, 2).convolutionMode(ConvolutionMode.Same).build());
        }
        layers.layer(conv(16, Activation.RELU, ConvolutionMode.Same)).layer(new Upsampling2D.Builder(2).build());
        layers.layer(conv(32, Activation.RELU, ConvolutionMode.Same)).layer(new Upsampling2D.Builder(2).build());
        layers.layer(conv(64, Activation.RELU, ConvolutionMode.Truncate)).layer(new Upsampling2D.Builder(2).build());
        layers.layer(conv(1, Activation.IDENTITY, ConvolutionMode.Same));
        // The 28 x 28 output is flattened back to a row, so inputs, targets and metrics stay flat images.
        layers.layer(new LossLayer.Builder(LossFunctions.LossFunction.MSE).activation(Activation.IDENTITY).build());
        layers.setInputType(InputType.convolutionalFlat(28, 28, 1));
        return KerasDefaults.build(layers);
    }

    private static ConvolutionLayer conv(int channels, Activation activation, ConvolutionMode mode) {
        return new ConvolutionLayer.Builder(3, 3).nOut(channels).activation(activation).convolutionMode(mode)
                .build();
    }

    /** The 10-unit codes of {@code images} (one row each), from {@link #deep} or {@link #sparse}. */
    public static INDArray encode(MultiLayerNetwork autoencoder, INDArray images) {
        return Autoencoders.encode(autoencoder, images, codeLayer(autoencoder));
    }

    /**
     * The outputs of the encoder layers that the article penalises (its second, third and fourth dense layers:
     * 500, 500 and the 10-unit code), by name, for {@code images}.
     */
    public static Map<String, INDArray> penalisedActivations(MultiLayerNetwork autoencoder, INDArray images) {
        List<INDArray> activations = autoencoder.feedForward(images, false);
        Map<String, INDArray> out = new LinkedHashMap<>();
        int dense = 0;
        for (int i = 0; i < autoencoder.getnLayers() && dense < ENCODER.length; i++) {
            if (autoencoder.getLayer(i).conf().getLayer() instanceof DenseLayer) {
                if (dense > 0) {
                    out.put(dense == ENCODER.length - 1 ? "code (10, sigmoid)" : "layer " + (dense + 1) + " ("
                            + ENCODER[dense] + ", ReLU)", activations.get(i + 1));
                }
                dense++;
            }
        }
        return out;
    }

    /** The index of the first layer as narrow as the code: where {@link #encode} reads. */
    public static int codeLayer(MultiLayerNetwork autoencoder) {
        int narrowest = -1;
        long width = Long.MAX_VALUE;
        for (int i = 0; i < autoencoder.getnLayers(); i++) {
            if (autoencoder.getLayer(i).conf().getLayer() instanceof DenseLayer dense && dense.getNOut() < width) {
                width = dense.getNOut();
                narrowest = i;
            }
        }
        if (narrowest < 0) {
            throw new IllegalArgumentException("this network has no dense layer, so no code to read");
        }
        return narrowest;
    }
}
