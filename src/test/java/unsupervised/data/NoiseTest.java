package unsupervised.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class NoiseTest {
    @Test
    void gaussianNoiseHasTheRequestedSpreadIsRepeatableAndLeavesTheInputAlone() {
        var x = Nd4j.valueArrayOf(new long[]{200, 500}, 0.5f, DataType.FLOAT);
        var noisy = Noise.gaussian(x, 0.3, 7);
        var noise = noisy.sub(x);
        assertEquals(DataType.FLOAT, noisy.dataType());
        assertEquals(0, noise.meanNumber().doubleValue(), 0.005);
        assertEquals(0.3, noise.stdNumber().doubleValue(), 0.005);
        assertEquals(0.5f, x.maxNumber().floatValue());
        assertEquals(noisy, Noise.gaussian(x, 0.3, 7));
        assertNotEquals(noisy, Noise.gaussian(x, 0.3, 8));
    }

    @Test
    void freshNoiseCorruptsOnlyTheInputsAndDiffersFromBatchToBatch() {
        var x = Nd4j.valueArrayOf(new long[]{100, 500}, 0.5f, DataType.FLOAT);
        var corruption = Noise.freshGaussian(0.3, 1);
        var first = new org.nd4j.linalg.dataset.DataSet(x.dup(), x.dup());
        var second = new org.nd4j.linalg.dataset.DataSet(x.dup(), x.dup());
        corruption.preProcess(first);
        corruption.preProcess(second);
        assertEquals(x, first.getLabels(), "targets stay clean");
        assertEquals(0.3, first.getFeatures().sub(x).stdNumber().doubleValue(), 0.01);
        assertNotEquals(first.getFeatures(), second.getFeatures(), "a new draw for every batch");
        var again = new org.nd4j.linalg.dataset.DataSet(x.dup(), x.dup());
        Noise.freshGaussian(0.3, 1).preProcess(again);
        assertEquals(first.getFeatures(), again.getFeatures(), "the same seed gives the same draws");
    }

    @Test
    void saltAndPepperReplacesTheShareAskedWithArcsineDistributedGreyLevels() {
        // A constant image whose value (100/255) the Beta(0.5, 0.5) draw rarely hits: replaced pixels show.
        float grey = 100 / 255f;
        var x = Nd4j.valueArrayOf(new long[]{500, 784}, grey, DataType.FLOAT);
        var noisy = Noise.saltAndPepper(x, 0.2, 3);
        float[] v = noisy.data().asFloat();
        int replaced = 0;
        int dark = 0;
        int bright = 0;
        double sum = 0;
        for (float value : v) {
            if (value != grey) {
                replaced++;
                sum += value;
                dark += value < 0.1 ? 1 : 0;
                bright += value > 0.9 ? 1 : 0;
                assertEquals(Math.round(value * 255), value * 255, 1e-3, "a whole grey level");
            }
        }
        double share = replaced / (double) v.length;
        // 0.2 minus the draws that land on grey level 100 itself (density of the arcsine law there, times 1/255).
        assertEquals(0.2 * (1 - 1 / (255 * Math.PI * Math.sqrt(grey * (1 - grey)))), share, 0.003);
        assertEquals(0.5, sum / replaced, 0.01, "Beta(0.5, 0.5) is symmetric about 1/2");
        // P(b < 0.1) = (2 / pi) asin(sqrt(0.1)) = 0.2048, the same above 0.9: the U shape of salt and pepper.
        assertEquals(0.2048, dark / (double) replaced, 0.01);
        assertEquals(0.2048, bright / (double) replaced, 0.01);
        assertEquals(grey, x.maxNumber().floatValue(), "the input is left alone");
        assertEquals(noisy, Noise.saltAndPepper(x, 0.2, 3));
        assertNotEquals(noisy, Noise.saltAndPepper(x, 0.2, 4));
    }

    @Test
    void saltAndPepperBatchesGetFreshNoiseEveryTime() {
        var clean = Nd4j.rand(DataType.FLOAT, 4, 784);
        var corrupt = Noise.saltAndPepperInputs(0.2, 1);
        var first = new org.nd4j.linalg.dataset.DataSet(clean.dup(), clean);
        var second = new org.nd4j.linalg.dataset.DataSet(clean.dup(), clean);
        corrupt.preProcess(first);
        corrupt.preProcess(second);
        assertNotEquals(first.getFeatures(), second.getFeatures());
        assertNotEquals(clean, first.getFeatures());
        assertEquals(clean, first.getLabels(), "the targets stay clean");
    }
}
