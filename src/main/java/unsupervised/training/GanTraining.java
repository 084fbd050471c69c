package unsupervised.training;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.rng.Random;
import org.nd4j.linalg.dataset.DataSet;
import tech.tablesaw.api.Table;
import unsupervised.data.SeededRandom;
import unsupervised.models.Gan;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A GAN trained on the {@link TrainingLoop}: each minibatch is one {@link Step} of the game (two fits of two
 * networks), the caller's or the jar's {@link Gan#step}. Per epoch it keeps the mean losses of D and G, D's accuracy
 * on held-out real images and on fresh generated ones, and the images G makes from one fixed batch of noise (the
 * timeline).
 */
public final class GanTraining {
    private GanTraining() {
    }

    /**
     * One round of the game on one minibatch of real images (in [0, 1]): train D, then G through the frozen D, and
     * return both losses. {@code random} is the run's seeded generator, for the noise.
     */
    @FunctionalInterface
    public interface Step {
        Gan.StepLosses train(Gan gan, INDArray real, Random random);
    }

    /** Per epoch (1-based rows): losses, D's accuracies, seconds; and G's images at the requested epochs. */
    public record Log(History history, Map<Integer, INDArray> samples) {
        public Table table() {
            return history.table("GAN training");
        }

        public double[] column(String name) {
            return history.column(name);
        }
    }

    /** As below, with the jar's reference step {@link Gan#step}. */
    public static Log fit(Gan gan, INDArray images, INDArray heldOutReal, int epochs, int batchSize,
                          INDArray fixedNoise, List<Integer> snapshotEpochs, long seed) {
        return fit(gan, images, heldOutReal, epochs, batchSize, fixedNoise, snapshotEpochs, seed,
                (g, real, random) -> g.step(real, random));
    }

    /**
     * @param images         the training images, one per row, in [0, 1]; reshuffled every epoch, the last partial
     *                       minibatch left out
     * @param heldOutReal    real images D never trains on, to measure its accuracy on real data
     * @param fixedNoise     G's images from this noise are kept at every epoch in {@code snapshotEpochs}
     * @param seed           the shuffles and the noise of the steps and of the fake accuracy
     * @param step           one minibatch's round of the game, e.g. {@code (g, real, random) -> g.step(real, random)}
     */
    public static Log fit(Gan gan, INDArray images, INDArray heldOutReal, int epochs, int batchSize,
                          INDArray fixedNoise, List<Integer> snapshotEpochs, long seed, Step step) {
        if (images.rows() < batchSize) {
            throw new IllegalArgumentException("a GAN minibatch of " + batchSize + " needs at least as many training "
                    + "images, not " + images.rows());
        }
        Random random = SeededRandom.of(seed);
        Map<Integer, INDArray> samples = new LinkedHashMap<>();
        var shuffled = Training.epochs(new DataSet(images, images), batchSize, seed, null);
        TrainingLoop.Epochs<INDArray> batches = epoch -> fullBatches(shuffled.batches(epoch), batchSize);
        TrainingLoop.Measure accuracies = epoch -> {
            if (snapshotEpochs.contains(epoch)) {
                samples.put(epoch, gan.generate(fixedNoise));
            }
            INDArray fake = gan.generate(gan.noise((int) heldOutReal.rows(), random));
            return named("D accuracy, real", share(gan.discriminate(heldOutReal), true),
                    "D accuracy, fake", share(gan.discriminate(fake), false));
        };
        var run = TrainingLoop.of("epoch", epochs).measuring(accuracies)
                .run(batches, real -> {
                    Gan.StepLosses losses = step.train(gan, real, random);
                    return named("D loss", losses.discriminator(), "G loss", losses.generator());
                });
        return new Log(run.history(), samples);
    }

    /** The features of the full minibatches: the last, smaller one would give D and G a step of another size. */
    private static Iterator<INDArray> fullBatches(Iterator<DataSet> batches, int batchSize) {
        return new Iterator<>() {
            private DataSet next = advance();

            private DataSet advance() {
                DataSet batch = batches.hasNext() ? batches.next() : null;
                return batch != null && batch.numExamples() == batchSize ? batch : null;
            }

            @Override
            public boolean hasNext() {
                return next != null;
            }

            @Override
            public INDArray next() {
                if (next == null) {
                    throw new NoSuchElementException();
                }
                INDArray features = next.getFeatures();
                next = advance();
                return features;
            }
        };
    }

    /** Two named values, in this order (the history's columns follow it). */
    private static Map<String, Double> named(String first, double a, String second, double b) {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put(first, a);
        values.put(second, b);
        return values;
    }

    /** The share of probabilities on the side of 0.5 that a correct D would put them: above for real images. */
    private static double share(INDArray probabilities, boolean real) {
        INDArray correct = real ? probabilities.gt(0.5) : probabilities.lt(0.5);
        return correct.castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }
}
