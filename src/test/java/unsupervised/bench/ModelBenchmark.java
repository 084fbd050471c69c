package unsupervised.bench;

import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Environment;
import org.nd4j.linalg.factory.Nd4j;
import unsupervised.clustering.DeepEmbeddedClustering;
import unsupervised.data.SeededRandom;
import unsupervised.data.Splits;
import unsupervised.models.Autoencoders;
import unsupervised.models.Classifiers;
import unsupervised.models.FashionAutoencoders;
import unsupervised.models.Gan;
import unsupervised.models.VariationalAutoencoders;
import unsupervised.training.ShuffledBatches;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * One course model (or SGEMM) timed in Deeplearning4j, for {@code src/bench/run_benchmark.py}, which runs this
 * and the PyTorch twin {@code src/bench/torch_twin.py} in turn. Each model is one "unit" of work repeated: an epoch
 * over random data of the right shape fed as the notebooks feed it ({@link ShuffledBatches}), or a number
 * of GAN steps. Prints one {@code RESULT} line: the wall-clock and CPU seconds of every timed
 * unit (CPU time says more than wall time on a machine shared with other jobs).
 * Arguments: model, samples per unit (GAN: steps; SGEMM: matrix size), batch, warm-up units, timed units, e.g.
 * <pre>java -cp "target/test-classes:target/unsupervised-java.jar" unsupervised.bench.ModelBenchmark mnist_ae 4096 2048 1 2</pre>
 * Every network comes from the builder its notebook calls ({@link #net}, {@link #gan}).
 * Settings under test, as system properties (pass them with the benchmark's {@code --variant}):
 * {@code -Dbench.workspaces=NONE} trains without DL4J's workspaces (the default is ENABLED),
 * {@code -Dbench.periodicGc=true|false} asks ND4J to switch its periodic {@code System.gc()} on or off (it is off
 * in 1.0.0-M2.1, and asking does not switch it on), {@code -Dbench.dataType} sets the matrix product's type, and
 * {@code -Dbench.elementwiseThreshold=N} / {@code -Dbench.tadThreshold=N} set ND4J's parallelism thresholds (the
 * smallest element-wise operation, and the fewest tensors along a dimension, that ND4J splits over its threads;
 * the native library reads no environment variable for them). The RESULT line says what actually ran.
 */
public final class ModelBenchmark {
    private static final long SEED = 42;
    private static final int GAN_NOISE = 100;

    private ModelBenchmark() {
    }

    public static void main(String[] args) {
        if (args.length != 5) {
            throw new IllegalArgumentException("usage: ModelBenchmark <model> <samples per unit (steps for GAN, "
                    + "matrix size for sgemm)> <batch> <warm-up units> <timed units>");
        }
        String model = args[0];
        String periodicGc = System.getProperty("bench.periodicGc");
        if (periodicGc != null) {
            Nd4j.getMemoryManager().togglePeriodicGc(Boolean.parseBoolean(periodicGc));
        }
        Environment environment = Nd4j.getEnvironment();
        Integer elementwise = Integer.getInteger("bench.elementwiseThreshold");
        if (elementwise != null) {
            environment.setElementwiseThreshold(elementwise);
        }
        Integer tad = Integer.getInteger("bench.tadThreshold");
        if (tad != null) {
            environment.setTadThreshold(tad);
        }
        int warmUp = Integer.parseInt(args[3]);
        int timed = Integer.parseInt(args[4]);
        Runnable unit = workload(new Spec(model, Integer.parseInt(args[1]), Integer.parseInt(args[2])));
        for (int i = 0; i < warmUp; i++) {
            unit.run();
        }
        var os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        List<String> seconds = new ArrayList<>();
        List<String> cpuSeconds = new ArrayList<>();
        for (int i = 0; i < timed; i++) {
            long start = System.nanoTime();
            long cpuStart = os.getProcessCpuTime();
            unit.run();
            seconds.add(String.format(Locale.ROOT, "%.5f", (System.nanoTime() - start) / 1e9));
            cpuSeconds.add(String.format(Locale.ROOT, "%.5f", (os.getProcessCpuTime() - cpuStart) / 1e9));
        }
        System.out.printf(Locale.ROOT, "RESULT {\"model\": \"%s\", \"seconds\": [%s], \"cpu_seconds\": [%s], "
                        + "\"threads\": %d, \"blas\": \"%s\", \"periodic_gc\": %b, \"gc_window_ms\": %d, "
                        + "\"workspaces\": \"%s\", \"elementwise_threshold\": %d, \"tad_threshold\": %d}%n",
                model, String.join(", ", seconds), String.join(", ", cpuSeconds),
                Nd4j.getEnvironment().maxMasterThreads(),
                Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor"),
                Nd4j.getMemoryManager().isPeriodicGcActive(), Nd4j.getMemoryManager().getAutoGcWindow(),
                System.getProperty("bench.workspaces", "ENABLED"), environment.elementwiseThreshold(),
                environment.tadThreshold());
    }

    /** What one unit is: {@code samples} rows per epoch (GAN: steps; SGEMM: the matrix size) in batches. */
    private record Spec(String name, int samples, int batch) {
        int inputs() {
            return name.equals("blob_ae") ? 2 : 784;
        }

        int classes() {
            return name.contains("classifier") || name.equals("dec_step") ? 10 : 0;
        }
    }

    private static Runnable workload(Spec spec) {
        return switch (spec.name()) {
            case "sgemm" -> sgemm(spec.samples());
            case "gan_step" -> ganSteps(spec);
            case "dec_step" -> decSteps(data(spec), spec.batch());
            default -> epochs(net(spec.name()), data(spec), spec.batch());
        };
    }

    /** One epoch per call; the VAE layer trains unsupervised (DL4J's pretraining), everything else by fit. */
    private static Runnable epochs(MultiLayerNetwork net, DataSet data, int batch) {
        withWorkspaces(net);
        DataSetIterator batches = new ShuffledBatches(data, batch, SEED);
        boolean vae = net.getLayer(0) instanceof org.deeplearning4j.nn.layers.variational.VariationalAutoencoder;
        return () -> {
            batches.reset();
            if (vae) {
                net.pretrainLayer(0, batches);
            } else {
                net.fit(batches);
            }
        };
    }

    /** {@code -Dbench.workspaces}, if set, as the network's training and inference workspace mode. */
    private static MultiLayerNetwork withWorkspaces(MultiLayerNetwork net) {
        String workspaces = System.getProperty("bench.workspaces");
        if (workspaces != null) {
            WorkspaceMode mode = WorkspaceMode.valueOf(workspaces);
            net.getLayerWiseConfigurations().setTrainingWorkspaceMode(mode);
            net.getLayerWiseConfigurations().setInferenceWorkspaceMode(mode);
        }
        return net;
    }

    /** A float32 product, or of {@code -Dbench.dataType} (HALF, BFLOAT16, DOUBLE) to see what another type costs. */
    private static Runnable sgemm(int n) {
        DataType type = DataType.valueOf(System.getProperty("bench.dataType", "FLOAT"));
        INDArray a = Nd4j.rand(DataType.FLOAT, n, n).castTo(type);
        INDArray b = Nd4j.rand(DataType.FLOAT, n, n).castTo(type);
        INDArray c = Nd4j.create(type, n, n);
        return () -> a.mmuli(b, c);
    }

    /** Random data of the model's input shape: uniform [0, 1) pixels, normal blobs, random one-hot or soft labels. */
    private static DataSet data(Spec spec) {
        Nd4j.getRandom().setSeed(SEED);
        INDArray x = spec.name().equals("blob_ae")
                ? Nd4j.randn(DataType.FLOAT, spec.samples(), spec.inputs())
                : Nd4j.rand(DataType.FLOAT, spec.samples(), spec.inputs());
        if (spec.classes() == 0) {
            return new DataSet(x, x);
        }
        INDArray y = Nd4j.zeros(DataType.FLOAT, spec.samples(), spec.classes());
        if (spec.name().equals("dec_step")) {
            y.assign(Nd4j.rand(DataType.FLOAT, spec.samples(), spec.classes()));
            y.diviColumnVector(y.sum(1));
        } else {
            for (int i = 0; i < spec.samples(); i++) {
                y.putScalar(i, i % spec.classes(), 1);
            }
        }
        return new DataSet(x, y);
    }

    /**
     * Every benchmarked network, from the builders the notebooks call, with the notebooks' arguments: all the
     * benchmark's calls into {@code unsupervised.models} and {@code unsupervised.clustering} are here and in
     * {@link #gan()}/{@link #ganStep}.
     */
    private static MultiLayerNetwork net(String name) {
        return switch (name) {
            case "blob_ae" -> Autoencoders.dense(2, new int[]{32, 16, 32}, Activation.RELU, Activation.SIGMOID,
                    SEED);                                                                          // notebook 02
            case "mnist_linear_ae" -> Autoencoders.dense(784, new int[]{784}, Activation.IDENTITY,
                    Activation.IDENTITY, SEED);                                                     // 04
            case "mnist_ae" -> mnistAutoencoder();                                                  // 05
            case "mnist_classifier" -> Classifiers.dense(784, new int[]{128, 64}, 10, SEED);        // 05
            case "mnist_pretrained_classifier" -> Classifiers.onEncoder(mnistAutoencoder(), 4, new int[]{128, 64},
                    10, false, SEED);                                                               // 05
            case "fashion_deep_ae" -> FashionAutoencoders.deep(SEED);                               // 06
            case "conv_dae" -> FashionAutoencoders.convolutional(SEED);                             // 07
            case "vae" -> VariationalAutoencoders.dense(784, new int[]{500}, 10, new int[]{500}, SEED); // 08
            case "dec_step" -> {                                                                    // 09
                MultiLayerNetwork autoencoder = FashionAutoencoders.deep(SEED);
                INDArray centroids = SeededRandom.normal(SEED, 10, FashionAutoencoders.ENCODER[3]);  // k-means' stand-in
                yield DeepEmbeddedClustering.build(autoencoder, FashionAutoencoders.codeLayer(autoencoder), centroids,
                        0.01, 0.9, SEED);
            }
            default -> throw new IllegalArgumentException("no DL4J network for " + name);
        };
    }

    private static MultiLayerNetwork mnistAutoencoder() {
        return Autoencoders.dense(784, new int[]{512, 256, 128, 64, 128, 256, 512}, Activation.RELU,
                Activation.SIGMOID, SEED);
    }

    /** Notebook 10's GAN: G 100-256-512-784, D 784-512-256-1. */
    private static Gan gan() {
        return Gan.dense(GAN_NOISE, new int[]{256, 512}, 784, new int[]{512, 256}, SEED);
    }

    /** One step of the game, as notebook 10's training loop takes it on each minibatch. */
    private static void ganStep(Gan gan, INDArray real, org.nd4j.linalg.api.rng.Random random) {
        gan.step(real, random);
    }

    /** Each call: {@code spec.samples()} GAN steps on a batch of real images (pixels in [0, 1]). */
    private static Runnable ganSteps(Spec spec) {
        Gan gan = gan();
        Nd4j.getRandom().setSeed(SEED);
        INDArray real = Nd4j.rand(DataType.FLOAT, spec.batch(), 784);
        var random = SeededRandom.of(SEED);
        return () -> {
            for (int step = 0; step < spec.samples(); step++) {
                ganStep(gan, real, random);
            }
        };
    }

    /**
     * Each call: {@code samples / batch} steps of DEC's training as {@code DeepEmbeddedClustering.train} takes
     * them (the minibatch's rows and targets pulled out, one fit), without the target updates between them.
     */
    private static Runnable decSteps(DataSet data, int batch) {
        MultiLayerNetwork net = withWorkspaces(net("dec_step"));
        int n = data.numExamples();
        int[] order = Splits.permutation(n, SEED);
        return () -> {
            for (int from = 0; from < n; from += batch) {
                int[] rows = Arrays.copyOfRange(order, from, Math.min(n, from + batch));
                net.fit(new DataSet(Nd4j.pullRows(data.getFeatures(), 1, rows),
                        Nd4j.pullRows(data.getLabels(), 1, rows)));
            }
        };
    }
}
