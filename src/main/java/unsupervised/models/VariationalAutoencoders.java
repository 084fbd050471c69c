package unsupervised.models;

import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.params.VariationalAutoencoderParamInitializer;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The article's variational autoencoder as DL4J's {@link VariationalAutoencoder} layer: a ReLU encoder, a Gaussian
 * q(z|x) with mean and log-variance heads, a ReLU decoder and Bernoulli (sigmoid) pixel probabilities. The layer
 * owns its objective (negative ELBO, averaged over the minibatch), so it is trained with {@code pretrain}, not
 * {@code fit}; {@code VariationalAutoencodersTest} checks that objective against one computed by hand.
 * The network holds this one layer, and each method below reads its parameters by DL4J's names.
 */
public final class VariationalAutoencoders {
    /** The article's widths: one 500-unit hidden layer on each side. */
    public static final int HIDDEN = 500;
    /** The article trains for up to 500 epochs; the full profile stops here to fit the report's time budget. */
    public static final int FULL_PROFILE_EPOCHS = 60;
    public static final long SEED = 1;

    private VariationalAutoencoders() {
    }

    /** The model-store name of the Fashion-MNIST VAE with a {@code latent}-dimensional code. */
    public static String storeName(int latent) {
        return "fashion-vae-" + latent + "d";
    }

    /** {@code inputs -> encoder... -> (mu, log sigma^2) of size latent -> z -> decoder... -> inputs}, Adam 1e-3. */
    public static MultiLayerNetwork dense(int inputs, int[] encoder, int latent, int[] decoder, long seed) {
        return KerasDefaults.build(KerasDefaults.layers(seed).layer(new VariationalAutoencoder.Builder()
                .nIn(inputs).encoderLayerSizes(encoder).nOut(latent).decoderLayerSizes(decoder)
                .activation(Activation.RELU)
                .pzxActivationFunction(Activation.IDENTITY)
                .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                .numSamples(1)
                .build()));
    }

    /** The layer itself, for DL4J's own VAE methods. */
    public static org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer(MultiLayerNetwork vae) {
        if (vae.getnLayers() != 1 || !(vae.getLayer(0)
                instanceof org.deeplearning4j.nn.layers.variational.VariationalAutoencoder layer)) {
            throw new IllegalArgumentException("expected a network of one VariationalAutoencoder layer, got "
                    + vae.getnLayers() + " layer(s) starting with " + vae.getLayer(0).getClass().getSimpleName());
        }
        return layer;
    }

    private static VariationalAutoencoder config(MultiLayerNetwork vae) {
        return (VariationalAutoencoder) layer(vae).conf().getLayer();
    }

    /** The mean and log-variance of q(z|x), row by row. */
    public record Posterior(INDArray mean, INDArray logVariance) {
    }

    /** Encodes {@code x} into q(z|x): the encoder layers, then the two linear heads. */
    public static Posterior posterior(MultiLayerNetwork vae, INDArray x) {
        VariationalAutoencoder conf = config(vae);
        if (!(conf.getPzxActivationFn() instanceof ActivationIdentity)) {
            throw new IllegalArgumentException("the mean and log-variance heads must be linear (IDENTITY), not "
                    + conf.getPzxActivationFn());
        }
        INDArray h = x.castTo(vae.params().dataType());
        for (int i = 0; i < conf.getEncoderLayerSizes().length; i++) {
            h = dense(vae, h, "e" + i, conf.getActivationFn());
        }
        return new Posterior(
                dense(vae, h, "pZXMean", null),
                dense(vae, h, "pZXLogStd2", null));
    }

    /** The logits of the pixel probabilities p(x|z): the decoder layers, then the linear output. */
    public static INDArray decoderLogits(MultiLayerNetwork vae, INDArray z) {
        VariationalAutoencoder conf = config(vae);
        INDArray h = z;
        for (int i = 0; i < conf.getDecoderLayerSizes().length; i++) {
            h = dense(vae, h, "d" + i, conf.getActivationFn());
        }
        return dense(vae, h, "pXZ", null);
    }

    /** The decoder's pixel probabilities (the Bernoulli means) for latent points {@code z}: images to look at. */
    public static INDArray decode(MultiLayerNetwork vae, INDArray z) {
        return layer(vae).generateAtMeanGivenZ(z.castTo(vae.params().dataType()));
    }

    /** The posterior means of {@code x}: the code a VAE gives an image (DL4J's {@code output} of the layer). */
    public static INDArray mean(MultiLayerNetwork vae, INDArray x) {
        return vae.output(x);
    }

    private static INDArray dense(MultiLayerNetwork vae, INDArray in, String prefix, IActivation activation) {
        INDArray out = in.mmul(vae.getParam("0_" + prefix + VariationalAutoencoderParamInitializer.WEIGHT_KEY_SUFFIX))
                .addiRowVector(vae.getParam("0_" + prefix + VariationalAutoencoderParamInitializer.BIAS_KEY_SUFFIX));
        return activation == null ? out : activation.getActivation(out, false);
    }
}
