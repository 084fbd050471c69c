package unsupervised.course;

import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.clustering.DeepEmbeddedClustering;
import unsupervised.clustering.KMeans;
import unsupervised.data.ImageSplit;
import unsupervised.metrics.ClusterScores;
import unsupervised.metrics.Reconstruction;
import unsupervised.models.Autoencoders;
import unsupervised.models.DecKerasAutoencoder;
import unsupervised.models.FashionAutoencoders;
import unsupervised.training.EarlyStopping;
import unsupervised.training.History;
import unsupervised.training.Training;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * What the full profile's caps cost: a study trains what a notebook trains without its cap, measures what the
 * notebook measures at the capped epoch and beyond, and writes the numbers to a JSON file that the notebook reads and
 * labels as measured elsewhere (the report cannot afford the run). Its model trains through the {@link ModelStore},
 * so a study ended by a session's time limit resumes from its checkpoint when started again, and a finished one
 * rewrites its file from the stored history in seconds.
 * <pre>
 *   java -cp target/unsupervised-java.jar unsupervised.course.Caps deep-epochs OUT.json [MAX_EPOCHS]
 *   java -cp target/unsupervised-java.jar unsupervised.course.Caps dec-keras OUT.json SEED [PRETRAIN_EPOCHS]
 * </pre>
 * {@code deep-epochs}: notebook 06's deep autoencoder, with the article's early stopping (patience 10, batch 2048)
 * up to MAX_EPOCHS (default 200; the article allows 500). At epochs 20 (the full profile's cap), 50, 100 and 200:
 * the test MSE, and notebook 09's k-means (10 restarts, seeds 1 to 3) on the codes of all 70,000 images, ACC and NMI
 * as means over the seeds.
 * <p>{@code dec-keras}: DEC-keras's own recipe for Fashion-MNIST, one seed ({@link #decKeras}); its pre-training
 * alone is 300 epochs on 70,000 images, hours on one core.
 */
public final class Caps {
    static final int[] MARKS = {FashionAutoencoders.FULL_PROFILE_EPOCHS, 50, 100, 200};
    private static final int SEEDS = 3;
    private static final int RESTARTS = 10;

    private Caps() {
    }

    public static void main(String[] args) throws IOException {
        String usage = "usage: Caps deep-epochs OUT.json [MAX_EPOCHS] | Caps dec-keras OUT.json SEED [PRETRAIN_EPOCHS]";
        if (args.length < 2 || !List.of("deep-epochs", "dec-keras").contains(args[0])
                || (args[0].equals("dec-keras") && args.length < 3)) {
            System.err.println(usage);
            System.exit(2);
        }
        Instant started = Instant.now();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("study", args[0]);
        if (args[0].equals("deep-epochs")) {
            int maxEpochs = args.length > 2 ? Integer.parseInt(args[2]) : 200;
            out.put("what", "notebook 06's deep autoencoder, early stopping patience 10, batch 2048, up to "
                    + maxEpochs + " epochs; at epochs " + Arrays.toString(MARKS) + ": test MSE, and k-means ("
                    + RESTARTS + " restarts, seeds 1-" + SEEDS + ") on the codes of all images, mean ACC and NMI");
            History history = deepEpochs(maxEpochs);
            out.put("epochs", history.epochs());
            out.put("history", history.columns());
            out.put("seconds", history.seconds());
            var table = history.table("deep autoencoder, uncapped: the epochs measured");
            if (table.columnNames().contains("test MSE")) {
                System.out.println(table.where(table.doubleColumn("test MSE").isNotMissing()).printAll());
            }
        } else {
            long seed = Long.parseLong(args[2]);
            int epochs = args.length > 3 ? Integer.parseInt(args[3]) : DecKerasAutoencoder.PRETRAIN_EPOCHS;
            out.put("what", "DEC-keras's recipe (DEC.py) on all Fashion-MNIST images, seed " + seed + ": its "
                    + "autoencoder pre-trained " + epochs + " epochs, k-means with 20 starts on the codes, then DEC "
                    + "(SGD 0.01/0.9, batch 256, target every 140 iterations, stop below 0.1% changed or at 20,000)");
            out.putAll(decKeras(seed, epochs));
            System.out.println("pre-trained " + out.get("pretrain_epochs") + " epochs; codes + k-means "
                    + out.get("kmeans") + "; DEC " + out.get("dec") + " after " + out.get("dec_iterations") + " iterations ("
                    + out.get("dec_stop") + ")");
        }
        out.put("settings", Profile.describe());
        out.put("started", started.toString());
        out.put("finished", Instant.now().toString());
        Path file = Path.of(args[1]);
        if (file.getParent() != null) {
            Files.createDirectories(file.getParent());
        }
        ModelStore.JSON.writeValue(file.toFile(), out);
        System.out.println("wrote " + file.toAbsolutePath());
    }

    /**
     * DEC-keras's recipe with the jar's DEC: its autoencoder pre-trained on all images (no hold-out, no early
     * stopping; resumable), k-means with 20 starts on the codes, then DEC from those centroids.
     */
    static Map<String, Object> decKeras(long seed, int pretrainEpochs) {
        ImageSplit split = Fashion.split();
        INDArray images = allImages(split);
        int[] classes = allClasses(split);
        MultiLayerNetwork untrained = DecKerasAutoencoder.build(seed);
        ModelStore store = Profile.modelStore();
        var recipe = store.recipe("caps-dec-keras-autoencoder", untrained, seed, pretrainEpochs
                + " epochs, batch " + DecKerasAutoencoder.BATCH + ", all images, no validation", split.describe()
                + " and its test images");
        var fit = store.loadOrFit(recipe, untrained, checkpoint -> {
            History history = Training.fit(untrained, new DataSet(images, images), null, pretrainEpochs,
                    DecKerasAutoencoder.BATCH, seed, null, checkpoint);
            return new EarlyStopping.Fit(untrained, history.epochs(), history, "ran all " + pretrainEpochs
                    + " epochs");
        });
        MultiLayerNetwork autoencoder = fit.best();
        int codeLayer = DecKerasAutoencoder.codeLayer();
        INDArray codes = Autoencoders.encode(autoencoder, images, codeLayer);
        var kmeans = KMeans.fit(codes, 10, 20, 300, seed);
        ClusterScores initial = ClusterScores.of(classes, kmeans.labels());
        System.out.println("autoencoder codes + k-means: " + initial);
        var dec = DeepEmbeddedClustering.train(
                DeepEmbeddedClustering.build(autoencoder, codeLayer, kmeans.centroids(), 0.01, 0.9, seed), images,
                classes, new DeepEmbeddedClustering.Settings(256, 140, 0.001, 20000), seed);
        ClusterScores decScores = ClusterScores.of(classes, dec.labels());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", seed);
        out.put("pretrain_epochs", fit.history().epochs());
        out.put("pretrain_loss", fit.history().loss());
        out.put("pretrain_seconds", Arrays.stream(fit.history().seconds()).sum());
        out.put("kmeans", Map.of("ACC", initial.accuracy(), "NMI", initial.nmi(), "ARI", initial.ari()));
        out.put("dec", Map.of("ACC", decScores.accuracy(), "NMI", decScores.nmi(), "ARI", decScores.ari()));
        out.put("dec_iterations", dec.iterations());
        out.put("dec_stop", dec.stopReason());
        out.put("dec_seconds", dec.seconds());
        out.put("dec_updates", dec.steps().stream().map(step -> Map.of("iteration", step.iteration(),
                "ACC", step.scores().accuracy(), "NMI", step.scores().nmi(), "changed", step.changed())).toList());
        return out;
    }

    /** The deep autoencoder up to {@code maxEpochs}, with the marks' measurements in its history. */
    static History deepEpochs(int maxEpochs) {
        ImageSplit split = Fashion.split();
        INDArray images = allImages(split);
        int[] classes = allClasses(split);
        INDArray test = split.data().testImages();
        MultiLayerNetwork untrained = FashionAutoencoders.deep(FashionAutoencoders.SEED);
        List<Integer> marks = Arrays.stream(MARKS).boxed().toList();
        EarlyStopping stopping = EarlyStopping.of(maxEpochs, 10, 2048).alsoMeasuring(epoch -> {
            if (!marks.contains(epoch)) {
                return Map.of();
            }
            double[] acc = new double[SEEDS];
            double[] nmi = new double[SEEDS];
            INDArray codes = FashionAutoencoders.encode(untrained, images);
            for (int seed = 1; seed <= SEEDS; seed++) {
                ClusterScores scores = ClusterScores.of(classes, KMeans.fit(codes, 10, RESTARTS, 300, seed).labels());
                acc[seed - 1] = scores.accuracy();
                nmi[seed - 1] = scores.nmi();
            }
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("test MSE", Reconstruction.mse(test, untrained.output(test)));
            values.put("k-means ACC", Arrays.stream(acc).average().orElseThrow());
            values.put("k-means NMI", Arrays.stream(nmi).average().orElseThrow());
            return values;
        });
        ModelStore store = Profile.modelStore();
        var recipe = store.recipe("caps-deep-autoencoder-" + maxEpochs, untrained, FashionAutoencoders.SEED,
                stopping + "; measured at epochs " + marks, split.describe());
        return store.loadOrFit(recipe, untrained, checkpoint -> stopping.fit(untrained,
                new DataSet(split.train(), split.train()), new DataSet(split.validation(), split.validation()),
                FashionAutoencoders.SEED, null, checkpoint)).history();
    }

    /** The training and test images of {@code split}'s data, in that order: what notebook 09 clusters. */
    private static INDArray allImages(ImageSplit split) {
        return Nd4j.vstack(split.data().trainImages(), split.data().testImages());
    }

    /** The classes of {@link #allImages}, in the same order. */
    private static int[] allClasses(ImageSplit split) {
        return IntStream.concat(Arrays.stream(split.data().trainLabels()), Arrays.stream(split.data().testLabels()))
                .toArray();
    }
}
