package unsupervised.data;

import org.deeplearning4j.datasets.iterator.utilty.ListDataSetIterator;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/** Slices of an in-memory data set: a validation split, a labelled subset, batches in order, the images alone. */
public final class Splits {
    private Splits() {
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
