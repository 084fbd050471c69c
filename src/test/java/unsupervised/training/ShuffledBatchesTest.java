package unsupervised.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ShuffledBatchesTest {

    private static List<Integer> epoch(ShuffledBatches batches) {
        List<Integer> order = new ArrayList<>();
        while (batches.hasNext()) {
            DataSet batch = batches.next();
            for (int i = 0; i < batch.numExamples(); i++) {
                order.add(batch.getFeatures().getInt(i, 0));
            }
        }
        return order;
    }

    @Test
    void everyExampleOncePerEpochInANewOrderEachEpoch() {
        var ids = Nd4j.arange(0, 103).reshape(103, 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        var batches = new ShuffledBatches(new DataSet(ids, ids), 10, 5);
        assertEquals(10, batches.batch());
        List<Integer> first = epoch(batches);
        batches.reset();
        List<Integer> second = epoch(batches);
        assertEquals(103, first.size());
        assertEquals(first.stream().sorted().toList(), second.stream().sorted().toList());
        assertEquals(103, first.stream().distinct().count());
        assertNotEquals(first, second, "reshuffled at reset");
        assertEquals(first, epoch(new ShuffledBatches(new DataSet(ids, ids), 10, 5)), "same seed, same order");
    }

    @Test
    void neighbouringSeedsDoNotReplayEachOthersEpochs() {
        var ids = Nd4j.arange(0, 50).reshape(50, 1).castTo(org.nd4j.linalg.api.buffer.DataType.FLOAT);
        List<List<Integer>> seed1 = new ArrayList<>();
        List<List<Integer>> seed2 = new ArrayList<>();
        var one = new ShuffledBatches(new DataSet(ids, ids), 50, 1);
        var two = new ShuffledBatches(new DataSet(ids, ids), 50, 2);
        for (int epoch = 0; epoch < 5; epoch++) {
            seed1.add(epoch(one));
            seed2.add(epoch(two));
            one.reset();
            two.reset();
        }
        for (List<Integer> order : seed2) {
            assertTrue(!seed1.contains(order), "seed 2 repeats an epoch order of seed 1: " + order);
        }
    }
}
