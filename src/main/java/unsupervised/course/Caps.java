package unsupervised.course;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.apache.commons.math3.stat.descriptive.DescriptiveStatistics;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import unsupervised.clustering.DeepEmbeddedClustering;
import unsupervised.clustering.ImprovedDeepEmbeddedClustering;
import unsupervised.clustering.KMeans;
import unsupervised.data.ImageSplit;
import unsupervised.metrics.ClusterScores;
import unsupervised.metrics.Reconstruction;
import unsupervised.data.Datasets;
import unsupervised.data.ImageData;
import unsupervised.data.ImageFilters;
import unsupervised.data.Noise;
import unsupervised.metrics.Elbo;
import unsupervised.metrics.Runs;
import unsupervised.models.Autoencoders;
import unsupervised.models.Classifiers;
import unsupervised.models.DecKerasAutoencoder;
import unsupervised.models.FashionAutoencoders;
import unsupervised.models.VariationalAutoencoders;
import unsupervised.training.EarlyStopping;
import unsupervised.training.History;
import unsupervised.training.Training;
import unsupervised.training.TrainingLoop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * What the full profile's caps cost: a study trains what a notebook trains without its cap, measures what the
 * notebook measures at the capped epoch and beyond, and writes the numbers to a JSON file that the notebook reads and
 * labels as measured elsewhere (the report cannot afford the run). Its model trains through the {@link ModelStore},
 * so a study ended by a session's time limit resumes from its checkpoint when started again, and a finished one
 * rewrites its file from the stored history in seconds.
 * <pre>
 *   java -cp target/unsupervised-java.jar unsupervised.course.Caps STUDY OUT.json [ARGUMENTS]
 * </pre>
 * <ul>
 * <li>{@code deep-epochs [MAX_EPOCHS]} and {@code sparse-epochs [MAX_EPOCHS]}: notebook 06's deep autoencoder (or its
 * sparse one, L1 activity 1e-9; the full profile caps both at 20 epochs), with the article's early stopping (patience
 * 10, batch 2048) up to MAX_EPOCHS (default 200; the article allows 500). At epochs 20 (the full profile's cap),
 * 50, 100 and 200: the test MSE, and notebook 09's k-means (10 restarts, seeds 1 to 3) on the codes of all 70,000
 * images, ACC and NMI as means over the seeds.</li>
 * <li>{@code vae-epochs [MAX_EPOCHS]}: notebook 08's 10-d VAE, patience 10, batch 2048, up to MAX_EPOCHS (default
 * 500, the article's); the test -ELBO at epochs 60 (the cap), 100, 200 and 500.</li>
 * <li>{@code denoiser [MAX_EPOCHS] [BATCH] [fresh|once] [20000|all]}: notebook 07's convolutional denoiser on its
 * 20,000 training images (or on all 60,000, held out as in 06), patience 10, up to MAX_EPOCHS (default 60) at
 * BATCH (default 256; the article's 2048), with noise drawn afresh per batch (07's default) or once before training
 * (the article's); the test MSE and PSNR at epochs 10 (the cap), 20, 40 and 60, beside the 3 x 3 median
 * filter's.</li>
 * <li>{@code pretraining-protocol [SEEDS]}: notebook 05's baseline and pre-trained classifiers (the article's wiring
 * and ours, fine-tuned) under the article's protocol, which 05 replaces with a held-out validation set and the best
 * epoch: all 60,000 training images, stopping on the test images, the last epoch kept ({@link #articleProtocol}).</li>
 * <li>{@code dec-article [ITERATIONS]}: notebook 09's DEC on its two autoencoders up to ITERATIONS (default
 * DEC-keras's 20,000; the report stops at 5,600) ({@link #decArticle}).</li>
 * <li>{@code dec-keras SEED [PRETRAIN_EPOCHS]}: DEC-keras's own recipe for Fashion-MNIST, one seed
 * ({@link #decKeras}); its pre-training alone is 300 epochs on 70,000 images, hours on one core.</li>
 * <li>{@code idec SEED [PRETRAIN_EPOCHS]}: IDEC (DEC plus the reconstruction loss) from the same seed's stored
 * autoencoder and k-means ({@link #decKeras}).</li>
 * </ul>
 */
public final class Caps {
    static final int[] DEEP_MARKS = {FashionAutoencoders.FULL_PROFILE_EPOCHS, 50, 100, 200};
    static final int[] VAE_MARKS = {VariationalAutoencoders.FULL_PROFILE_EPOCHS, 100, 200, 500};
    static final int[] DENOISER_MARKS = {Fashion.DENOISER_EPOCHS, 20, 40, 60};
    private static final int SEEDS = 3;
    private static final int RESTARTS = 10;
    private static final String USAGE = "usage: Caps deep-epochs|sparse-epochs OUT.json [MAX_EPOCHS] | Caps "
            + "vae-epochs OUT.json [MAX_EPOCHS] | Caps denoiser OUT.json [MAX_EPOCHS] [BATCH] [fresh|once] "
            + "[20000|all] | Caps pretraining-protocol OUT.json [SEEDS] | Caps dec-article OUT.json [ITERATIONS] | "
            + "Caps dec-keras|idec OUT.json SEED [PRETRAIN_EPOCHS]";

    private Caps() {
    }

    public static void main(String[] args) throws IOException {
        if (args.length < 2 || !List.of("deep-epochs", "sparse-epochs", "vae-epochs", "denoiser",
                "pretraining-protocol", "dec-article", "dec-keras", "idec").contains(args[0])
                || (args[0].matches("dec-keras|idec") && args.length < 3)) {
            System.err.println(USAGE);
            System.exit(2);
        }
        Instant started = Instant.now();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("study", args[0]);
        switch (args[0]) {
            case "deep-epochs", "sparse-epochs" -> {
                int maxEpochs = intArgument(args, 2, 200);
                boolean sparse = args[0].equals("sparse-epochs");
                out.put("what", "notebook 06's " + (sparse ? "sparse autoencoder (L1 activity 1e-9)"
                        : "deep autoencoder") + ", early stopping patience 10, batch 2048, up to " + maxEpochs
                        + " epochs; at epochs "
                        + Arrays.toString(DEEP_MARKS) + ": test MSE, and k-means (" + RESTARTS + " restarts, seeds 1-"
                        + SEEDS + ") on the codes of all images, mean ACC and NMI");
                out.putAll(sparse
                        ? autoencoderEpochs("caps-sparse-autoencoder-1e-9-" + maxEpochs,
                                FashionAutoencoders.sparse(10e-10, FashionAutoencoders.SEED), maxEpochs)
                        : autoencoderEpochs("caps-deep-autoencoder-" + maxEpochs,
                                FashionAutoencoders.deep(FashionAutoencoders.SEED), maxEpochs));
            }
            case "dec-article" -> {
                int iterations = intArgument(args, 2, 20000);
                out.put("what", "notebook 09's DEC on notebook 06's autoencoder (the article's sigmoid code) and on "
                        + "09's linear-code variant of it, k-means with 20 starts, SGD 0.01/0.9, batch 256, target "
                        + "every 140 iterations, stop below 0.1% changed or at " + iterations + " iterations (the "
                        + "report: 5,600); seed 1");
                out.putAll(decArticle(iterations));
            }
            case "vae-epochs" -> {
                int maxEpochs = intArgument(args, 2, 500);
                out.put("what", "notebook 08's 10-d VAE, early stopping on the validation -ELBO, patience 10, batch "
                        + "2048, up to " + maxEpochs + " epochs; at epochs " + Arrays.toString(VAE_MARKS)
                        + ": test -ELBO and its terms (nats per image)");
                out.putAll(vaeEpochs(maxEpochs));
            }
            case "denoiser" -> {
                int maxEpochs = intArgument(args, 2, 60);
                int batch = intArgument(args, 3, 256);
                boolean once = args.length > 4 && args[4].equals("once");
                boolean allImages = args.length > 5 && args[5].equals("all");
                if ((args.length > 4 && !List.of("fresh", "once").contains(args[4]))
                        || (args.length > 5 && !List.of("20000", "all").contains(args[5]))) {
                    System.err.println(USAGE);
                    System.exit(2);
                }
                out.put("what", "notebook 07's convolutional denoiser on " + (allImages ? "all 60,000 training images "
                        + "(5,000 held out, as in 06)" : "its 20,000 training images (5,000 held out)")
                        + ", salt and pepper p = 0.2 "
                        + (once ? "drawn once before training (the article's)" : "drawn afresh per batch (07's)")
                        + ", early stopping patience 10, batch " + batch + ", up to " + maxEpochs
                        + " epochs; at epochs " + Arrays.toString(DENOISER_MARKS) + ": test MSE and PSNR against the "
                        + "clean images");
                out.put("batch", batch);
                out.put("noise", once ? "once" : "fresh");
                out.putAll(denoiser(maxEpochs, batch, once, allImages));
            }
            case "pretraining-protocol" -> {
                int seeds = intArgument(args, 2, SEEDS);
                out.put("what", "notebook 05's comparison under the article's protocol: all 60,000 MNIST training "
                        + "images, up to 20 epochs at batch 2048, Keras' EarlyStopping(patience=10) on the test "
                        + "images, "
                        + "the last epoch's weights kept; seeds 1-" + seeds + "; test accuracy %");
                out.putAll(pretrainingProtocol(seeds));
            }
            default -> {
                long seed = Long.parseLong(args[2]);
                int epochs = intArgument(args, 3, DecKerasAutoencoder.PRETRAIN_EPOCHS);
                boolean improved = args[0].equals("idec");
                String method = improved ? "idec" : "dec";
                out.put("what", "DEC-keras's recipe (DEC.py) on all Fashion-MNIST images, seed " + seed + ": its "
                        + "autoencoder pre-trained " + epochs + " epochs, k-means with 20 starts on the codes, then "
                        + (improved ? "IDEC as IDEC.py runs it for MNIST (0.1 KL + MSE, Adam 0.001" : "DEC (SGD 0.01/0.9")
                        + ", batch 256, target every 140 iterations, stop below 0.1% changed or at 20,000)");
                out.putAll(decKeras(seed, epochs, improved));
                System.out.println("pre-trained " + out.get("pretrain_epochs") + " epochs; codes + k-means "
                        + out.get("kmeans") + "; " + method.toUpperCase(Locale.ROOT) + " " + out.get(method)
                        + " after " + out.get(method + "_iterations") + " iterations (" + out.get(method + "_stop")
                        + ")");
            }
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

    private static int intArgument(String[] args, int index, int otherwise) {
        return args.length > index ? Integer.parseInt(args[index]) : otherwise;
    }

    /**
     * A fit's epochs, best epoch, stop reason and whole history, and {@code measure} of its best model (the one a
     * notebook keeps); prints the rows of the marked epochs.
     */
    private static Map<String, Object> describe(EarlyStopping.Fit fit, Function<MultiLayerNetwork, Map<String, Double>>
            measure, String title, String markedColumn) {
        History history = fit.history();
        var table = history.table(title + ": the epochs measured");
        if (table.columnNames().contains(markedColumn)) {
            System.out.println(table.where(table.doubleColumn(markedColumn).isNotMissing()).printAll());
        }
        System.out.println(fit.summary());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("epochs", history.epochs());
        out.put("best_epoch", fit.bestEpoch());
        out.put("stop", fit.stopReason());
        out.put("best_model", measure.apply(fit.best()));
        System.out.println("best model (epoch " + fit.bestEpoch() + "): " + out.get("best_model"));
        ModelStore.putHistory(out, history);
        return out;
    }

    /** {@code measure} of {@code net} (in training) at the epochs in {@code marks}, nothing at the others. */
    private static TrainingLoop.Measure at(int[] marks, Function<MultiLayerNetwork, Map<String, Double>> measure,
                                          MultiLayerNetwork net) {
        return epoch -> Arrays.stream(marks).anyMatch(mark -> mark == epoch) ? measure.apply(net) : Map.of();
    }

    /**
     * DEC-keras's recipe with the jar's DEC: its autoencoder pre-trained on all images (no hold-out, no early
     * stopping; resumable), k-means with 20 starts on the codes, then DEC from those centroids; or, if
     * {@code improved}, IDEC from the same start (the same stored autoencoder and k-means), with IDEC.py's settings
     * for MNIST (gamma 0.1, Adam 0.001) and the reconstruction MSE of all images before and after.
     */
    static Map<String, Object> decKeras(long seed, int pretrainEpochs, boolean improved) {
        ImageSplit split = Fashion.split();
        INDArray images = allImages(split);
        int[] classes = allClasses(split);
        MultiLayerNetwork untrained = DecKerasAutoencoder.build(seed);
        ModelStore store = Profile.modelStore();
        // one file per seed, so that seeds can train side by side in one store
        var recipe = store.recipe("caps-dec-keras-autoencoder-seed" + seed, untrained, seed, pretrainEpochs
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
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("seed", seed);
        out.put("pretrain_epochs", fit.history().epochs());
        out.put("pretrain_loss", fit.history().loss());
        out.put("pretrain_seconds", Arrays.stream(fit.history().seconds()).sum());
        out.put("kmeans", scores(initial));
        // the smoke profile (tests only) stops after 10 target updates of 10 iterations
        var settings = new DeepEmbeddedClustering.Settings(256, Profile.choose(140, 10), 0.001,
                Profile.choose(20000, 100));
        if (!improved) {
            out.putAll(clustered("dec", DeepEmbeddedClustering.train(DeepEmbeddedClustering.build(autoencoder,
                    codeLayer, kmeans.centroids(), 0.01, 0.9, seed), images, classes, settings, seed), classes));
            return out;
        }
        ComputationGraph idec = ImprovedDeepEmbeddedClustering.build(autoencoder, codeLayer, kmeans.centroids(), 0.1,
                new Adam(0.001), seed);
        out.put("idec_mse_before", Reconstruction.mse(images, autoencoder.output(images)));
        out.putAll(clustered("idec", ImprovedDeepEmbeddedClustering.train(idec, images, classes, settings, seed),
                classes));
        out.put("idec_mse_after", Reconstruction.mse(images, idec.output(false, images)[1]));
        System.out.println("reconstruction MSE of all images: " + out.get("idec_mse_before") + " before IDEC, "
                + out.get("idec_mse_after") + " after");
        return out;
    }

    private static Map<String, Double> scores(ClusterScores scores) {
        return Map.of("ACC", scores.accuracy(), "NMI", scores.nmi(), "ARI", scores.ari());
    }

    /**
     * A DEC run under {@code method}: its scores, iterations, stop reason, seconds and every target update
     * (iteration, ACC, NMI, share of images changed); printed in one line too.
     */
    private static Map<String, Object> clustered(String method, DeepEmbeddedClustering.Result run, int[] classes) {
        ClusterScores end = ClusterScores.of(classes, run.labels());
        System.out.println(method + ": " + end + " after " + run.iterations() + " iterations (" + run.stopReason()
                + ")");
        Map<String, Object> out = new LinkedHashMap<>();
        out.put(method, scores(end));
        out.put(method + "_iterations", run.iterations());
        out.put(method + "_stop", run.stopReason());
        out.put(method + "_seconds", run.seconds());
        out.put(method + "_updates", run.steps().stream().map(step -> Map.<String, Object>of("iteration",
                step.iteration(), "ACC", step.scores().accuracy(), "NMI", step.scores().nmi(), "changed",
                step.changed())).toList());
        return out;
    }

    /**
     * Notebook 09's DEC on its two autoencoders (notebook 06's, with the sigmoid code the article trains, and 09's
     * linear-code variant of it), as the notebook runs it but up to {@code iterations} (DEC-keras's 20,000): k-means
     * with 20 starts, then DEC from its centroids, seed 1. The autoencoders come from the model store (trained if
     * absent).
     */
    static Map<String, Object> decArticle(int iterations) {
        ImageSplit split = Fashion.split();
        INDArray images = allImages(split);
        int[] classes = allClasses(split);
        Map<String, EarlyStopping.Fit> autoencoders = new LinkedHashMap<>();
        autoencoders.put("sigmoid code", Fashion.trainedDeep());
        autoencoders.put("linear code", Fashion.trained("fashion-deep-autoencoder-linear-code",
                FashionAutoencoders.deepLinearCode(FashionAutoencoders.SEED), split, Fashion.autoencoderStopping(),
                FashionAutoencoders.SEED));
        Map<String, Object> out = new LinkedHashMap<>();
        autoencoders.forEach((code, fit) -> {
            MultiLayerNetwork autoencoder = fit.best();
            int codeLayer = FashionAutoencoders.codeLayer(autoencoder);
            var initial = KMeans.fit(FashionAutoencoders.encode(autoencoder, images), 10, 20, 300, 1);
            System.out.println(code + ": k-means " + ClusterScores.of(classes, initial.labels()));
            Map<String, Object> run = new LinkedHashMap<>();
            run.put("kmeans", scores(ClusterScores.of(classes, initial.labels())));
            run.putAll(clustered("dec", DeepEmbeddedClustering.train(DeepEmbeddedClustering.build(autoencoder,
                    codeLayer, initial.centroids(), 0.01, 0.9, 1), images, classes,
                    new DeepEmbeddedClustering.Settings(256, 140, 0.001, iterations), 1), classes));
            out.put(code, run);
        });
        return out;
    }

    /**
     * Notebook 06's {@code untrained} autoencoder (deep or sparse) up to {@code maxEpochs}, stored as {@code name},
     * measured at the marks and at its best epoch.
     */
    static Map<String, Object> autoencoderEpochs(String name, MultiLayerNetwork untrained, int maxEpochs) {
        ImageSplit split = Fashion.split();
        INDArray images = allImages(split);
        int[] classes = allClasses(split);
        INDArray test = split.data().testImages();
        Function<MultiLayerNetwork, Map<String, Double>> measure = net -> {
            double[] acc = new double[SEEDS];
            double[] nmi = new double[SEEDS];
            INDArray codes = FashionAutoencoders.encode(net, images);
            for (int seed = 1; seed <= SEEDS; seed++) {
                ClusterScores scores = ClusterScores.of(classes, KMeans.fit(codes, 10, RESTARTS, 300, seed).labels());
                acc[seed - 1] = scores.accuracy();
                nmi[seed - 1] = scores.nmi();
            }
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("test MSE", Reconstruction.mse(test, net.output(test)));
            values.put("k-means ACC", Arrays.stream(acc).average().orElseThrow());
            values.put("k-means NMI", Arrays.stream(nmi).average().orElseThrow());
            return values;
        };
        EarlyStopping stopping = EarlyStopping.of(maxEpochs, 10, 2048).alsoMeasuring(at(DEEP_MARKS, measure,
                untrained));
        ModelStore store = Profile.modelStore();
        var recipe = store.recipe(name, untrained, FashionAutoencoders.SEED,
                stopping + "; measured at epochs " + Arrays.toString(DEEP_MARKS), split.describe());
        var fit = store.loadOrFit(recipe, untrained, checkpoint -> stopping.fit(untrained,
                new DataSet(split.train(), split.train()), new DataSet(split.validation(), split.validation()),
                FashionAutoencoders.SEED, null, checkpoint));
        return describe(fit, measure, name, "test MSE");
    }

    /** Notebook 08's 10-d VAE up to {@code maxEpochs}, its test -ELBO at the marks and at its best epoch. */
    static Map<String, Object> vaeEpochs(int maxEpochs) {
        INDArray test = Fashion.split().test();
        Function<MultiLayerNetwork, Map<String, Double>> measure = net -> {
            Elbo elbo = Elbo.of(net, test, 0);
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("test -ELBO", elbo.negativeElbo());
            values.put("test reconstruction", elbo.reconstruction());
            values.put("test KL", elbo.kl());
            return values;
        };
        MultiLayerNetwork untrained = Fashion.vae(10);
        EarlyStopping stopping = Fashion.vaeStopping().withMaxEpochs(maxEpochs)
                .alsoMeasuring(at(VAE_MARKS, measure, untrained));
        return describe(Fashion.trainedVae("caps-vae-10-" + maxEpochs, untrained, stopping), measure,
                "10-d VAE, uncapped", "test -ELBO");
    }

    /**
     * Notebook 07's convolutional denoiser up to {@code maxEpochs} at {@code batch}, its noise drawn afresh per batch
     * or {@code once}; the test MSE and PSNR at the marks and at its best epoch, beside the median filter's.
     */
    static Map<String, Object> denoiser(int maxEpochs, int batch, boolean once, boolean allImages) {
        double p = 0.2;
        long seed = FashionAutoencoders.SEED;
        ImageSplit split = allImages ? Fashion.split() : Fashion.denoisingSplit();
        String images = allImages ? "-all" : "";
        INDArray clean = split.test();
        INDArray noisy = Noise.saltAndPepper(clean, p, seed + 100);  // notebook 07's test noise
        Function<INDArray, Map<String, Double>> scores = estimate -> {
            Map<String, Double> values = new LinkedHashMap<>();
            values.put("test MSE", Reconstruction.mse(clean, estimate));
            values.put("test PSNR", Reconstruction.psnr(clean, estimate));
            return values;
        };
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("noisy_input", scores.apply(noisy));
        out.put("median_filter", scores.apply(ImageFilters.median3x3(noisy, 28, 28)));
        Function<MultiLayerNetwork, Map<String, Double>> measure = net -> scores.apply(net.output(noisy));
        MultiLayerNetwork untrained = FashionAutoencoders.convolutional(seed);
        EarlyStopping stopping = new EarlyStopping(maxEpochs, Fashion.denoiserStopping().patience(), batch, true,
                at(DENOISER_MARKS, measure, untrained));
        EarlyStopping.Fit fit;
        if (!once) {
            fit = Fashion.trainedDenoising("caps-conv-denoiser-fresh-b" + batch + images + "-" + maxEpochs,
                    untrained, split, stopping, p, seed);
        } else {
            // The article's protocol: seq.augment_images(train_x) once, before training (07's exercise).
            INDArray noisyTrain = Noise.saltAndPepper(split.train(), p, seed + 1);
            DataSet validation = new DataSet(Noise.saltAndPepper(split.validation(), p, seed), split.validation());
            ModelStore store = Profile.modelStore();
            var recipe = store.recipe("caps-conv-denoiser-once-b" + batch + images + "-" + maxEpochs, untrained, seed,
                    stopping + "; salt-and-pepper " + p + ", drawn once (seed " + (seed + 1) + ")", split.describe());
            fit = store.loadOrFit(recipe, untrained, checkpoint -> stopping.fit(untrained,
                    new DataSet(noisyTrain, split.train()), validation, seed, null, checkpoint));
        }
        out.putAll(describe(fit, measure, "convolutional denoiser, uncapped", "test PSNR"));
        return out;
    }

    /**
     * Notebook 05's baseline, its pre-trained classifier and the article's, fine-tuned, trained as the article trains
     * them ({@link #articleProtocol}), for seeds 1 to {@code seeds}: test accuracy per seed, mean and standard
     * deviation.
     */
    static Map<String, Object> pretrainingProtocol(int seeds) {
        ImageData mnist = Datasets.mnist().subset(Profile.samples(60000, 2000), Profile.choose(10000, 1000));  // as 05
        DataSet labelled = mnist.trainSet();
        DataSet test = mnist.testSet();
        DataSet images = new DataSet(mnist.trainImages(), mnist.trainImages());
        DataSet testImages = new DataSet(mnist.testImages(), mnist.testImages());
        int[] head = {128, 64};
        Map<String, double[]> accuracy = new LinkedHashMap<>();
        Map<String, int[]> epochs = new LinkedHashMap<>();
        for (int seed = 1; seed <= seeds; seed++) {
            long s = seed;
            // The article's autoencoder (its decoder reads the 128-unit layer) and ours (through the 64-unit essence).
            var article = articleProtocol(() -> Autoencoders.dense(784, new int[] {512, 256, 128, 128, 256, 512},
                    Activation.RELU, Activation.RELU, s), images, testImages, s);
            var ours = articleProtocol(() -> Autoencoders.dense(784, new int[] {512, 256, 128, 64, 128, 256, 512},
                    Activation.RELU, Activation.SIGMOID, s), images, testImages, s);
            Map<String, ArticleRun> runs = new LinkedHashMap<>();
            runs.put("baseline 784-128-64-10", articleProtocol(() -> Classifiers.dense(784, head, 10, s), labelled,
                    test, s));
            runs.put("pre-trained, fine-tuned", articleProtocol(() -> Classifiers.onEncoder(ours.net(), 4, head, 10,
                    false, s), labelled, test, s));
            runs.put("article's wiring, fine-tuned", articleProtocol(() -> Classifiers.onEncoder(article.net(), 3,
                    new int[] {64}, head, 10, false, s), labelled, test, s));
            for (var run : runs.entrySet()) {
                double percent = 100 * Runs.evaluate(run.getValue().net(), test).accuracy();
                accuracy.computeIfAbsent(run.getKey(), k -> new double[seeds])[seed - 1] = percent;
                epochs.computeIfAbsent(run.getKey(), k -> new int[seeds])[seed - 1] = run.getValue().epochs();
                System.out.printf(Locale.ROOT, "seed %d, %s: test accuracy %.2f%% after %d epochs%n", seed,
                        run.getKey(), percent, run.getValue().epochs());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        accuracy.forEach((variant, values) -> {
            var stats = new DescriptiveStatistics(values);
            out.put(variant, Map.of("accuracy", values, "mean", stats.getMean(), "std", stats.getStandardDeviation(),
                    "epochs", epochs.get(variant)));
        });
        return out;
    }

    /** A network trained under the article's protocol, and the epochs it ran. */
    record ArticleRun(MultiLayerNetwork net, int epochs) {
    }

    /**
     * Keras' {@code fit(train, epochs=20, batch_size=2048, validation_data=test,
     * callbacks=[EarlyStopping(patience=10)])}: up to 20 epochs, stopped once 10 epochs in a row have not lowered
     * the test loss, and the last epoch's weights kept (no {@code restore_best_weights}). The loop keeps the best
     * epoch, so the network is trained 20 epochs, the stop is read from its test losses, and a stop before epoch 20
     * trains a fresh network (same seed, so the same first epochs) for exactly that many.
     */
    static ArticleRun articleProtocol(java.util.function.Supplier<MultiLayerNetwork> untrained, DataSet train,
                                      DataSet test, long seed) {
        int maxEpochs = 20;
        int patience = 10;
        MultiLayerNetwork net = untrained.get();
        int stop = kerasStop(Training.fit(net, train, test, maxEpochs, 2048, seed).validationLoss(), patience);
        if (stop < maxEpochs) {
            net = untrained.get();
            Training.fit(net, train, test, stop, 2048, seed);
        }
        return new ArticleRun(net, stop);
    }

    /**
     * The epochs Keras' {@code EarlyStopping(patience, min_delta=0)} lets run over these validation losses: it
     * stops after the first epoch that is {@code patience} epochs past the lowest loss so far (an equal loss is no
     * improvement), or runs them all.
     */
    static int kerasStop(double[] losses, int patience) {
        double best = Double.POSITIVE_INFINITY;
        int wait = 0;
        for (int epoch = 0; epoch < losses.length; epoch++) {
            if (losses[epoch] < best) {  // never true for NaN
                best = losses[epoch];
                wait = 0;
            } else if (++wait >= patience) {
                return epoch + 1;
            }
        }
        return losses.length;
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
