package unsupervised.clustering;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import unsupervised.training.TrainingLoop;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * k-means as scikit-learn's {@code KMeans(n_clusters=k, n_init=restarts)} that the article imports: k-means++
 * seeding, Lloyd iterations until the centroids move less than 1e-4 of the data's mean variance (scikit-learn's
 * {@code tol}), and the restart with the smallest inertia (sum of squared distances to the nearest centroid) kept.
 * The restarts run on the {@link TrainingLoop}: live progress (restart i of n, the inertia), and an interrupt ends
 * them after the current Lloyd iteration.
 * <p>
 * Why not Apache Commons Math's {@code MultiKMeansPlusPlusClusterer}: it took 15 s for one start on 10,000
 * Fashion-MNIST images here (it iterates until no point moves, one distance object per pair), so the 30 starts per
 * representation on 70,000 images would take most of an hour. Here every distance comes from one matrix product,
 * |x|^2 - 2 x.c + |c|^2, in ND4J; {@code KMeansTest} checks the result against scikit-learn and Commons Math.
 */
public final class KMeans {
    private static final double TOLERANCE = 1e-4;

    private KMeans() {
    }

    /** The cluster of every row, the centroids (k x d), the inertia and the Lloyd iterations of the kept start. */
    public record Result(int[] labels, INDArray centroids, double inertia, int iterations) {
    }

    /**
     * @param rows          one point per row (float or double)
     * @param restarts      independent k-means++ starts; the one with the smallest inertia is kept
     * @param maxIterations Lloyd iterations per start at most
     */
    public static Result fit(INDArray rows, int k, int restarts, int maxIterations, long seed) {
        if (rows.rows() < k || k < 1 || restarts < 1) {
            throw new IllegalArgumentException("need k >= 1 clusters, at least k points and one start: k = " + k
                    + ", " + rows.rows() + " points, " + restarts + " starts");
        }
        INDArray x = rows.castTo(DataType.FLOAT);
        INDArray squaredNorms = x.mul(x).sum(true, 1);  // n x 1
        double tolerance = TOLERANCE * x.var(0).meanNumber().doubleValue();
        var search = new Search(x, squaredNorms, k, maxIterations, tolerance, new Random(seed));
        TrainingLoop.of("restart", restarts).measuring(search::measure).run(search::start,
                lloyd -> Map.of("inertia", lloyd.iterate()));
        Result best = search.best;
        return new Result(best.labels(), best.centroids().castTo(rows.dataType()), best.inertia(), best.iterations());
    }

    /** The restarts: each a k-means++ start and its Lloyd iterations; the result with the smallest inertia kept. */
    private static final class Search {
        private final INDArray x;
        private final INDArray squaredNorms;
        private final int k;
        private final int maxIterations;
        private final double tolerance;
        private final Random random;
        private Lloyd current;
        private Result best;

        Search(INDArray x, INDArray squaredNorms, int k, int maxIterations, double tolerance, Random random) {
            this.x = x;
            this.squaredNorms = squaredNorms;
            this.k = k;
            this.maxIterations = maxIterations;
            this.tolerance = tolerance;
            this.random = random;
        }

        /** The Lloyd iterations of one restart. */
        Iterator<Lloyd> start(int restart) {
            current = new Lloyd(x, squaredNorms, plusPlus(x, squaredNorms, k, random), maxIterations, tolerance);
            return current;
        }

        /** After a restart: keeps its result if it is the best so far. */
        Map<String, Double> measure(int restart) {
            Result result = current.result();
            if (best == null || result.inertia() < best.inertia()) {
                best = result;
            }
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("iterations", (double) result.iterations());
            values.put("inertia", result.inertia());
            values.put("best inertia", best.inertia());
            return values;
        }
    }

    /** The nearest centroid of every row: labels and squared distances. */
    public static int[] predict(INDArray rows, INDArray centroids) {
        INDArray x = rows.castTo(DataType.FLOAT);
        return nearest(squaredDistances(x, x.mul(x).sum(true, 1), centroids.castTo(DataType.FLOAT)), null);
    }

    /** n x k squared distances, clipped at 0 (the expansion can round slightly below). */
    private static INDArray squaredDistances(INDArray x, INDArray squaredNorms, INDArray centroids) {
        INDArray d = x.mmul(centroids.transpose()).muli(-2);
        d.addiColumnVector(squaredNorms).addiRowVector(centroids.mul(centroids).sum(1));
        return org.nd4j.linalg.ops.transforms.Transforms.max(d, 0.0, false);
    }

    /** Index of the smallest value of every row; the value itself into {@code minima} if given. */
    private static int[] nearest(INDArray distances, double[] minima) {
        int[] labels = Nd4j.argMax(distances.neg(), 1).toIntVector();
        if (minima != null) {
            double[] all = distances.castTo(DataType.DOUBLE).data().asDouble();
            int k = (int) distances.columns();
            for (int i = 0; i < labels.length; i++) {
                minima[i] = all[i * k + labels[i]];
            }
        }
        return labels;
    }

    /** k-means++: each next centroid is a point drawn with probability proportional to its squared distance. */
    private static INDArray plusPlus(INDArray x, INDArray squaredNorms, int k, Random random) {
        int n = (int) x.rows();
        INDArray centroids = Nd4j.create(DataType.FLOAT, k, x.columns());
        centroids.putRow(0, x.getRow(random.nextInt(n)));
        double[] closest = null;
        for (int c = 1; c < k; c++) {
            INDArray toNew = squaredDistances(x, squaredNorms, centroids.getRow(c - 1, true));
            double[] d = toNew.castTo(DataType.DOUBLE).data().asDouble();
            if (closest == null) {
                closest = d;
            } else {
                for (int i = 0; i < n; i++) {
                    closest[i] = Math.min(closest[i], d[i]);
                }
            }
            double total = java.util.Arrays.stream(closest).sum();
            double target = random.nextDouble() * total;
            int chosen = n - 1;
            for (int i = 0; i < n; i++) {
                target -= closest[i];
                if (target < 0) {
                    chosen = i;
                    break;
                }
            }
            centroids.putRow(c, x.getRow(chosen));
        }
        return centroids;
    }

    /**
     * One start's Lloyd iterations, one per {@link #iterate()}, until the centroids move less than the tolerance or
     * {@code maxIterations} have run; as an iterator, it has a next iteration while neither holds.
     */
    private static final class Lloyd implements Iterator<Lloyd> {
        private final INDArray x;
        private final INDArray squaredNorms;
        private final int maxIterations;
        private final double tolerance;
        private final double[] distance;
        private INDArray centroids;
        private int[] labels;
        private int iteration;
        private boolean converged;

        Lloyd(INDArray x, INDArray squaredNorms, INDArray centroids, int maxIterations, double tolerance) {
            this.x = x;
            this.squaredNorms = squaredNorms;
            this.centroids = centroids;
            this.maxIterations = maxIterations;
            this.tolerance = tolerance;
            this.distance = new double[(int) x.rows()];
            this.labels = nearest(squaredDistances(x, squaredNorms, centroids), distance);
        }

        @Override
        public boolean hasNext() {
            return !converged && iteration < maxIterations;
        }

        @Override
        public Lloyd next() {
            return this;
        }

        /** Moves every centroid to its points' mean and reassigns the points; returns the inertia. */
        double iterate() {
            iteration++;
            INDArray updated = means(x, labels, (int) centroids.rows(), distance);
            double shift = updated.sub(centroids).norm2Number().doubleValue();
            centroids = updated;
            labels = nearest(squaredDistances(x, squaredNorms, centroids), distance);
            converged = shift * shift <= tolerance;
            return inertia();
        }

        private double inertia() {
            return java.util.Arrays.stream(distance).sum();
        }

        Result result() {
            return new Result(labels, centroids, inertia(), iteration);
        }
    }

    /** The mean of each cluster's points; an empty cluster takes the point farthest from its own centroid. */
    private static INDArray means(INDArray x, int[] labels, int k, double[] distance) {
        float[] oneHot = new float[labels.length * k];
        double[] counts = new double[k];
        for (int i = 0; i < labels.length; i++) {
            oneHot[i * k + labels[i]] = 1f;
            counts[labels[i]]++;
        }
        INDArray sums = Nd4j.create(oneHot, new long[]{labels.length, k}, 'c').transpose().mmul(x);
        for (int c = 0; c < k; c++) {
            if (counts[c] == 0) {
                int farthest = 0;
                for (int i = 1; i < distance.length; i++) {
                    if (distance[i] > distance[farthest]) {
                        farthest = i;
                    }
                }
                distance[farthest] = 0;
                sums.putRow(c, x.getRow(farthest));
                counts[c] = 1;
            }
        }
        return sums.diviColumnVector(Nd4j.create(counts).castTo(DataType.FLOAT).reshape(k, 1));
    }
}
