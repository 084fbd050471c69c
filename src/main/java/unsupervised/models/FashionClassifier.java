package unsupervised.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A small Fashion-MNIST classifier (784-256-128-10) whose penultimate layer serves as the feature space for
 * Fréchet distances between sets of images, and whose predictions show which classes a generator produces.
 * Trained once per profile by {@code unsupervised.course.Fashion.trainedClassifier}.
 */
public final class FashionClassifier {
    public static final String NAME = "fashion-feature-classifier";
    public static final int[] HIDDEN = {256, 128};
    public static final long SEED = 11;

    private FashionClassifier() {
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
