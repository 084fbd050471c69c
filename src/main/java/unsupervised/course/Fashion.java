package unsupervised.course;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.dataset.DataSet;
import unsupervised.data.Datasets;
import unsupervised.data.ImageSplit;
import unsupervised.data.Noise;
import unsupervised.data.Splits;
import unsupervised.metrics.Elbo;
import unsupervised.models.Classifiers;
import unsupervised.models.FashionAutoencoders;
import unsupervised.models.FashionClassifier;
import unsupervised.models.VariationalAutoencoders;
import unsupervised.training.EarlyStopping;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Fashion-MNIST recipes that notebooks 06 to 11 share, sized by the {@link Profile}: the split, the early
 * stopping of each model, and the trained models themselves (notebook 06's deep autoencoder, 08's VAE, 10's feature
 * classifier), each loaded from the {@link Profile#modelStore() model store} or trained exactly as its notebook
 * does (a run ended mid-training resumes from its checkpoint). The builders they train live in {@code models} and
 * take every setting as an argument.
 */
public final class Fashion {
    /** Notebook 07's epoch cap in the full profile (the article's: 500). */
    public static final int DENOISER_EPOCHS = 10;
    private static final Map<String, ImageSplit> SPLITS = new ConcurrentHashMap<>();

    private Fashion() {
    }

    /**
     * Fashion-MNIST as notebook 06 uses it: profile-sized, the last 5,000 training images held out (see
     * {@link Profile#holdOut}). Loaded and checked once per JVM and setting: notebook 09 asks for it five times.
     * Every caller gets the same arrays, so none may change them in place.
     */
    public static ImageSplit split() {
        return SPLITS.computeIfAbsent(Profile.describe(), settings -> Profile.holdOut(
                Datasets.fashionMnist().subset(Profile.samples(60000, 1500), Profile.choose(10000, 500)), 5000, 300));
    }

    /**
     * Fashion-MNIST as notebook 07's denoisers use it: the first 20,000 training images (smoke: 300), the last 5,000
     * of them (smoke: 100) held out, and 10,000 test images (smoke: 100). The convolutional denoiser costs about ten
     * times the dense autoencoder's time per image.
     */
    public static ImageSplit denoisingSplit() {
        return Profile.holdOut(Datasets.fashionMnist().subset(Profile.samples(20000, 300), Profile.choose(10000, 100)),
                5000, 100);
    }

    /**
     * Notebook 07's denoisers': patience 10, batch 256 (the article's 2048 leaves too few updates in the capped
     * epochs), up to {@link #DENOISER_EPOCHS} (smoke 2).
     */
    public static EarlyStopping denoiserStopping() {
        return EarlyStopping.of(Profile.epochs(DENOISER_EPOCHS, 2), 10, 256);
    }

    /** The autoencoders': patience 10, batch 2048, up to {@link FashionAutoencoders#FULL_PROFILE_EPOCHS} (smoke 2). */
    public static EarlyStopping autoencoderStopping() {
        return EarlyStopping.of(Profile.epochs(FashionAutoencoders.FULL_PROFILE_EPOCHS, 2), 10, 2048);
    }

    /** Notebook 06's deep autoencoder, trained once per profile and then loaded from the store. */
    public static EarlyStopping.Fit trainedDeep() {
        return trained(FashionAutoencoders.DEEP, FashionAutoencoders.deep(FashionAutoencoders.SEED), split(),
                autoencoderStopping(), FashionAutoencoders.SEED);
    }

    /**
     * {@code untrained} fitted to reproduce the split's training images, with early stopping on its validation
     * images; loaded instead if the store holds the same recipe under {@code name}.
     */
    public static EarlyStopping.Fit trained(String name, MultiLayerNetwork untrained, ImageSplit split,
                                            EarlyStopping stopping, long seed) {
        ModelStore store = Profile.modelStore();
        var recipe = store.recipe(name, untrained, seed, stopping.toString(), split.describe());
        return store.loadOrFit(recipe, untrained, checkpoint -> stopping.fit(untrained,
                new DataSet(split.train(), split.train()), new DataSet(split.validation(), split.validation()), seed,
                null, checkpoint));
    }

    /**
     * {@code untrained} fitted to map salt-and-pepper corrupted training images (a fresh corruption with
     * replacement probability {@code p} per batch and epoch) to the clean ones, with early stopping on corrupted
     * validation images (corrupted once, with {@code seed}); or loaded, as {@link #trained}.
     */
    public static EarlyStopping.Fit trainedDenoising(String name, MultiLayerNetwork untrained, ImageSplit split,
                                                     EarlyStopping stopping, double p, long seed) {
        ModelStore store = Profile.modelStore();
        var recipe = store.recipe(name, untrained, seed, stopping + "; salt-and-pepper " + p + ", fresh per batch",
                split.describe());
        return store.loadOrFit(recipe, untrained, checkpoint -> stopping.fit(untrained,
                new DataSet(split.train(), split.train()),
                new DataSet(Noise.saltAndPepper(split.validation(), p, seed), split.validation()), seed,
                Noise.saltAndPepperInputs(p, seed), checkpoint));
    }

    /** The VAE's: patience 10, batch 2048, up to {@link VariationalAutoencoders#FULL_PROFILE_EPOCHS} (smoke 2). */
    public static EarlyStopping vaeStopping() {
        return EarlyStopping.of(Profile.epochs(VariationalAutoencoders.FULL_PROFILE_EPOCHS, 2), 10, 2048);
    }

    /** Notebook 08's VAE, 784-500-{@code latent}-500-784, untrained. */
    public static MultiLayerNetwork vae(int latent) {
        int[] hidden = {VariationalAutoencoders.HIDDEN};
        return VariationalAutoencoders.dense(784, hidden, latent, hidden, VariationalAutoencoders.SEED);
    }

    /**
     * Notebook 08's VAE ({@link #vae}), trained on {@link #split()} with early stopping on the validation images'
     * negative ELBO; loaded from the store when stored.
     */
    public static EarlyStopping.Fit trainedVae(int latent) {
        return trainedVae(VariationalAutoencoders.storeName(latent), vae(latent), vaeStopping());
    }

    /** {@code untrained} (a {@link #vae}) trained as {@link #trainedVae(int)} does, under {@code name}. */
    public static EarlyStopping.Fit trainedVae(String name, MultiLayerNetwork untrained, EarlyStopping stopping) {
        ImageSplit split = split();
        long seed = VariationalAutoencoders.SEED;
        ModelStore store = Profile.modelStore();
        var recipe = store.recipe(name, untrained, seed, stopping + ", validation -ELBO (seed 0)", split.describe());
        return store.loadOrFit(recipe, untrained, checkpoint -> stopping.pretrain(untrained,
                new DataSet(split.train(), split.train()), net -> Elbo.of(net, split.validation(), 0).negativeElbo(),
                seed, checkpoint));
    }

    /** The feature classifier's: patience 3, batch 256, up to 20 epochs (smoke: 1). */
    public static EarlyStopping classifierStopping() {
        return EarlyStopping.of(Profile.epochs(20, 1), 3, 256);
    }

    /**
     * Notebook 10's feature classifier ({@link FashionClassifier}), trained on the labelled training images of
     * {@code split} with early stopping on its validation images; loaded from the store when stored.
     */
    public static EarlyStopping.Fit trainedClassifier(ImageSplit split) {
        MultiLayerNetwork untrained = Classifiers.dense(784, FashionClassifier.HIDDEN, 10, FashionClassifier.SEED);
        int n = split.data().trainLabels().length;
        int validation = (int) split.validation().rows();
        DataSet all = split.data().trainSet();
        EarlyStopping stopping = classifierStopping();
        ModelStore store = Profile.modelStore();
        var recipe = store.recipe(FashionClassifier.NAME, untrained, FashionClassifier.SEED, stopping.toString(),
                split.describe());
        return store.loadOrFit(recipe, untrained, checkpoint -> stopping.fit(untrained,
                Splits.range(all, 0, n - validation), Splits.range(all, n - validation, n), FashionClassifier.SEED,
                null, checkpoint));
    }
}
