package unsupervised.clustering;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.Blobs;
import unsupervised.models.Autoencoders;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SameDiff's "Added differentiated op" lines stay out of DEC's output; every other line gets through. */
class SameDiffChatterTest {

    /** What {@code call} writes to System.out. */
    private static String printed(Runnable call) {
        PrintStream original = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        try {
            call.run();
        } finally {
            System.setOut(original);
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void dropsOnlySameDiffsLinesKeepsTheRestInOrderAndRestoresSystemOut() {
        PrintStream[] during = new PrintStream[1];
        PrintStream[] before = new PrintStream[1];
        String out = printed(() -> {
            before[0] = System.out;
            Supplier<Integer> call = () -> {
                during[0] = System.out;
                System.out.println("epoch 1 ü");
                System.out.println(SameDiffChatter.LINE + "divide");
                System.out.print("not " + SameDiffChatter.LINE + "x\n");
                System.out.print(SameDiffChatter.LINE.substring(0, 5));
                return 7;
            };
            assertEquals(7, SameDiffChatter.dropped(call));
            assertSame(before[0], System.out);
        });
        assertNotSame(before[0], during[0], "the call wrote to a filter");
        assertEquals("epoch 1 ü\nnot " + SameDiffChatter.LINE + "x\n" + SameDiffChatter.LINE.substring(0, 5), out);
    }

    @Test
    void decsFirstStepPrintsNoneOfSameDiffsLinesWhichAFreshNetworkWouldPrint() {
        var blobs = Blobs.make(120, 3, 2, 7);
        INDArray x = Nd4j.create(blobs.x()).castTo(DataType.FLOAT);
        var autoencoder = Autoencoders.dense(2, new int[]{8, 2, 8}, Activation.TANH, Activation.IDENTITY, 1);
        INDArray centroids = KMeans.fit(Autoencoders.encode(autoencoder, x, 1), 3, 2, 100, 1).centroids();

        MultiLayerNetwork bare = DeepEmbeddedClustering.build(autoencoder, 1, centroids, 0.01, 0.9, 1);
        INDArray p = DeepEmbeddedClustering.target(DeepEmbeddedClustering.softAssignments(bare, x));
        assertTrue(printed(() -> bare.fit(new DataSet(x, p))).contains(SameDiffChatter.LINE),
                "DL4J prints the lines on a first fit (if no longer, SameDiffChatter can go)");

        MultiLayerNetwork net = DeepEmbeddedClustering.build(autoencoder, 1, centroids, 0.01, 0.9, 1);
        String out = printed(() -> DeepEmbeddedClustering.train(net, x, blobs.y(),
                new DeepEmbeddedClustering.Settings(32, 5, 0, 10), 1));
        assertFalse(out.contains(SameDiffChatter.LINE), out);
    }
}
