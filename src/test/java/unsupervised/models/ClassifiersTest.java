package unsupervised.models;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.ImageData;
import unsupervised.training.Training;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ClassifiersTest {
    private final MultiLayerNetwork autoencoder =
            Autoencoders.dense(12, new int[]{8, 4, 8}, Activation.RELU, Activation.SIGMOID, 1);
    private final DataSet data = new DataSet(Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(5), 64, 12),
            ImageData.oneHot(new java.util.Random(5).ints(64, 0, 3).toArray(), 3));

    private static INDArray weights(MultiLayerNetwork net, int layer) {
        return net.getLayer(layer).getParam("W").dup();
    }

    @Test
    void frozenEncoderKeepsItsWeightsWhileTheHeadLearns() {
        INDArray encoder = weights(autoencoder, 1);
        var classifier = Classifiers.onEncoder(autoencoder, 2, new int[]{6}, 3, true, 2);
        assertArrayEquals(new long[]{8, 4}, classifier.getLayer(1).getParam("W").shape());
        assertEquals(encoder, weights(classifier, 1), "starts from the autoencoder's weights");
        INDArray head = weights(classifier, 2);
        Training.fit(classifier, data.getFeatures(), data.getLabels(), 3, 16, 1);
        assertEquals(encoder, weights(classifier, 1));
        assertNotEquals(head, weights(classifier, 2));
        assertEquals(3, classifier.output(data.getFeatures()).size(1));
    }

    @Test
    void untrainedEncoderLayersAreFrozenWithTheEncoder() {
        var classifier = Classifiers.onEncoder(autoencoder, 2, new int[]{5}, new int[]{6}, 3, true, 2);
        assertArrayEquals(new long[]{4, 5}, classifier.getLayer(2).getParam("W").shape());
        INDArray copied = weights(classifier, 1);
        INDArray untrained = weights(classifier, 2);
        INDArray head = weights(classifier, 3);
        Training.fit(classifier, data.getFeatures(), data.getLabels(), 3, 16, 1);
        assertEquals(copied, weights(classifier, 1));
        assertEquals(untrained, weights(classifier, 2), "the appended encoder layer is frozen too");
        assertNotEquals(head, weights(classifier, 3));

        var fineTuned = Classifiers.onEncoder(autoencoder, 2, new int[]{5}, new int[]{6}, 3, false, 2);
        INDArray before = weights(fineTuned, 2);
        Training.fit(fineTuned, data.getFeatures(), data.getLabels(), 3, 16, 1);
        assertNotEquals(before, weights(fineTuned, 2));
    }

    @Test
    void fineTuningChangesTheEncoderButNotTheAutoencoder() {
        INDArray encoder = weights(autoencoder, 0);
        var classifier = Classifiers.onEncoder(autoencoder, 2, new int[]{6}, 3, false, 2);
        Training.fit(classifier, data.getFeatures(), data.getLabels(), 3, 16, 1);
        assertNotEquals(encoder, weights(classifier, 0));
        assertEquals(encoder, weights(autoencoder, 0));
    }

    @Test
    void theEncoderMustBeAProperPartOfTheAutoencoder() {
        assertThrows(IllegalArgumentException.class,
                () -> Classifiers.onEncoder(autoencoder, 4, new int[]{6}, 3, true, 2));
        assertThrows(IllegalArgumentException.class,
                () -> Classifiers.onEncoder(autoencoder, 0, new int[]{6}, 3, true, 2));
    }
}
