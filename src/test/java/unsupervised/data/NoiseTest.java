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
}
