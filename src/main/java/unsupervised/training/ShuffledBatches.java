package unsupervised.training;

import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.DataSetPreProcessor;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;

import java.util.List;

/**
 * Minibatches of an in-memory data set, reshuffled at every {@link #reset()}, as Keras' {@code fit(shuffle=True)}
 * does before each epoch. DL4J's {@code ListDataSetIterator} keeps one fixed order, and its early-stopping trainer
 * only ever calls {@code reset()} between epochs, so the shuffle has to live in the iterator.
 */
public final class ShuffledBatches implements DataSetIterator {
    private final DataSet data;
    private final int batchSize;
    private final long seed;
    private int epoch;
    private List<DataSet> batches;
    private int cursor;
    private DataSetPreProcessor preProcessor;

    public ShuffledBatches(DataSet data, int batchSize, long seed) {
        if (data.numExamples() == 0) {
            throw new IllegalArgumentException("cannot train on an empty data set");
        }
        this.data = data.copy();
        this.batchSize = batchSize;
        this.seed = seed;
        reset();
    }

    @Override
    public void reset() {
        data.shuffle(seed + epoch++);
        batches = data.batchBy(batchSize);
        cursor = 0;
    }

    @Override
    public boolean hasNext() {
        return cursor < batches.size();
    }

    @Override
    public DataSet next() {
        DataSet batch = batches.get(cursor++);
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
