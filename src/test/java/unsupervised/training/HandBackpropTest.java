package unsupervised.training;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;
import unsupervised.data.Blobs;
import unsupervised.models.Autoencoders;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The hand-written backward pass against DL4J's gradients, finite differences and DL4J's own SGD steps. */
class HandBackpropTest {

    private static MultiLayerNetwork blobAutoencoder(Activation output) {
        return Autoencoders.dense(2, new int[] {32, 16, 32}, Activation.RELU, output, 42)
                .convertDataType(DataType.DOUBLE);
    }

    private static INDArray blobs(int n) {
        return Blobs.make(1000, 2, 2, 42).features().castTo(DataType.DOUBLE)
                .get(NDArrayIndex.interval(0, n), NDArrayIndex.all()).dup();
    }

    @Test
    void matchesDl4jGradientsOnceScaledByTheBatchSize() {
        for (Activation output : new Activation[] {Activation.SIGMOID, Activation.IDENTITY, Activation.TANH}) {
            MultiLayerNetwork net = blobAutoencoder(output);
            INDArray x = blobs(64);
            var hand = HandBackprop.copyOf(net).backward(x, x);
            var dl4j = HandBackprop.ofNetwork(net, x, x);
            assertEquals(dl4j.loss(), hand.loss(), 1e-12 * hand.loss(), output + ": loss");
            double error = HandBackprop.relativeError(hand, HandBackprop.scaled(dl4j, 1.0 / x.rows()));
            assertTrue(error < 1e-10, output + ": relative error " + error);
            assertTrue(HandBackprop.relativeError(hand, dl4j) > 0.5, "DL4J's raw gradient is a sum, not a mean");
        }
    }

    @Test
    void matchesCentralFiniteDifferences() {
        INDArray x = blobs(8);
        var hand = HandBackprop.copyOf(blobAutoencoder(Activation.IDENTITY));
        double error = HandBackprop.relativeError(hand.backward(x, x), hand.numerical(x, x, 1e-6));
        assertTrue(error < 1e-6, "relative error " + error);
    }

    @Test
    void sgdStepsFollowDl4jSgdFromTheSameWeights() {
        MultiLayerNetwork net = blobAutoencoder(Activation.IDENTITY);
        var hand = HandBackprop.copyOf(net);
        MultiLayerNetwork sgd = new TransferLearning.Builder(net)
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().updater(new Sgd(0.01)).build()).build();
        INDArray x = blobs(128);
        for (int step = 0; step < 10; step++) {
            INDArray batch = x.get(NDArrayIndex.interval(32 * (step % 4), 32 * (step % 4) + 32), NDArrayIndex.all());
            double handLoss = hand.sgdStep(batch, batch, 0.01);
            sgd.fit(new DataSet(batch, batch));
            assertEquals(sgd.score(), handLoss, 1e-9 * handLoss, "step " + step);
        }
        assertEquals(sgd.score(new DataSet(x, x)), hand.loss(x, x), 1e-9);
    }

    @Test
    void refusesAnActivationItCannotDifferentiate() {
        var net = Autoencoders.dense(2, new int[] {4}, Activation.SOFTPLUS, Activation.IDENTITY, 1);
        var error = assertThrows(IllegalArgumentException.class, () -> HandBackprop.copyOf(net));
        assertTrue(error.getMessage().contains("layer 0"), error.getMessage());
    }
}
