package unsupervised.course;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import unsupervised.models.ActivityL1;
import unsupervised.models.ActivityL1Test;
import unsupervised.models.Autoencoders;
import unsupervised.models.FashionAutoencoders;
import unsupervised.models.SecondJvm;
import unsupervised.training.Checkpoint;
import unsupervised.training.EarlyStopping;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelStoreTest {
    @TempDir
    Path folder;

    private ModelStore store(String code) {
        return new ModelStore(folder, "full", "profile full", code, java.time.Duration.ZERO);
    }

    static EarlyStopping.Fit train(double l1, AtomicInteger trainings) {
        trainings.incrementAndGet();
        Nd4j.getRandom().setSeed(5);
        var x = Nd4j.rand(DataType.FLOAT, 40, 6);
        var net = Autoencoders.dense(6, new int[]{3}, Activation.RELU, Activation.IDENTITY, 1);
        if (l1 > 0) {
            net = ActivityL1Test.net(l1);
            x = x.castTo(DataType.DOUBLE).get(NDArrayIndex.all(), NDArrayIndex.interval(0, 5)).dup();
        }
        return EarlyStopping.of(3, 2, 8).quiet().fit(net, new DataSet(x, x), new DataSet(x, x), 1);
    }

    static ModelStore.Recipe tiny(ModelStore store, String name, String data) {
        var untrained = Autoencoders.dense(6, new int[]{3}, Activation.RELU, Activation.IDENTITY, 1);
        return store.recipe(name, untrained, 1, "3 epochs", data);
    }

    /** What {@code call} printed. */
    private static String printed(Runnable call) {
        PrintStream out = System.out;
        var bytes = new ByteArrayOutputStream();
        System.setOut(new PrintStream(bytes, true));
        try {
            call.run();
        } finally {
            System.setOut(out);
        }
        String text = bytes.toString();
        System.out.print(text);
        return text;
    }

    @Test
    void trainsOnceThenLoadsTheSameModelAndHistory() throws IOException {
        var trainings = new AtomicInteger();
        var recipe = tiny(store("A"), "tiny", "40 random rows");

        var first = store("A").loadOrFit(recipe, () -> train(0, trainings));
        var second = store("A").loadOrFit(recipe, () -> train(0, trainings));

        assertEquals(1, trainings.get(), "the second call must load, not train");
        assertEquals(first.best().params(), second.best().params());
        assertArrayEquals(first.history().validationLoss(), second.history().validationLoss());
        assertArrayEquals(first.history().seconds(), second.history().seconds());
        assertEquals(first.bestEpoch(), second.bestEpoch());
        for (String file : List.of("tiny-full.zip", "tiny-full.json", "tiny-full.lock")) {
            assertEquals("rw-r--r--", PosixFilePermissions.toString(Files.getPosixFilePermissions(
                    folder.resolve(file))), file);
        }
        try (Stream<Path> files = Files.list(folder)) {
            assertFalse(files.anyMatch(f -> f.toString().endsWith(".part")), "no .part file stays");
        }
    }

    @Test
    void aDifferentRecipeOrCodeTrainsAgain() {
        var trainings = new AtomicInteger();
        var untrained = Autoencoders.dense(6, new int[]{3}, Activation.RELU, Activation.IDENTITY, 1);
        store("A").loadOrFit(tiny(store("A"), "tiny", "data A"), () -> train(0, trainings));
        store("A").loadOrFit(tiny(store("A"), "tiny", "data B"), () -> train(0, trainings));
        store("A").loadOrFit(store("A").recipe("tiny", untrained, 2, "3 epochs", "data B"), () -> train(0, trainings));
        assertEquals(3, trainings.get());
        String output = printed(() -> store("B").loadOrFit(store("B").recipe("tiny", untrained, 2, "3 epochs",
                "data B"), () -> train(0, trainings)));
        assertEquals(4, trainings.get(), "new code, same recipe otherwise: trained again");
        assertTrue(output.contains("made another way (code differ)"), output);
        assertThrows(IllegalArgumentException.class, () -> store("A").recipe("../x", untrained, 1, "", ""));
    }

    @Test
    void keepsTheActivityPenaltyThroughSaving() {
        var trainings = new AtomicInteger();
        var recipe = store("A").recipe("sparse", ActivityL1Test.net(1e-3), 1, "3 epochs", "random");
        var first = store("A").loadOrFit(recipe, () -> train(1e-3, trainings));
        var loaded = store("A").loadOrFit(recipe, () -> train(1e-3, trainings));
        assertEquals(1, trainings.get());
        assertEquals(first.best().getLayerWiseConfigurations(), loaded.best().getLayerWiseConfigurations());
        assertEquals(1e-3, ((ActivityL1) loaded.best().getLayer(1).conf().getLayer()).getL1());
    }

    @Test
    void aValidModelCopiedUnderAnotherRecipesNameIsTrainedAnew() throws IOException {
        var trainings = new AtomicInteger();
        var a = tiny(store("A"), "tiny-a", "data A");
        var b = tiny(store("A"), "tiny-b", "data B");
        store("A").loadOrFit(a, () -> train(0, trainings));
        var fitB = store("A").loadOrFit(b, () -> train(0, trainings));
        // A model B's recipe must not vouch for: its own, with one parameter changed, saved under B's name.
        var other = fitB.best().clone();
        other.params().putScalar(0, 42.0);
        Path otherFile = folder.resolve("other.zip");
        org.deeplearning4j.util.ModelSerializer.writeModel(other, otherFile.toFile(), false);
        Files.copy(otherFile, folder.resolve("tiny-b-full.zip"), StandardCopyOption.REPLACE_EXISTING);

        String output = printed(() -> store("A").loadOrFit(b, () -> train(0, trainings)));
        assertEquals(3, trainings.get(), "the copied file must not be loaded");
        assertTrue(output.contains("is not the file its recipe") && output.contains("training anew"), output);
        var reloaded = store("A").loadOrFit(b, () -> train(0, trainings));
        assertEquals(3, trainings.get(), "the retrained model is stored and loads");
        assertEquals(fitB.best().params(), reloaded.best().params());
    }

    @Test
    void aTruncatedModelFileIsTrainedAnew() throws IOException {
        var trainings = new AtomicInteger();
        var recipe = tiny(store("A"), "tiny", "data");
        store("A").loadOrFit(recipe, () -> train(0, trainings));
        Path model = folder.resolve("tiny-full.zip");
        byte[] bytes = Files.readAllBytes(model);
        Files.write(model, java.util.Arrays.copyOf(bytes, bytes.length / 2));

        String output = printed(() -> store("A").loadOrFit(recipe, () -> train(0, trainings)));
        assertEquals(2, trainings.get());
        assertTrue(output.contains("replaced, truncated or corrupt; training anew"), output);
        assertEquals(bytes.length, Files.size(model), "the retrained model replaces the truncated file");
    }

    @Test
    void partFilesLeftByAKilledRunAreRemoved() throws IOException {
        Files.writeString(folder.resolve("tiny-full.zip.part"), "half a model");
        Files.writeString(folder.resolve("tiny-full.json.part"), "{");
        store("A").loadOrFit(tiny(store("A"), "tiny", "data"), () -> train(0, new AtomicInteger()));
        assertFalse(Files.exists(folder.resolve("tiny-full.zip.part")));
        assertFalse(Files.exists(folder.resolve("tiny-full.json.part")));
    }

    @Test
    void aStoreThatCannotBeWrittenTrainsWarnsAndGoesOn() throws IOException {
        // Tests may run as root, whom file modes do not stop: a folder under a regular file cannot be made by anyone.
        Path file = Files.writeString(folder.resolve("a-file"), "");
        var store = new ModelStore(file.resolve("models"), "full", "profile full", "A", java.time.Duration.ZERO);
        var trainings = new AtomicInteger();
        var fit = new AtomicReference<EarlyStopping.Fit>();
        String output = printed(() -> fit.set(store.loadOrFit(tiny(store, "tiny", "data"),
                () -> train(0, trainings))));
        assertEquals(1, trainings.get());
        assertNotNull(fit.get().best());
        assertTrue(output.contains("warning: tiny: cannot lock") && output.contains("UNSUPERVISED_MODELS"), output);
    }

    @Test
    void theCodeVersionChangesWithTheTrainingCodeOnly() throws IOException {
        Path classes = Path.of(ModelStore.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        Path copy = folder.resolve("classes");
        for (String pkg : List.of("data", "models", "training", "metrics", "clustering", "report")) {
            Path from = classes.resolve("unsupervised").resolve(pkg);
            try (Stream<Path> files = Files.walk(from)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path to = copy.resolve(classes.relativize(f).toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        }
        String version = ModelStore.codeVersion(copy);
        assertEquals(ModelStore.codeVersion(), ModelStore.codeVersion(classes), "the running code's version");
        assertEquals(version, ModelStore.codeVersion(classes));

        Path noise = copy.resolve("unsupervised/data/Noise.class");
        byte[] bytes = Files.readAllBytes(noise);
        bytes[bytes.length - 1] ^= 1;
        Files.write(noise, bytes);
        assertNotEquals(version, ModelStore.codeVersion(copy), "Noise changed, so may every stored model");
        bytes[bytes.length - 1] ^= 1;
        Files.write(noise, bytes);
        assertEquals(version, ModelStore.codeVersion(copy));

        Files.writeString(copy.resolve("unsupervised/report/Results.class"), "other report code");
        assertEquals(version, ModelStore.codeVersion(copy), "the report's code trains nothing");
        Files.writeString(copy.resolve("unsupervised/clustering/KMeans.class"), "other clustering code");
        assertEquals(version, ModelStore.codeVersion(copy), "clustering runs after the stored models train");
        Files.writeString(copy.resolve("unsupervised/training/Extra.class"), "a new training class");
        assertNotEquals(version, ModelStore.codeVersion(copy));
    }

    /**
     * Two processes ask for one recipe at once: this JVM starts training it and holds on, another JVM asks for it,
     * must say that it waits and for whom, and then load what this one saved, without training.
     */
    @Test
    void twoProcessesAskingForOneRecipeTrainItOnce() throws Exception {
        var trainings = new AtomicInteger();
        var started = new CountDownLatch(1);
        var finish = new CountDownLatch(1);
        Supplier<EarlyStopping.Fit> slowTraining = () -> {
            started.countDown();
            try {
                assertTrue(finish.await(5, TimeUnit.MINUTES));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            return train(0, trainings);
        };
        var here = new Thread(() -> store("A").loadOrFit(tiny(store("A"), "race", "data"), slowTraining));
        here.start();
        assertTrue(started.await(1, TimeUnit.MINUTES));

        Process other = SecondJvm.start(AskForTheRaceModel.class, folder.toString());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        var reader = new Thread(() -> {
            try (var in = new BufferedReader(new InputStreamReader(other.getInputStream()))) {
                in.lines().forEach(lines::add);
            } catch (IOException e) {
                lines.add("reading failed: " + e);
            }
        });
        reader.start();
        var output = new StringBuilder();
        String line;
        while ((line = lines.poll(3, TimeUnit.MINUTES)) != null && !line.contains("waits for")) {
            output.append(line).append('\n');
        }
        assertNotNull(line, "the other process never said that it waits:\n" + output);
        assertTrue(line.contains("process " + ProcessHandle.current().pid()), "it names this process: " + line);

        finish.countDown();
        here.join();
        assertTrue(other.waitFor(3, TimeUnit.MINUTES));
        reader.join();
        lines.forEach(l -> output.append(l).append('\n'));
        assertEquals(0, other.exitValue(), output.toString());
        assertEquals(1, trainings.get());
        assertTrue(output.toString().contains("race: loaded from"), output.toString());
        assertFalse(output.toString().contains("the other process trains"), output.toString());
    }

    /** The other process of {@link #twoProcessesAskingForOneRecipeTrainItOnce}. */
    public static final class AskForTheRaceModel {
        public static void main(String[] args) {
            var store = new ModelStore(Path.of(args[0]), "full", "profile full", "A", java.time.Duration.ZERO);
            store.loadOrFit(tiny(store, "race", "data"), () -> {
                System.out.println("the other process trains");
                return train(0, new AtomicInteger());
            });
        }
    }

    /** Six epochs of the tiny autoencoder; {@code endAfterBatches} > 0 ends the run there, as an interrupt would. */
    private static EarlyStopping.Fit trainResumable(MultiLayerNetwork untrained, Checkpoint checkpoint,
                                                    int endAfterBatches) {
        return trainResumable(untrained, checkpoint, endAfterBatches, 6);
    }

    /** As above, for a network whose input is {@code width} wide. */
    private static EarlyStopping.Fit trainResumable(MultiLayerNetwork untrained, Checkpoint checkpoint,
                                                    int endAfterBatches, int width) {
        Nd4j.getRandom().setSeed(5);
        var x = Nd4j.rand(DataType.FLOAT, 40, width);
        var batches = new AtomicInteger();
        return EarlyStopping.of(6, 10, 8).quiet().fit(untrained, new DataSet(x, x), new DataSet(x, x), 1,
                batch -> {
                    if (batches.incrementAndGet() == endAfterBatches) {
                        throw new CancellationException("ended from outside");
                    }
                }, checkpoint);
    }

    private static MultiLayerNetwork tinyNet() {
        return Autoencoders.dense(6, new int[]{3}, Activation.RELU, Activation.IDENTITY, 1);
    }

    @Test
    void aRunEndedMidTrainingResumesFromItsCheckpointAndEndsWithTheUninterruptedNetwork() throws IOException {
        var uninterrupted = trainResumable(tinyNet(), null, 0);

        var recipe = tiny(store("A"), "tiny", "40 random rows");
        MultiLayerNetwork first = tinyNet();
        // 5 batches per epoch: ended in the 4th epoch, after the checkpoint of the 3rd.
        assertThrows(CancellationException.class,
                () -> store("A").loadOrFit(recipe, first, checkpoint -> trainResumable(first, checkpoint, 17)));
        assertTrue(Files.exists(folder.resolve("tiny-full.checkpoint.json")), "the checkpoint stays");
        assertFalse(Files.exists(folder.resolve("tiny-full.zip")), "no model saved");

        MultiLayerNetwork second = tinyNet();
        var fit = new AtomicReference<EarlyStopping.Fit>();
        String output = printed(() -> fit.set(store("A").loadOrFit(recipe, second,
                checkpoint -> trainResumable(second, checkpoint, 0))));
        assertTrue(output.contains("tiny: resumes after epoch 3 from its checkpoint"), output);
        assertEquals(uninterrupted.best().params(), fit.get().best().params(), "the same best network");
        assertEquals(uninterrupted.bestEpoch(), fit.get().bestEpoch());
        assertArrayEquals(uninterrupted.history().loss(), fit.get().history().loss());
        assertArrayEquals(uninterrupted.history().validationLoss(), fit.get().history().validationLoss());
        try (Stream<Path> files = Files.list(folder)) {
            assertEquals(List.of("tiny-full.json", "tiny-full.lock", "tiny-full.zip"),
                    files.map(f -> f.getFileName().toString()).sorted().toList(), "the checkpoint is removed");
        }
    }

    @Test
    void aConvolutionalNetworkWithPoolingAndUpsamplingLayersResumesToo() {
        // DL4J throws when a pooling or upsampling layer is asked for its optimizer: the checkpoint must not ask.
        var uninterrupted = trainResumable(FashionAutoencoders.convolutional(1), null, 0, 784);
        MultiLayerNetwork first = FashionAutoencoders.convolutional(1);
        var recipe = store("A").recipe("conv", first, 1, "6 epochs", "40 random images");
        String output = printed(() -> assertThrows(CancellationException.class, () -> store("A").loadOrFit(recipe,
                first, checkpoint -> trainResumable(first, checkpoint, 17, 784))));
        assertFalse(output.contains("could not save a checkpoint"), output);

        MultiLayerNetwork second = FashionAutoencoders.convolutional(1);
        var fit = new AtomicReference<EarlyStopping.Fit>();
        output = printed(() -> fit.set(store("A").loadOrFit(recipe, second,
                checkpoint -> trainResumable(second, checkpoint, 0, 784))));
        assertTrue(output.contains("conv: resumes after epoch 3 from its checkpoint"), output);
        assertEquals(uninterrupted.best().params(), fit.get().best().params(), "the same best network");
    }

    @Test
    void aCheckpointOfAnotherRecipeOrWithAFaultyFileIsNotResumed() throws IOException {
        MultiLayerNetwork net = tinyNet();
        var recipe = tiny(store("A"), "tiny", "40 random rows");
        assertThrows(CancellationException.class,
                () -> store("A").loadOrFit(recipe, net, checkpoint -> trainResumable(net, checkpoint, 17)));

        String output = printed(() -> assertThrows(CancellationException.class, () -> store("B").loadOrFit(
                tiny(store("B"), "tiny", "40 random rows"), net, checkpoint -> trainResumable(net, checkpoint, 12))));
        assertTrue(output.contains("was made another way (code differ); training starts at epoch 1"), output);

        // store B's run saved after epoch 2; its network file cut short:
        Path model = folder.resolve("tiny-full.checkpoint.zip");
        Files.write(model, Arrays.copyOf(Files.readAllBytes(model), 100));
        var uninterrupted = trainResumable(tinyNet(), null, 0);
        MultiLayerNetwork fresh = tinyNet();
        var fit = new AtomicReference<EarlyStopping.Fit>();
        output = printed(() -> fit.set(store("B").loadOrFit(tiny(store("B"), "tiny", "40 random rows"), fresh,
                checkpoint -> trainResumable(fresh, checkpoint, 0))));
        assertTrue(output.contains("does not match its networks' checksums"), output);
        assertEquals(uninterrupted.best().params(), fit.get().best().params(), "trained from epoch 1");
    }

    @Test
    void aVariationalAutoencodersPretrainingResumesToo() {
        Nd4j.getRandom().setSeed(7);
        var x = Nd4j.rand(DataType.FLOAT, 40, 6);
        java.util.function.BiFunction<MultiLayerNetwork, Checkpoint, EarlyStopping.Fit> train = (net, checkpoint) -> {
            Nd4j.getRandom().setSeed(11);  // the VAE's samples come from it (one generator per thread)
            return EarlyStopping.of(6, 10, 8).quiet().pretrain(net, new DataSet(x, x),
                    n -> unsupervised.metrics.Elbo.of(n, x, 0).negativeElbo(), 1, checkpoint);
        };
        var uninterrupted = train.apply(vae(), null);

        MultiLayerNetwork first = vae();
        var recipe = store("A").recipe("vae", vae(), 1, "6 epochs", "40 random rows");
        var interrupted = new Thread(() -> assertThrows(CancellationException.class, () -> store("A").loadOrFit(
                recipe, first, checkpoint -> train.apply(first, new Checkpoint() {
                    public State restore() {
                        return checkpoint.restore();
                    }

                    public void epochEnded(State state) {
                        checkpoint.epochEnded(state);
                        if (state.history().epochs() == 3) {
                            Thread.currentThread().interrupt();  // seen by the first step of epoch 4
                        }
                    }
                }))));
        interrupted.start();
        assertDoesNotThrow(() -> interrupted.join());

        MultiLayerNetwork second = vae();
        var resumed = store("A").loadOrFit(recipe, second, checkpoint -> train.apply(second, checkpoint));
        assertEquals(uninterrupted.best().params(), resumed.best().params());
        assertArrayEquals(uninterrupted.history().validationLoss(), resumed.history().validationLoss());
    }

    private static MultiLayerNetwork vae() {
        return unsupervised.models.VariationalAutoencoders.dense(6, new int[]{4}, 2, new int[]{4}, 1);
    }
}
