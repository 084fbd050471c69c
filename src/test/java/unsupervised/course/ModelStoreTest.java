package unsupervised.models;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.training.EarlyStopping;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {
    @TempDir
    Path folder;

    @AfterEach
    void forgetFolder() {
        System.clearProperty("unsupervised.models");
    }

    private static EarlyStopping.Fit train(double l1, AtomicInteger trainings) {
        trainings.incrementAndGet();
        Nd4j.getRandom().setSeed(5);
        var x = Nd4j.rand(DataType.FLOAT, 40, 6);
        var net = Autoencoders.dense(6, new int[]{3}, Activation.RELU, Activation.IDENTITY, 1);
        if (l1 > 0) {
            net = ActivityL1Test.net(l1);
            x = x.castTo(DataType.DOUBLE).get(org.nd4j.linalg.indexing.NDArrayIndex.all(),
                    org.nd4j.linalg.indexing.NDArrayIndex.interval(0, 5)).dup();
        }
        return EarlyStopping.of(3, 2, 8).quiet().fit(net, new DataSet(x, x), new DataSet(x, x), 1);
    }

    @Test
    void trainsOnceThenLoadsTheSameModelAndHistory() {
        System.setProperty("unsupervised.models", folder.toString());
        var trainings = new AtomicInteger();
        var untrained = Autoencoders.dense(6, new int[]{3}, Activation.RELU, Activation.IDENTITY, 1);
        var recipe = ModelStore.recipe("tiny", untrained, 1, "3 epochs", "40 random rows");

        var first = ModelStore.loadOrFit(recipe, () -> train(0, trainings));
        var second = ModelStore.loadOrFit(recipe, () -> train(0, trainings));

        assertEquals(1, trainings.get(), "the second call must load, not train");
        assertEquals(first.best().params(), second.best().params());
        assertArrayEquals(first.history().validationLoss(), second.history().validationLoss());
        assertArrayEquals(first.history().seconds(), second.history().seconds());
        assertEquals(first.bestEpoch(), second.bestEpoch());
        assertTrue(Files.isRegularFile(ModelStore.directory().resolve("tiny-full.json")));
    }

    @Test
    void aDifferentRecipeTrainsAgain() {
        System.setProperty("unsupervised.models", folder.toString());
        var trainings = new AtomicInteger();
        var untrained = Autoencoders.dense(6, new int[]{3}, Activation.RELU, Activation.IDENTITY, 1);
        ModelStore.loadOrFit(ModelStore.recipe("tiny", untrained, 1, "3 epochs", "data A"), () -> train(0, trainings));
        ModelStore.loadOrFit(ModelStore.recipe("tiny", untrained, 1, "3 epochs", "data B"), () -> train(0, trainings));
        ModelStore.loadOrFit(ModelStore.recipe("tiny", untrained, 2, "3 epochs", "data B"), () -> train(0, trainings));
        assertEquals(3, trainings.get());
        assertThrows(IllegalArgumentException.class, () -> ModelStore.recipe("../x", untrained, 1, "", ""));
    }

    @Test
    void keepsTheActivityPenaltyThroughSaving() {
        System.setProperty("unsupervised.models", folder.toString());
        var trainings = new AtomicInteger();
        var recipe = ModelStore.recipe("sparse", ActivityL1Test.net(1e-3), 1, "3 epochs", "random");
        var first = ModelStore.loadOrFit(recipe, () -> train(1e-3, trainings));
        var loaded = ModelStore.loadOrFit(recipe, () -> train(1e-3, trainings));
        assertEquals(1, trainings.get());
        assertEquals(first.best().getLayerWiseConfigurations(), loaded.best().getLayerWiseConfigurations());
        assertEquals(1e-3, ((ActivityL1) loaded.best().getLayer(1).conf().getLayer()).getL1());
    }
}
