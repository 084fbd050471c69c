package unsupervised.bench;

import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.WorkspaceMode;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.SubsamplingLayer;
import org.deeplearning4j.nn.conf.layers.Upsampling2D;
import org.deeplearning4j.nn.conf.layers.misc.FrozenLayerWithBackprop;
import org.deeplearning4j.nn.conf.layers.variational.BernoulliReconstructionDistribution;
import org.deeplearning4j.nn.conf.layers.variational.VariationalAutoencoder;
import org.deeplearning4j.nn.conf.preprocessor.CnnToFeedForwardPreProcessor;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.weights.WeightInit;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.activations.impl.ActivationLReLU;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.dataset.api.iterator.DataSetIterator;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.lossfunctions.LossFunctions.LossFunction;
import unsupervised.models.Autoencoders;
import unsupervised.models.Classifiers;
import unsupervised.training.ShuffledBatches;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One course model (or SGEMM) timed in Deeplearning4j, for {@code src/bench/run_benchmark.py}, which runs this
 * and the PyTorch twin {@code src/bench/torch_twin.py} in turn. Each model is one "unit" of work repeated: an epoch
 * over random data of the right shape fed as the notebooks feed it ({@link ShuffledBatches}), or a number
 * of GAN steps. Prints one {@code RESULT} line: the wall-clock and CPU seconds of every timed
 * unit (CPU time says more than wall time on a machine shared with other jobs).
 * <pre>java -cp target/test-classes:target/unsupervised-java.jar:target/lib/* unsupervised.bench.ModelBenchmark mnist_ae 1 3</pre>
 * Settings under test, as system properties (pass them with the benchmark's {@code --variant}):
 * {@code -Dbench.workspaces=NONE} trains without DL4J's workspaces (the default is ENABLED),
 * {@code -Dbench.periodicGc=true|false} asks ND4J to switch its periodic {@code System.gc()} on or off (it is off
 * in 1.0.0-M2.1, and asking does not switch it on), and {@code -Dbench.dataType} sets the matrix product's type.
 * The RESULT line says what actually ran.
 */
public final class ModelBenchmark {
    private static final long SEED = 42;

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
                        + "\"workspaces\": \"%s\"}%n",
                model, String.join(", ", seconds), String.join(", ", cpuSeconds),
                Nd4j.getEnvironment().maxMasterThreads(),
                Nd4j.getExecutioner().getEnvironmentInformation().get("blas.vendor"),
                Nd4j.getMemoryManager().isPeriodicGcActive(), Nd4j.getMemoryManager().getAutoGcWindow(),
                System.getProperty("bench.workspaces", "ENABLED"));
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
            default -> epochs(net(spec.name()), data(spec), spec.batch());
        };
    }

    /** One epoch per call; the VAE layer trains unsupervised (DL4J's pretraining), everything else by fit. */
    private static Runnable epochs(MultiLayerNetwork net, DataSet data, int batch) {
        String workspaces = System.getProperty("bench.workspaces");
        if (workspaces != null) {
            WorkspaceMode mode = WorkspaceMode.valueOf(workspaces);
            net.getLayerWiseConfigurations().setTrainingWorkspaceMode(mode);
            net.getLayerWiseConfigurations().setInferenceWorkspaceMode(mode);
        }
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

    private static MultiLayerNetwork net(String name) {
        return switch (name) {
            case "blob_ae" -> Autoencoders.dense(2, new int[]{32, 16, 32}, Activation.RELU, Activation.SIGMOID, SEED);
            case "mnist_linear_ae" -> Autoencoders.dense(784, new int[]{784}, Activation.IDENTITY,
                    Activation.IDENTITY, SEED);
            case "mnist_ae" -> mnistAutoencoder();
            case "mnist_classifier" -> Classifiers.dense(784, new int[]{128, 64}, 10, SEED);
            case "mnist_pretrained_classifier" -> Classifiers.onEncoder(mnistAutoencoder(), 4, new int[]{128, 64},
                    10, false, SEED);
            case "fashion_deep_ae" -> BenchNets.fashionDeepAutoencoder(SEED);
            case "conv_dae" -> BenchNets.convDenoisingAutoencoder(SEED);
            case "vae" -> BenchNets.variationalAutoencoder(SEED);
            case "dec_step" -> BenchNets.decApproximation(SEED);
            default -> throw new IllegalArgumentException("no DL4J network for " + name);
        };
    }

    private static MultiLayerNetwork mnistAutoencoder() {
        return Autoencoders.dense(784, new int[]{512, 256, 128, 64, 128, 256, 512}, Activation.RELU,
                Activation.SIGMOID, SEED);
    }

    /** Each call: {@code spec.samples()} steps of a dense GAN, discriminator on real + fake, then generator. */
    private static Runnable ganSteps(Spec spec) {
        MultiLayerNetwork discriminator = BenchNets.ganDiscriminator(SEED);
        MultiLayerNetwork gan = BenchNets.ganGeneratorOnFrozenDiscriminator(SEED);
        int b = spec.batch();
        int generatorLayers = gan.getnLayers() - discriminator.getnLayers();
        INDArray real = Nd4j.rand(DataType.FLOAT, b, BenchNets.GAN_IMAGE);
        INDArray labels = Nd4j.vstack(Nd4j.ones(DataType.FLOAT, b, 1), Nd4j.zeros(DataType.FLOAT, b, 1));
        INDArray fooled = Nd4j.ones(DataType.FLOAT, b, 1);
        return () -> {
            for (int step = 0; step < spec.samples(); step++) {
                INDArray noise = Nd4j.randn(DataType.FLOAT, b, BenchNets.GAN_NOISE);
                INDArray fake = gan.feedForwardToLayer(generatorLayers - 1, noise, false).get(generatorLayers);
                discriminator.fit(Nd4j.vstack(real, fake), labels);
                for (int layer = 0; layer < discriminator.getnLayers(); layer++) {
                    gan.getLayer(generatorLayers + layer).params().assign(discriminator.getLayer(layer).params());
                }
                gan.fit(noise, fooled);
            }
        };
    }

    /** The benchmark's own networks for the models no builder in {@code unsupervised.models} makes yet. */
    static final class BenchNets {
        static final int GAN_NOISE = 100;
        static final int GAN_IMAGE = 784;

        private BenchNets() {
        }

        private static NeuralNetConfiguration.ListBuilder layers(long seed) {
            return new NeuralNetConfiguration.Builder().seed(seed).weightInit(WeightInit.XAVIER_UNIFORM)
                    .updater(new Adam(1e-3)).list();
        }

        private static MultiLayerNetwork build(NeuralNetConfiguration.ListBuilder layers) {
            MultiLayerNetwork net = new MultiLayerNetwork(layers.build());
            net.init();
            return net;
        }

        private static DenseLayer dense(int in, int out, Activation activation) {
            return new DenseLayer.Builder().nIn(in).nOut(out).activation(activation).build();
        }

        private static DenseLayer leaky(int in, int out) {
            return new DenseLayer.Builder().nIn(in).nOut(out).activation(new ActivationLReLU(0.2)).build();
        }

        /** Article 004's deep autoencoder: 784-2000-500-500-10 (sigmoid code), 500-500-2000-784 (linear). */
        static MultiLayerNetwork fashionDeepAutoencoder(long seed) {
            return build(layers(seed)
                    .layer(dense(784, 2000, Activation.RELU)).layer(dense(2000, 500, Activation.RELU))
                    .layer(dense(500, 500, Activation.RELU)).layer(dense(500, 10, Activation.SIGMOID))
                    .layer(dense(10, 500, Activation.RELU)).layer(dense(500, 500, Activation.RELU))
                    .layer(dense(500, 2000, Activation.RELU))
                    .layer(new OutputLayer.Builder(LossFunction.MSE).nIn(2000).nOut(784)
                            .activation(Activation.IDENTITY).build()));
        }

        private static ConvolutionLayer conv(int out, Activation activation, ConvolutionMode mode) {
            return new ConvolutionLayer.Builder(3, 3).nOut(out).activation(activation).convolutionMode(mode).build();
        }

        private static SubsamplingLayer pool() {
            return new SubsamplingLayer.Builder(SubsamplingLayer.PoolingType.MAX).kernelSize(2, 2).stride(2, 2)
                    .convolutionMode(ConvolutionMode.Same).build();
        }

        /**
         * Article 004's convolutional denoising autoencoder on 28x28x1: Conv 64-32-16 (3x3, same) each with a 2x2
         * max-pool (same); Conv 16 + up, Conv 32 + up, Conv 64 (valid) + up, Conv 1 (3x3, linear); MSE. Flat
         * 784-pixel rows in and out, so the notebooks' row batches feed it.
         */
        static MultiLayerNetwork convDenoisingAutoencoder(long seed) {
            var same = ConvolutionMode.Same;
            var list = layers(seed)
                    .layer(conv(64, Activation.RELU, same)).layer(pool())
                    .layer(conv(32, Activation.RELU, same)).layer(pool())
                    .layer(conv(16, Activation.RELU, same)).layer(pool())
                    .layer(conv(16, Activation.RELU, same)).layer(new Upsampling2D.Builder(2).build())
                    .layer(conv(32, Activation.RELU, same)).layer(new Upsampling2D.Builder(2).build())
                    .layer(conv(64, Activation.RELU, ConvolutionMode.Truncate))
                    .layer(new Upsampling2D.Builder(2).build())
                    .layer(conv(1, Activation.IDENTITY, same))
                    .layer(new LossLayer.Builder(LossFunction.MSE).activation(Activation.IDENTITY).build())
                    .inputPreProcessor(15, new CnnToFeedForwardPreProcessor(28, 28, 1))
                    .setInputType(InputType.convolutionalFlat(28, 28, 1));
            return build(list);
        }

        /** Article 004's VAE: 784-500-(10 mean, 10 log-variance)-500-784, Bernoulli (sigmoid) reconstruction. */
        static MultiLayerNetwork variationalAutoencoder(long seed) {
            return build(layers(seed).layer(new VariationalAutoencoder.Builder().nIn(784).nOut(10)
                    .encoderLayerSizes(500).decoderLayerSizes(500).activation(Activation.RELU)
                    .pzxActivationFunction(Activation.IDENTITY)
                    .reconstructionDistribution(new BernoulliReconstructionDistribution(Activation.SIGMOID))
                    .build()));
        }

        /** Benchmark's GAN: D 784-512-256-1 (leaky ReLU 0.2, sigmoid) on binary cross-entropy. */
        static MultiLayerNetwork ganDiscriminator(long seed) {
            return build(layers(seed).layer(leaky(784, 512)).layer(leaky(512, 256))
                    .layer(new OutputLayer.Builder(LossFunction.XENT).nIn(256).nOut(1)
                            .activation(Activation.SIGMOID).build()));
        }

        /** G 100-256-512-784 (leaky ReLU, tanh) under a copy of D that passes gradients but does not learn. */
        static MultiLayerNetwork ganGeneratorOnFrozenDiscriminator(long seed) {
            return build(layers(seed).layer(leaky(GAN_NOISE, 256)).layer(leaky(256, 512))
                    .layer(dense(512, GAN_IMAGE, Activation.TANH))
                    .layer(new FrozenLayerWithBackprop(leaky(784, 512)))
                    .layer(new FrozenLayerWithBackprop(leaky(512, 256)))
                    .layer(new FrozenLayerWithBackprop(new OutputLayer.Builder(LossFunction.XENT).nIn(256).nOut(1)
                            .activation(Activation.SIGMOID).build())));
        }

        /**
         * DEC's step, approximated: the DEC encoder 784-500-500-2000-10 and a 10-way soft assignment trained towards
         * a target distribution by KL divergence; DL4J has no Student-t layer, so a softmax dense layer stands in
         * (10x10 weights: the encoder's cost dominates either way).
         */
        static MultiLayerNetwork decApproximation(long seed) {
            return build(layers(seed)
                    .layer(dense(784, 500, Activation.RELU)).layer(dense(500, 500, Activation.RELU))
                    .layer(dense(500, 2000, Activation.RELU)).layer(dense(2000, 10, Activation.IDENTITY))
                    .layer(new OutputLayer.Builder(LossFunction.KL_DIVERGENCE).nIn(10).nOut(10)
                            .activation(Activation.SOFTMAX).build()));
        }
    }
}
