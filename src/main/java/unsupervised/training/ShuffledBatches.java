package unsupervised.training;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.Splits;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Minibatches of an in-memory data set, in a new random order after every {@link #reset()}, as Keras'
 * {@code fit(shuffle=True)} does before each epoch. DL4J's {@code ListDataSetIterator} keeps one fixed order, and its
 * early-stopping trainer only ever calls {@code reset()} between epochs, so the shuffle has to live in the iterator.
 * Each epoch gathers the rows in their new order into one buffer allocated once (a fresh shuffled copy per epoch left
 * hundreds of MB of off-heap garbage per epoch), and each batch is a view of it: one native call per epoch instead of
 * one gather per batch, which cost the blob autoencoder at batch 32 about a fifth of its time (speed benchmark).
 * A batch is valid until the next {@link #reset()}.
 */
public final class ShuffledBatches implements DataSetIterator {
    private final DataSet data;
    private final int batchSize;
    private final long seed;
    private final DataSet shuffled;
    private int[] order;
    private int epoch;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    /** {@code data} is read, never changed. */
    public ShuffledBatches(DataSet data, int batchSize, long seed) {
        if (data.numExamples() == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        this.data = data;
        this.batchSize = batchSize;
        this.seed = seed;
        INDArray features = data.getFeatures().ulike();
        // An autoencoder's targets are its inputs: one buffer serves both.
        this.shuffled = new DataSet(features, data.getLabels() == data.getFeatures() ? features : data.getLabels().ulike());
        reset();
    }

    @Override
    public void reset() {
        order = Splits.permutation(data.numExamples(), epochSeed(seed, epoch++));
        Nd4j.pullRows(data.getFeatures(), shuffled.getFeatures(), 1, order);
        if (shuffled.getLabels() != shuffled.getFeatures()) {
            Nd4j.pullRows(data.getLabels(), shuffled.getLabels(), 1, order);
        }
        cursor = 0;
    }

    /**
     * Puts the rows in the order of epoch {@code epoch} (0-based; the constructor drew epoch 0's) and starts its
     * batches: the same orders as {@link #reset()} between consecutive epochs, and any epoch's order for a run that
     * resumes in the middle.
     */
    public void shuffleFor(int epoch) {
        if (epoch == this.epoch - 1) {
            cursor = 0;
        } else {
            this.epoch = epoch;
            reset();
        }
    }

    /**
     * The shuffle seed of one epoch, a SplitMix64 hash of (seed, epoch). Seeding with {@code seed + epoch} made seed
     * s + 1 replay seed s's orders one epoch later, so runs "over seeds" were not independent.
     */
    static long epochSeed(long seed, int epoch) {
        // Distinct (seed, epoch) pairs with small values give distinct inputs (the odd golden-ratio multiplier spreads
        // seeds far apart), and SplittableRandom's output mixes every input bit.
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L + epoch).nextLong();
    }

    @Override
    public boolean hasNext() {
        return cursor < order.length;
    }

    @Override
    public DataSet next() {
        int end = Math.min(cursor + batchSize, order.length);
        DataSet batch = Splits.range(shuffled, cursor, end);
        cursor = end;
        if (preProcessor != null) {
            preProcessor.preProcess(batch);
        }
        return batch;
    }

    @Override
    public DataSet next(int num) {
        throw new UnsupportedOperationException("batches have a fixed size of " + batchSize);
    }

    @Override
    public int inputColumns() {
        return (int) data.getFeatures().size(1);
    }

    @Override
    public int totalOutcomes() {
        return (int) data.getLabels().size(1);
    }

    @Override
    public boolean resetSupported() {
        return true;
    }

    @Override
    public boolean asyncSupported() {
        return false;
    }

    @Override
    public int batch() {
        return batchSize;
    }

    @Override
    public void setPreProcessor(DataSetPreProcessor preProcessor) {
        this.preProcessor = preProcessor;
    }

    @Override
    public DataSetPreProcessor getPreProcessor() {
        return preProcessor;
    }

    @Override
    public List<String> getLabels() {
        return null;
    }
}
