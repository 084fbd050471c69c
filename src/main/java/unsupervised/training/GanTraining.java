package unsupervised.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;
import unsupervised.data.SeededRandom;
import unsupervised.data.Splits;
import unsupervised.models.Gan;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The GAN's training loop. {@link Training#fit} cannot run it: each minibatch is two fits of two networks (see
 * {@link Gan#step}). Per epoch it keeps the mean losses of D and G, D's accuracy on held-out real images and on
 * fresh generated ones, and the images G makes from one fixed batch of noise (the timeline), and prints a progress
 * line as {@link History} does.
 */
public final class GanTraining {
    private GanTraining() {
    }

    /** Per epoch (1-based rows): losses, D's accuracies, seconds; and G's images at the requested epochs. */
    public record Log(Table table, Map<Integer, INDArray> samples) {
        public double[] column(String name) {
            return table.doubleColumn(name).asDoubleArray();
        }
    }

    /**
     * @param images        the training images, one per row, in [0, 1]
     * @param heldOutReal   real images D never trains on, to measure its accuracy on real data
     * @param fixedNoise    G's images from this noise are kept at every epoch in {@code snapshotEpochs}
     */
    public static Log fit(Gan gan, INDArray images, INDArray heldOutReal, int epochs, int batchSize,
                          INDArray fixedNoise, List<Integer> snapshotEpochs, long seed) {
        Random random = SeededRandom.of(seed);
        Table table = Table.create("GAN training", IntColumn.create("epoch"), DoubleColumn.create("D loss"),
                DoubleColumn.create("G loss"), DoubleColumn.create("D accuracy, real"),
                DoubleColumn.create("D accuracy, fake"), DoubleColumn.create("seconds"));
        Map<Integer, INDArray> samples = new LinkedHashMap<>();
        int every = Math.max(1, (int) Math.ceil(epochs / 25.0));
        long n = images.rows();
        for (int epoch = 1; epoch <= epochs; epoch++) {
            long start = System.nanoTime();
            int[] order = Splits.permutation((int) n, seed + epoch);
            double dSum = 0;
            double gSum = 0;
            int steps = 0;
            for (int from = 0; from + batchSize <= n; from += batchSize) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, from + batchSize);
                var losses = gan.step(images.getRows(rows), random);
                dSum += losses.discriminator();
                gSum += losses.generator();
                steps++;
            }
            double realAccuracy = share(gan.discriminate(heldOutReal), true);
            double fakeAccuracy = share(gan.discriminate(gan.generate(gan.noise((int) heldOutReal.rows(), random))),
                    false);
            double seconds = (System.nanoTime() - start) / 1e9;
            table.intColumn(0).append(epoch);
            table.doubleColumn(1).append(dSum / steps);
            table.doubleColumn(2).append(gSum / steps);
            table.doubleColumn(3).append(realAccuracy);
            table.doubleColumn(4).append(fakeAccuracy);
            table.doubleColumn(5).append(seconds);
            if (snapshotEpochs.contains(epoch)) {
                samples.put(epoch, gan.generate(fixedNoise));
            }
            if (epoch == 1 || epoch % every == 0 || epoch == epochs) {
                System.out.println(String.format(Locale.ROOT,
                        "epoch %3d/%d  D loss %.4f  G loss %.4f  D accuracy real %.3f fake %.3f  (%.1f s)", epoch,
                        epochs, dSum / steps, gSum / steps, realAccuracy, fakeAccuracy, seconds));
            }
        }
        return new Log(table, samples);
    }

    /** The share of probabilities on the side of 0.5 that a correct D would put them: above for real images. */
    private static double share(INDArray probabilities, boolean real) {
        INDArray correct = real ? probabilities.gt(0.5) : probabilities.lt(0.5);
        return correct.castTo(org.nd4j.linalg.api.buffer.DataType.DOUBLE).meanNumber().doubleValue();
    }

}
