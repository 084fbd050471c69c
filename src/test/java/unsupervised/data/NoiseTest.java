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
        var x = Nd4j.valueArrayOf(new long[]{100, 50}, 0.5f, DataType.FLOAT);
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
}
