package unsupervised.training;

import org.deeplearning4j.earlystopping.termination.MaxEpochsTerminationCondition;
import org.deeplearning4j.earlystopping.termination.ScoreImprovementEpochTerminationCondition;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.data.Splits;
import unsupervised.models.Autoencoders;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TrainingLoopTest {

    /** {@code steps} batches per epoch, numbered from 1. */
    private static TrainingLoop.Epochs<Integer> counting(int steps) {
        return epoch -> IntStream.rangeClosed(1, steps).boxed().iterator();
    }

    @Test
    void anInterruptEndsTheRunRightAfterTheStepThatSawIt() {
        List<Integer> ran = new ArrayList<>();
        var error = assertThrows(CancellationException.class, () -> TrainingLoop.of("epoch", 5).quiet()
                .run(counting(10), batch -> {
                    ran.add(batch);
                    if (ran.size() == 13) {
                        Thread.currentThread().interrupt();  // what the kernel's Interrupt does to the cell's thread
                    }
                    return Map.of("loss", 1.0);
                }));
        boolean wasInterrupted = Thread.interrupted();
        assertTrue(wasInterrupted, "the interrupt flag stays set for the caller");
        assertEquals(13, ran.size(), "no step after the interrupted one");
        assertTrue(error.getMessage().contains("epoch 2, step 3"), error.getMessage());
    }

    @Test
    void theHistoryKeepsEachEpochsMeanStepValuesItsMeasuresAndItsTime() {
        var run = TrainingLoop.of("epoch", 3).quiet()
                .measuring(epoch -> Map.of("val_loss", 10.0 * epoch))
                .run(counting(4), batch -> {
                    Map<String, Double> values = new LinkedHashMap<>();
                    values.put("loss", (double) batch);
                    if (batch == 2) {
                        values.put("rare", 7.0);
                    }
                    return values;
                });
        History history = run.history();
        assertEquals(3, history.epochs());
        assertEquals(List.of("loss", "rare", "val_loss"), history.names());
        assertArrayEquals(new double[] {2.5, 2.5, 2.5}, history.loss(), "mean of 1..4");
        assertArrayEquals(new double[] {7, 7, 7}, history.column("rare"), "mean over the steps that gave it");
        assertArrayEquals(new double[] {10, 20, 30}, history.validationLoss());
        assertTrue(Double.isNaN(history.column("absent")[0]));
        assertEquals(List.of("epoch", "loss", "rare", "val_loss", "seconds"), history.table("t").columnNames());
        assertEquals(3, history.table("t").rowCount());
        assertTrue(Arrays.stream(history.seconds()).allMatch(s -> s >= 0));
        assertArrayEquals(history.seconds(), history.column("seconds"));
        assertEquals("ran all 3 epochs", run.stopReason());
        assertNull(run.best());
    }

    @Test
    void earlyStoppingUsesDl4jsConditionsAndKeepsTheBestEpochsModel() {
        MultiLayerNetwork net = Autoencoders.dense(2, new int[] {3}, Activation.RELU, Activation.IDENTITY, 3);
        double[] monitored = {3, 1, 2, Double.NaN, 2, 0.5};
        var run = TrainingLoop.of("epoch", 6).quiet()
                .measuring(epoch -> {
                    net.params().assign(epoch);  // the model's state marks its epoch
                    return Map.of("val_loss", monitored[epoch - 1]);
                })
                .stoppingWhen("val_loss", true, new MaxEpochsTerminationCondition(6),
                        new ScoreImprovementEpochTerminationCondition(2))
                .keepingBest(net)
                .run(counting(1), batch -> Map.of());
        assertEquals(4, run.history().epochs(), "patience 2 after epoch 2: stops after epoch 4");
        assertTrue(run.stopReason().contains("ScoreImprovement"), run.stopReason());
        assertEquals(2, run.bestEpoch());
        assertEquals(2.0, ((MultiLayerNetwork) run.best()).params().meanNumber().doubleValue(), 0,
                "the model as it was at the best epoch");
        assertEquals(4.0, net.params().meanNumber().doubleValue(), 0, "the network itself goes on");
    }

    @Test
    void aMonitoredValueNobodyReportsIsNamed() {
        var error = assertThrows(IllegalStateException.class, () -> TrainingLoop.of("epoch", 2).quiet()
                .stoppingWhen("val_loss", true, new MaxEpochsTerminationCondition(2))
                .run(counting(1), batch -> Map.of("loss", 1.0)));
        assertTrue(error.getMessage().contains("val_loss") && error.getMessage().contains("[loss]"),
                error.getMessage());
    }

    @Test
    void epochEOfANetworkRunIsShuffledWithEpochSeedOfEMinusOne() {
        int n = 50;
        var rows = Nd4j.arange(n).castTo(DataType.DOUBLE).reshape(n, 1);
        var epochs = Training.epochs(new DataSet(rows, rows), n, 11, null);
        for (int epoch = 1; epoch <= 3; epoch++) {
            Iterator<DataSet> batches = epochs.batches(epoch);
            int[] seen = batches.next().getFeatures().toIntVector();
            assertFalse(batches.hasNext());
            assertArrayEquals(Splits.permutation(n, TrainingLoop.epochSeed(11, epoch - 1)), seen, "epoch " + epoch);
        }
        assertNotEquals(TrainingLoop.epochSeed(11, 1), TrainingLoop.epochSeed(12, 0), "seed + 1 is not epoch + 1");
    }

    /** Keeps the states it is handed in memory; restores the one saved after {@code resumeAfter} epochs. */
    private static final class InMemoryCheckpoint implements Checkpoint {
        final List<State> saved = new ArrayList<>();
        int resumeAfter;

        @Override
        public State restore() {
            return saved.stream().filter(s -> s.history().epochs() == resumeAfter).findFirst().orElse(null);
        }

        @Override
        public void epochEnded(State state) {
            saved.add(new State(state.history().copy(), state.bestEpoch(), state.best()));
        }
    }

    @Test
    void aResumedRunStopsWhereAnUninterruptedOneStops() {
        // val_loss falls until epoch 4, then rises: patience 3 ends the run after epoch 7 with epoch 4 the best.
        double[] validation = {5, 4, 3, 2, 2.5, 3, 3.5, 4, 4.5, 5};
        var checkpoint = new InMemoryCheckpoint();
        TrainingLoop loop = TrainingLoop.of("epoch", 10).quiet()
                .measuring(epoch -> Map.of("val_loss", validation[epoch - 1]))
                .stoppingWhen("val_loss", true, new ScoreImprovementEpochTerminationCondition(3));
        var whole = loop.checkpointing(checkpoint).run(counting(2), batch -> Map.of("loss", 1.0));
        assertEquals(7, whole.history().epochs());
        assertEquals(6, checkpoint.saved.size(), "a state after every epoch but the last");

        for (int after : new int[]{2, 5, 6}) {
            checkpoint.resumeAfter = after;
            List<Integer> epochsRun = new ArrayList<>();
            var resumed = loop.checkpointing(checkpoint).run(epoch -> {
                epochsRun.add(epoch);
                return counting(2).batches(epoch);
            }, batch -> Map.of("loss", 1.0));
            assertEquals(IntStream.rangeClosed(after + 1, 7).boxed().toList(), epochsRun, "resumed after " + after);
            assertEquals(whole.stopReason(), resumed.stopReason());
            assertEquals(4, resumed.bestEpoch());
            assertArrayEquals(whole.history().validationLoss(), resumed.history().validationLoss());
        }
    }
}
