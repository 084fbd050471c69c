package unsupervised.data;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.HashSet;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SplitsTest {
    private final DataSet data = new DataSet(Nd4j.arange(0, 50).reshape(50, 1).castTo(DataType.FLOAT),
            Nd4j.arange(100, 150).reshape(50, 1).castTo(DataType.FLOAT));

    private static Set<Integer> ids(DataSet d) {
        Set<Integer> ids = new HashSet<>();
        for (int i = 0; i < d.numExamples(); i++) {
            ids.add(d.getFeatures().getInt(i, 0));
            assertEquals(d.getFeatures().getInt(i, 0) + 100, d.getLabels().getInt(i, 0), "pairs stay together");
        }
        return ids;
    }

    @Test
    void rangeKeepsOrderAndRejectsBadBounds() {
        DataSet tail = Splits.range(data, 45, 50);
        assertEquals(Set.of(45, 46, 47, 48, 49), ids(tail));
        assertEquals(45, tail.getFeatures().getInt(0, 0));
        assertThrows(IllegalArgumentException.class, () -> Splits.range(data, 40, 51));
    }

    @Test
    void sampleDrawsDistinctExamplesBySeed() {
        Set<Integer> first = ids(Splits.sample(data, 10, 1));
        assertEquals(10, first.size());
        assertEquals(first, ids(Splits.sample(data, 10, 1)));
        assertNotEquals(first, ids(Splits.sample(data, 10, 2)));
        assertEquals(0, data.getFeatures().getInt(0, 0), "the source is not shuffled");
    }

    @Test
    void batchesStepThroughTheDataInOrderOneBatchAtATime() {
        var batches = Splits.batches(data, 20);
        int[] sizes = new int[3];
        for (int i = 0; i < 3; i++) {
            var batch = batches.next();
            sizes[i] = batch.numExamples();
            assertEquals(20 * i, batch.getFeatures().getInt(0, 0));
        }
        assertFalse(batches.hasNext());
        assertArrayEquals(new int[]{20, 20, 10}, sizes);
    }

    @Test
    void unlabelledUsesTheFeaturesAsTargets() {
        assertEquals(data.getFeatures(), Splits.unlabelled(data).getLabels());
    }

    private static ImageData images(int train, int test) {
        return new ImageData("tiny", Nd4j.arange(0, train).reshape(train, 1).castTo(DataType.FLOAT), new int[train],
                Nd4j.zeros(DataType.FLOAT, test, 1), new int[test], 1, 1, java.util.List.of("a", "b"));
    }

    @Test
    void holdOutKeepsTheLastFractionForValidationAndTheTestSetWhole() {
        var sets = Splits.holdOut(images(60, 7).subset(48, 7), 1 / 12.0);
        assertEquals(44, sets.train().numExamples());
        assertEquals(4, sets.validation().numExamples());
        assertEquals(44, sets.validation().getFeatures().getInt(0, 0), "the last examples are held out");
        assertEquals(7, sets.test().numExamples(), "the test set is kept whole");
        assertEquals("44 training, 4 validation and 7 test examples", sets.toString());
        assertEquals(1, Splits.holdOut(images(3, 1), 1 / 12.0).validation().numExamples(), "at least one");
        assertEquals(1, Splits.holdOut(images(2, 1), 0.9).train().numExamples(), "at least one to train on");
        assertThrows(IllegalArgumentException.class, () -> Splits.holdOut(images(1, 1), 0.5));
        assertThrows(IllegalArgumentException.class, () -> Splits.holdOut(images(10, 1), 0));
    }
}
