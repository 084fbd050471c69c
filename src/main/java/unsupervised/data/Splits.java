package unsupervised.data;

import org.nd4j.linalg.dataset.DataSet;

/** Slices of an in-memory data set: a validation split, a labelled subset, the images alone. */
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
        DataSet shuffled = data.copy();
        shuffled.shuffle(seed);
        return range(shuffled, 0, n);
    }

    /** The features as their own targets: what an autoencoder trains on. */
    public static DataSet unlabelled(DataSet data) {
        return new DataSet(data.getFeatures(), data.getFeatures());
    }
}
