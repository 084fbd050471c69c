package unsupervised.data;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

import java.util.Arrays;

/**
 * Isotropic Gaussian blobs, identical to scikit-learn's
 * {@code make_blobs(n_samples, centers, n_features, cluster_std, center_box, shuffle, random_state)}
 * for an integer number of centers: same centers, same points, same order.
 *
 * @param x       the points, one row per sample
 * @param y       the index of the blob each point was drawn from
 * @param centers the blob centers that were drawn
 */
public record Blobs(double[][] x, int[] y, double[][] centers) {

    /** The article's call: {@code make_blobs(n_samples, centers, n_features, random_state)} with defaults. */
    public static Blobs make(int nSamples, int nCenters, int nFeatures, long randomState) {
        return make(nSamples, nCenters, nFeatures, 1.0, -10.0, 10.0, true, randomState);
    }

    public static Blobs make(int nSamples, int nCenters, int nFeatures, double clusterStd,
                             double centerLow, double centerHigh, boolean shuffle, long randomState) {
        if (nSamples < 1 || nCenters < 1 || nFeatures < 1) {
            throw new IllegalArgumentException("n_samples, centers and n_features must be positive");
        }
        NumpyRandomState rng = new NumpyRandomState(randomState);
        double[][] centers = new double[nCenters][nFeatures];
        for (double[] center : centers) {
            for (int f = 0; f < nFeatures; f++) {
                center[f] = rng.uniform(centerLow, centerHigh);
            }
        }
        // Samples are split as evenly as possible; the first (n mod k) blobs get one more.
        double[][] x = new double[nSamples][];
        int[] y = new int[nSamples];
        int row = 0;
        for (int c = 0; c < nCenters; c++) {
            int count = nSamples / nCenters + (c < nSamples % nCenters ? 1 : 0);
            for (int i = 0; i < count; i++, row++) {
                x[row] = new double[nFeatures];
                for (int f = 0; f < nFeatures; f++) {
                    x[row][f] = rng.normal(centers[c][f], clusterStd);
                }
                y[row] = c;
            }
        }
        if (!shuffle) {
            return new Blobs(x, y, centers);
        }
        int[] order = new int[nSamples];
        Arrays.setAll(order, i -> i);
        rng.shuffle(order);
        double[][] shuffledX = new double[nSamples][];
        int[] shuffledY = new int[nSamples];
        for (int i = 0; i < nSamples; i++) {
            shuffledX[i] = x[order[i]];
            shuffledY[i] = y[order[i]];
        }
        return new Blobs(shuffledX, shuffledY, centers);
    }

    public int size() {
        return y.length;
    }

    /** The points as an n x d float matrix, ready for a network. */
    public INDArray features() {
        return Nd4j.createFromArray(x).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
    }

    /** The points as a table with columns x1..xd and cluster. */
    public Table toTable() {
        Table table = Table.create("blobs");
        for (int f = 0; f < x[0].length; f++) {
            final int column = f;
            table.addColumns(DoubleColumn.create("x" + (f + 1), Arrays.stream(x).mapToDouble(p -> p[column])));
        }
        table.addColumns(IntColumn.create("cluster", y));
        return table;
    }
}
