package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.Layer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import unsupervised.data.SeededRandom;

import java.util.ArrayList;
import java.util.List;

/**
 * A generative adversarial network of dense layers: a generator G (noise -> pixels, tanh output) and a discriminator
 * D (pixels -> probability that the image is real). Inside the GAN images live in [-1, 1], as in Radford et al.
 * (2015): G's tanh output has a gradient everywhere, where a sigmoid output pinned near black saturates. The methods
 * take and return images in [0, 1], like the data sets. Two DL4J networks
 * hold them: {@link #discriminator()} is D alone, trained on real and generated images; {@link #combined()} is G
 * followed by a copy of D whose layers are wrapped in {@link FrozenLayerWithBackprop}, so that fitting it changes
 * only G while the error still flows back through D (a plain {@code FrozenLayer} would stop it there). Before each
 * generator step D's current weights are copied into the combined network.
 *
 * <p>Labels: {@link #REAL} = 1 and {@link #FAKE} = 0 for D. G is trained by fitting the combined network to
 * {@code REAL} on generated images: minimising {@code -log D(G(z))}, the non-saturating loss of Goodfellow et al.
 * (2014), which keeps G's gradient large while D confidently rejects its images (the saturating form,
 * minimising {@code log(1 - D(G(z)))}, would have a vanishing gradient exactly then).
 */
public final class Gan {
    public static final double REAL = 1;
    public static final double FAKE = 0;

    private final MultiLayerNetwork discriminator;
    private final MultiLayerNetwork combined;
    private final int generatorLayers;
    private final long generatorParams;
    private final int noiseSize;

    private Gan(MultiLayerNetwork discriminator, MultiLayerNetwork combined, int generatorLayers, int noiseSize) {
        this.discriminator = discriminator;
        this.combined = combined;
        this.generatorLayers = generatorLayers;
        this.noiseSize = noiseSize;
        long params = 0;
        for (int l = 0; l < generatorLayers; l++) {
            params += combined.getLayer(l).numParams();
        }
        this.generatorParams = params;
    }

    /**
     * G: {@code noise -> generatorHidden... -> pixels} (LeakyReLU 0.2, tanh output); D: {@code pixels ->
     * discriminatorHidden... -> 1} (LeakyReLU 0.2, sigmoid output, binary cross-entropy). Both use Adam with the
     * learning rate and beta1 of Radford et al. (2015), 2e-4 and 0.5.
     */
    public static Gan dense(int noiseSize, int[] generatorHidden, int pixels, int[] discriminatorHidden, long seed) {
        List<Layer> g = new ArrayList<>();
        int width = noiseSize;
        for (int units : generatorHidden) {
            g.add(dense(width, units));
            width = units;
        }
        g.add(new DenseLayer.Builder().nIn(width).nOut(pixels).activation(Activation.TANH).build());
        List<Layer> d = new ArrayList<>();
        width = pixels;
        for (int units : discriminatorHidden) {
            d.add(dense(width, units));
            width = units;
        }
        d.add(new OutputLayer.Builder(LossFunctions.LossFunction.XENT).nIn(width).nOut(1)
                .activation(Activation.SIGMOID).build());

        NeuralNetConfiguration.ListBuilder dOnly = builder(seed);
        d.forEach(dOnly::layer);
        NeuralNetConfiguration.ListBuilder both = builder(seed + 1);
        g.forEach(both::layer);
        d.forEach(layer -> both.layer(new FrozenLayerWithBackprop(layer.clone())));
        Gan gan = new Gan(build(dOnly), build(both), g.size(), noiseSize);
        gan.syncDiscriminator();
        return gan;
    }

    private static DenseLayer dense(int in, int out) {
        return new DenseLayer.Builder().nIn(in).nOut(out).activation(new ActivationLReLU(0.2)).build();
    }

    private static NeuralNetConfiguration.ListBuilder builder(long seed) {
        return new NeuralNetConfiguration.Builder().seed(SeededRandom.nonZero(seed)).weightInit(WeightInit.XAVIER)
                .updater(new Adam(2e-4, 0.5, 0.999, 1e-8)).list();
    }

    private static MultiLayerNetwork build(NeuralNetConfiguration.ListBuilder layers) {
        MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
        net.init();
        return net;
    }

    public MultiLayerNetwork discriminator() {
        return discriminator;
    }

    public MultiLayerNetwork combined() {
        return combined;
    }

    public int noiseSize() {
        return noiseSize;
    }

    /** Standard normal noise, {@code n x noiseSize}, from a generator seeded by the caller. */
    public INDArray noise(int n, org.nd4j.linalg.api.rng.Random random) {
        return Nd4j.randn(new long[] {n, noiseSize}, random).castTo(combined.params().dataType());
    }

    /** G(z): one image per row of {@code noise}, in [0, 1]. */
    public INDArray generate(INDArray noise) {
        return generateScaled(noise).addi(1).divi(2);
    }

    /** D(x): the probability D gives each image (one per row, in [0, 1]) of being real, as a column. */
    public INDArray discriminate(INDArray images) {
        return discriminator.output(scaled(images));
    }

    /** G's own output, in [-1, 1]: what D is trained on as fake. */
    public INDArray generateScaled(INDArray noise) {
        return combined.feedForwardToLayer(generatorLayers - 1, noise, false).get(generatorLayers);
    }

    /** Images in [0, 1] as the GAN sees them, in [-1, 1]. */
    public static INDArray scaled(INDArray images) {
        return images.mul(2).subi(1);
    }

    /** A column of {@code n} labels for D ({@link #REAL} or {@link #FAKE}) in the given type. */
    public static INDArray labels(int n, double label, DataType type) {
        return Nd4j.valueArrayOf(new long[] {n, 1}, label, type);
    }

    /** The losses of one step: D's binary cross-entropy on the real and fake batch, G's -log D(G(z)). */
    public record StepLosses(double discriminator, double generator) {
    }

    /**
     * The jar's reference step, one round of the game: D takes one Adam step on {@code real} (labelled REAL) and as
     * many generated images (labelled FAKE); then G takes one step on fresh noise through the frozen copy of the
     * updated D. A notebook can write its own from the same public pieces and pass it to {@code GanTraining.fit}.
     */
    public StepLosses step(INDArray real, org.nd4j.linalg.api.rng.Random random) {
        int n = (int) real.rows();
        INDArray fake = generateScaled(noise(n, random));
        DataType type = fake.dataType();
        discriminator.fit(new DataSet(Nd4j.vstack(scaled(real.castTo(type)), fake),
                Nd4j.vstack(labels(n, REAL, type), labels(n, FAKE, type))));
        double dLoss = discriminator.score();
        syncDiscriminator();
        combined.fit(new DataSet(noise(n, random), labels(n, REAL, type)));
        return new StepLosses(dLoss, combined.score());
    }

    /**
     * Copies D's weights into the frozen layers of the combined network (they follow G's, in layer order): call it
     * after every change to D, before G's step.
     */
    public void syncDiscriminator() {
        combined.params().get(NDArrayIndex.interval(generatorParams, combined.numParams()))
                .assign(discriminator.params());
    }
}
