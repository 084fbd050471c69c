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
}
