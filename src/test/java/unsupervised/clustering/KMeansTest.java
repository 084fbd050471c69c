package unsupervised.clustering;

import org.apache.commons.math3.ml.clustering.CentroidCluster;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.clustering.KMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.clustering.MultiKMeansPlusPlusClusterer;
import org.apache.commons.math3.ml.distance.EuclideanDistance;
import org.apache.commons.math3.random.JDKRandomGenerator;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.metrics.ClusterScores;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ND4J k-means against scikit-learn's KMeans (src/test/python) and Apache Commons Math's k-means++. */
class KMeansTest {

    private record Case(double[][] points, int[] labels, int k, double inertia) {
    }

    private static Case load(String name) throws IOException {
        try (InputStream in = KMeansTest.class.getResourceAsStream("/kmeans_reference.csv")) {
            List<String[]> rows = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .filter(line -> !line.startsWith("#")).skip(1).map(line -> line.split(","))
                    .filter(r -> r[0].equals(name)).toList();
            double[][] points = rows.stream().map(r -> Arrays.stream(r[5].split(" "))
                    .mapToDouble(Double::parseDouble).toArray()).toArray(double[][]::new);
            int[] labels = rows.stream().mapToInt(r -> Integer.parseInt(r[4])).toArray();
            return new Case(points, labels, Integer.parseInt(rows.get(0)[1]), Double.parseDouble(rows.get(0)[2]));
        }
    }

    /** Commons Math's best of 10 k-means++ starts, as cluster labels and inertia. */
    private static double commonsMathInertia(double[][] points, int k) {
        List<DoublePoint> list = new ArrayList<>();
        for (double[] p : points) {
            list.add(new DoublePoint(p));
        }
        var clusterer = new MultiKMeansPlusPlusClusterer<>(new KMeansPlusPlusClusterer<DoublePoint>(k, 300,
                new EuclideanDistance(), new JDKRandomGenerator(1)), 10);
        double inertia = 0;
        for (CentroidCluster<DoublePoint> c : clusterer.cluster(list)) {
            for (DoublePoint p : c.getPoints()) {
                double d = new EuclideanDistance().compute(p.getPoint(), c.getCenter().getPoint());
                inertia += d * d;
            }
        }
        return inertia;
    }

    private static double inertia(double[][] points, int[] labels, INDArray centroids) {
        double[][] c = centroids.castTo(DataType.DOUBLE).toDoubleMatrix();
        double sum = 0;
        for (int i = 0; i < points.length; i++) {
            for (int j = 0; j < points[i].length; j++) {
                double diff = points[i][j] - c[labels[i]][j];
                sum += diff * diff;
            }
        }
        return sum;
    }

    @Test
    void separatedBlobsGiveScikitLearnsPartition() throws IOException {
        Case c = load("separated");
        var result = KMeans.fit(Nd4j.create(c.points()), c.k(), 10, 300, 1);
        assertEquals(1.0, ClusterScores.of(c.labels(), result.labels()).ari(), 1e-12);
        assertEquals(c.inertia(), result.inertia(), 1e-4 * c.inertia());
        assertEquals(result.inertia(), inertia(c.points(), result.labels(), result.centroids()),
                1e-4 * result.inertia(), "the reported inertia is that of the labels and centroids");
        assertArrayEquals(result.labels(), KMeans.predict(Nd4j.create(c.points()), result.centroids()),
                "every point is at its nearest centroid");
    }

    @Test
    void overlappingBlobsReachScikitLearnsAndCommonsMathsInertia() throws IOException {
        Case c = load("overlapping");
        var result = KMeans.fit(Nd4j.create(c.points()), c.k(), 10, 300, 3);
        assertTrue(result.inertia() <= c.inertia() * 1.001, result.inertia() + " vs scikit-learn " + c.inertia());
        double commonsMath = commonsMathInertia(c.points(), c.k());
        assertTrue(result.inertia() <= commonsMath * 1.001, result.inertia() + " vs Commons Math " + commonsMath);
        var oneStart = KMeans.fit(Nd4j.create(c.points()), c.k(), 1, 300, 3);
        assertTrue(oneStart.inertia() >= result.inertia(), "more starts never do worse");
    }

    @Test
    void anInterruptedThreadStopsAfterOneLloydIteration() {
        INDArray x = Nd4j.rand(unsupervised.data.SeededRandom.of(2), 500, 4);
        Thread.currentThread().interrupt();
        try {
            var error = org.junit.jupiter.api.Assertions.assertThrows(
                    java.util.concurrent.CancellationException.class, () -> KMeans.fit(x, 5, 10, 300, 1));
            assertTrue(error.getMessage().contains("restart 1, step 1"), error.getMessage());
        } finally {
            Thread.interrupted();
        }
    }
}
