package unsupervised.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PcaTest {

    @Test
    void findsTheDirectionsOfLargestVarianceInRowMajorData() {
        // 2,000 points in 5-D: standard deviation 10 along a known unit direction, 3 along a second one orthogonal
        // to it, 0.1 elsewhere, shifted far from the origin.
        var random = Nd4j.getRandomFactory().getNewRandomInstance(7);
        var first = Nd4j.create(new double[]{1, 2, 0, -2, 1}).divi(Math.sqrt(10)).reshape(1, 5).castTo(DataType.FLOAT);
        var second = Nd4j.create(new double[]{2, -1, 1, 0, 0}).divi(Math.sqrt(6)).reshape(1, 5).castTo(DataType.FLOAT);
        var a = Nd4j.randn(random, new long[]{2000, 1}).muli(10);
        var b = Nd4j.randn(random, new long[]{2000, 1}).muli(3);
        var x = a.mmul(first).add(b.mmul(second)).addi(Nd4j.randn(random, new long[]{2000, 5}).muli(0.1))
                .addi(50).castTo(DataType.DOUBLE);
        assertEquals('c', x.ordering());

        var projected = Pca.project(x, 2);
        assertEquals(2000, projected.rows());
        assertEquals(2, projected.columns());
        // The first component's scores are the coordinates along the first direction (up to sign): correlation 1.
        double r1 = Math.abs(correlation(projected.getColumn(0).toDoubleVector(), a.toDoubleVector()));
        double r2 = Math.abs(correlation(projected.getColumn(1).toDoubleVector(), b.toDoubleVector()));
        assertTrue(r1 > 0.999, "first component along the largest spread: |r| = " + r1);
        assertTrue(r2 > 0.99, "second component along the next one: |r| = " + r2);
        assertEquals(0, projected.mean(0).getDouble(0), 1e-9, "centred");
        assertEquals(10, projected.getColumn(0).stdNumber().doubleValue(), 0.5);
        assertEquals(3, projected.getColumn(1).stdNumber().doubleValue(), 0.2);
    }

    private static double correlation(double[] u, double[] v) {
        double mu = java.util.Arrays.stream(u).average().orElseThrow();
        double mv = java.util.Arrays.stream(v).average().orElseThrow();
        double uv = 0, uu = 0, vv = 0;
        for (int i = 0; i < u.length; i++) {
            uv += (u[i] - mu) * (v[i] - mv);
            uu += (u[i] - mu) * (u[i] - mu);
            vv += (v[i] - mv) * (v[i] - mv);
        }
        return uv / Math.sqrt(uu * vv);
    }
}
