package unsupervised.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import unsupervised.data.Blobs;
import unsupervised.metrics.Reconstruction;
import unsupervised.models.Autoencoders;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingTest {

    @Test
    void autoencoderLearnsToReconstructAndHistoryRecordsEveryEpoch() {
        INDArray x = Blobs.make(200, 2, 2, 42).features();
        var net = Autoencoders.dense(2, new int[]{32, 16, 32}, Activation.RELU, Activation.IDENTITY, 7);
        double before = Reconstruction.mse(x, net.output(x));
        PrintStream stdout = System.out;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        System.setOut(new PrintStream(printed));
        History history;
        try {
            history = Training.fit(net, x, x, 60, 32, 1);
        } finally {
            System.setOut(stdout);
        }
        double after = Reconstruction.mse(x, net.output(x));
        assertEquals(60, history.epochs());
        assertTrue(after < before / 4, "MSE " + before + " -> " + after);
        assertTrue(history.loss()[59] < history.loss()[0]);
        assertTrue(printed.toString().contains("epoch  60/60"), printed.toString());
        assertTrue(printed.toString().lines().count() <= 26, "progress is throttled");
        assertEquals(60, history.table("h").rowCount());
        assertTrue(net.getListeners().isEmpty(), "fit removes its listener");
    }

    @Test
    void sameSeedsGiveTheSameTraining() {
        INDArray x = Blobs.make(100, 2, 2, 1).features();
        double[][] losses = new double[2][];
        for (int run = 0; run < 2; run++) {
            var net = Autoencoders.dense(2, new int[]{8, 4, 8}, Activation.RELU, Activation.IDENTITY, 3);
            losses[run] = Training.fit(net, x, x, 5, 16, 9).loss();
        }
        assertArrayEquals(losses[0], losses[1], 1e-6);
    }

    @Test
    void encodeReturnsTheCodeLayersActivations() {
        var net = Autoencoders.dense(2, new int[]{32, 16, 32}, Activation.RELU, Activation.SIGMOID, 42);
        INDArray code = Autoencoders.encode(net, Blobs.make(10, 2, 2, 0).features(), 1);
        assertArrayEquals(new long[]{10, 16}, code.shape());
        assertTrue(code.minNumber().doubleValue() >= 0, "ReLU code");
    }

    @Test
    void historiesOfConsecutiveRunsConcatenate() {
        INDArray x = Blobs.make(64, 2, 2, 5).features();
        var net = Autoencoders.dense(2, new int[]{4}, Activation.RELU, Activation.IDENTITY, 3);
        var first = Training.fit(net, x, x, 2, 32, 1);
        var second = Training.fit(net, x, x, 3, 32, 2);
        assertEquals(5, History.loss(first, second).length);
        assertEquals(second.loss()[2], History.loss(first, second)[4]);
    }

    @Test
    void fewerThanOneEpochIsRejectedWithAMessageNamingTheSetting() {
        INDArray x = Blobs.make(20, 2, 2, 5).features();
        var net = Autoencoders.dense(2, new int[]{4}, Activation.RELU, Activation.IDENTITY, 3);
        var error = assertThrows(IllegalArgumentException.class, () -> Training.fit(net, x, x, 0, 32, 1));
        assertTrue(error.getMessage().contains("0 epochs") && error.getMessage().contains("UNSUPERVISED_EPOCHS"),
                error.getMessage());
    }

    @Test
    void aCorruptionSeesEveryBatchOfEveryEpoch() {
        INDArray x = Blobs.make(100, 2, 2, 5).features();
        var net = Autoencoders.dense(2, new int[]{4}, Activation.RELU, Activation.IDENTITY, 3);
        int[] seen = new int[1];
        Training.fit(net, new org.nd4j.linalg.dataset.DataSet(x, x), null, 3, 32, 1, batch -> seen[0]++);
        assertEquals(3 * 4, seen[0], "4 batches of at most 32 in each of 3 epochs");
    }
}
