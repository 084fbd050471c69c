package unsupervised.metrics;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ReconstructionTest {

    @Test
    void mseIsTheMeanOfSquaredDifferences() {
        var x = Nd4j.createFromArray(new float[][]{{0, 1}, {2, 3}});
        var y = Nd4j.createFromArray(new float[][]{{1, 1}, {2, 0}});
        assertEquals((1 + 0 + 0 + 9) / 4.0, Reconstruction.mse(x, y), 1e-7);
    }

    @Test
    void fractionOutsideCountsValuesBelowAndAbove() {
        var x = Nd4j.createFromArray(new float[]{-0.5f, 0f, 0.5f, 1f, 1.5f, 7f});
        assertEquals(3 / 6.0, Reconstruction.fractionOutside(x, 0, 1), 1e-12);
    }

    @Test
    void passThroughIsOneForACopyAndZeroForAConstant() {
        var identity = unsupervised.models.Autoencoders.dense(3, new int[]{3},
                org.nd4j.linalg.activations.Activation.IDENTITY, org.nd4j.linalg.activations.Activation.IDENTITY, 1);
        identity.getLayer(0).setParam("W", Nd4j.eye(3).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        identity.getLayer(1).setParam("W", Nd4j.eye(3).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT));
        var clean = Nd4j.rand(Nd4j.getRandomFactory().getNewRandomInstance(1), 50, 3);
        var noisy = unsupervised.data.Noise.gaussian(clean, 0.3, 2);
        assertEquals(1.0, Reconstruction.passThrough(identity, clean, noisy), 1e-5);
        identity.getLayer(1).setParam("W", Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 3, 3));
        assertEquals(0.0, Reconstruction.passThrough(identity, clean, noisy), 1e-12);
    }

    @Test
    void psnrIsTenLogOfOneOverTheMsePerImageThenAveraged() {
        var clean = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 4);
        // Image 0: errors 0.1 everywhere, mse 0.01, 20 dB; image 1: one error of 0.2 in four, mse 0.01, 20 dB too.
        var estimate = Nd4j.create(new float[][]{{0.1f, -0.1f, 0.1f, 0.1f}, {0.2f, 0, 0, 0}});
        assertEquals(20.0, Reconstruction.psnr(clean, estimate), 1e-4);
        // mse 0.01 and 0.0001 give 20 and 40 dB: the mean of the two, not the PSNR of the mean mse (about 23 dB).
        var mixed = Nd4j.create(new float[][]{{0.1f, 0.1f, 0.1f, 0.1f}, {0.01f, 0.01f, 0.01f, 0.01f}});
        assertEquals(30.0, Reconstruction.psnr(clean, mixed), 1e-3);
        assertEquals(100.0, Reconstruction.psnr(clean, clean), 1e-9, "exact copies count as 100 dB");
    }
}
