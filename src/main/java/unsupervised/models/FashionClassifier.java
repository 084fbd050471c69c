package unsupervised.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import unsupervised.data.ImageSplit;
import unsupervised.data.Splits;
import unsupervised.training.EarlyStopping;
import unsupervised.training.Profile;

/**
 * A small Fashion-MNIST classifier (784-256-128-10) whose penultimate layer serves as the feature space for
 * Fréchet distances between sets of images, and whose predictions show which classes a generator produces.
 * Trained once per profile on the split's training images and stored in the {@link ModelStore}.
 */
public final class FashionClassifier {
    public static final String NAME = "fashion-feature-classifier";
    public static final int[] HIDDEN = {256, 128};
    public static final long SEED = 11;

    private FashionClassifier() {
    }

    /** Early stopping on the split's validation images: patience 3, batch 256, up to 20 epochs (smoke: 1). */
    public static EarlyStopping stopping() {
        return EarlyStopping.of(Profile.epochs(20, 1), 3, 256);
    }

    /** Loaded from the store, or trained on the labelled training images of {@code split} and stored. */
    public static EarlyStopping.Fit trained(ImageSplit split) {
        MultiLayerNetwork untrained = Classifiers.dense(784, HIDDEN, 10, SEED);
        int n = split.data().trainLabels().length;
        int validation = (int) split.validation().rows();
        DataSet all = split.data().trainSet();
        var recipe = ModelStore.recipe(NAME, untrained, SEED, stopping().toString(), split.describe());
        return ModelStore.loadOrFit(recipe, () -> stopping().fit(untrained, Splits.range(all, 0, n - validation),
                Splits.range(all, n - validation, n), SEED));
    }

    /** The activations of the last hidden layer for {@code images}: the features Fréchet distances are taken on. */
    public static INDArray features(MultiLayerNetwork classifier, INDArray images) {
        int last = classifier.getnLayers() - 2;
        return Autoencoders.encode(classifier, images, last);
    }

    /** The predicted class of each image. */
    public static int[] classes(MultiLayerNetwork classifier, INDArray images) {
        return classifier.output(images).argMax(1).toIntVector();
    }
}
