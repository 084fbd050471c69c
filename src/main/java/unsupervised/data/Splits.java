package unsupervised.data;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.IntStream;

/** Slices of an in-memory data set: a validation split, a labelled subset, batches in order, the images alone. */
public final class Splits {
    private Splits() {
    }

    /**
     * A labelled data set ready for early stopping: the examples to train on, those held out to decide when to stop,
     * and the test set, touched only to report results.
     */
    public record Holdout(DataSet train, DataSet validation, DataSet test) {
        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%,d training, %,d validation and %,d test examples",
                    train.numExamples(), validation.numExamples(), test.numExamples());
        }
    }

    /**
     * Holds out the last {@code fraction} of {@code data}'s training examples (at least one) for validation, as
     * Keras' {@code validation_split} does; the test set is kept whole. Works for any training set of two or more
     * examples, so a smaller {@code UNSUPERVISED_SAMPLES} shrinks the validation set with it.
     */
    public static Holdout holdOut(ImageData data, double fraction) {
        DataSet all = data.trainSet();
        int n = all.numExamples();
        if (!(fraction > 0 && fraction < 1) || n < 2) {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "cannot hold out a fraction %s of %d "
                    + "training examples: need 0 < fraction < 1 and at least 2 examples", fraction, n));
        }
        int validation = Math.min(n - 1, Math.max(1, (int) Math.round(n * fraction)));
        return new Holdout(range(all, 0, n - validation), range(all, n - validation, n), data.testSet());
    }

    /** Examples {@code from} (inclusive) to {@code to} (exclusive), in their stored order. */
    public static DataSet range(DataSet data, int from, int to) {
        if (from < 0 || to > data.numExamples() || from >= to) {
            throw new IllegalArgumentException("no examples " + from + " to " + to + " in a data set of "
                    + data.numExamples());
        }
        return (DataSet) data.getRange(from, to);
    }

    /** {@code n} examples drawn without replacement; a different seed gives a different draw. */
    public static DataSet sample(DataSet data, int n, long seed) {
        if (n < 1 || n > data.numExamples()) {
            throw new IllegalArgumentException("cannot draw " + n + " examples from " + data.numExamples());
        }
        return rows(data, Arrays.copyOf(permutation(data.numExamples(), seed), n));
    }

    /** The numbers {@code 0..n-1} in a random order fixed by {@code seed}. */
    public static int[] permutation(int n, long seed) {
        List<Integer> indices = new ArrayList<>(IntStream.range(0, n).boxed().toList());
        Collections.shuffle(indices, new Random(seed));
        return indices.stream().mapToInt(Integer::intValue).toArray();
    }

    /** A new data set of the given examples (copied), in the given order. */
    public static DataSet rows(DataSet data, int[] rows) {
        return new DataSet(Nd4j.pullRows(data.getFeatures(), 1, rows), Nd4j.pullRows(data.getLabels(), 1, rows));
    }

    /** Consecutive batches of {@code batchSize} examples, in stored order: for evaluation and validation loss. */
    public static DataSetIterator batches(DataSet data, int batchSize) {
        // ListDataSetIterator's second argument counts list elements per step, and each element is a batch already.
        return new ListDataSetIterator<>(data.batchBy(batchSize), 1);
    }

    /** The features as their own targets: what an autoencoder trains on. */
    public static DataSet unlabelled(DataSet data) {
        return new DataSet(data.getFeatures(), data.getFeatures());
    }
}
