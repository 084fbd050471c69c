package unsupervised.models;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DecKerasAutoencoderTest {
    @Test
    void weightsFollowKerasVarianceScalingOneThirdFanInUniformAndBiasesAreZero() {
        var net = DecKerasAutoencoder.build(3);
        int[] widths = {784, 500, 500, 2000, 10, 2000, 500, 500, 784};
        assertEquals(widths.length - 1, net.getnLayers());
        for (int i = 0; i < net.getnLayers(); i++) {
            INDArray w = net.getParam(i + "_W");
            assertArrayEquals(new long[]{widths[i], widths[i + 1]}, w.shape());
            double a = 1 / Math.sqrt(widths[i]);
            assertTrue(w.amaxNumber().doubleValue() <= a * (1 + 1e-6), "layer " + i + ": |w| <= 1/sqrt(fan_in) = "
                    + a + " (as a float), not " + w.amaxNumber());
            // U(-a, a) has variance a^2 / 3; with at least 5,000 weights the sample's is within 5 %
            assertEquals(a * a / 3, w.varNumber().doubleValue(), 0.05 * a * a / 3, "layer " + i);
            assertEquals(0, net.getParam(i + "_b").amaxNumber().doubleValue(), "layer " + i + " bias");
        }
        assertEquals(3, DecKerasAutoencoder.codeLayer());
    }

    @Test
    void everyLayerTrainsWithKerasSgdOneAndClassicalMomentum() {
        var net = DecKerasAutoencoder.build(3);
        for (int i = 0; i < net.getnLayers(); i++) {
            var layer = (org.deeplearning4j.nn.conf.layers.BaseLayer) net.getLayer(i).conf().getLayer();
            assertEquals(new ClassicalMomentum(1, 0.9), layer.getIUpdater(), "layer " + i);
        }
    }
}
