package unsupervised.clustering;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;
import org.nd4j.linalg.lossfunctions.LossFunctions;
import unsupervised.data.Blobs;
import unsupervised.metrics.ClusterScores;
import unsupervised.models.ClassicalMomentum;
import unsupervised.training.FiniteDifferences;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The DEC clustering layer, its target distribution and its gradient, on numbers small enough to check by hand. */
class ClusteringLayerTest {
    private static final double[][] CODES = {{0.0, 0.0}, {1.0, 2.0}, {-1.5, 0.5}, {0.3, -0.7}};
    private static final double[][] CENTROIDS = {{0.0, 1.0}, {1.0, -1.0}, {-1.0, 0.0}};

    private static MultiLayerNetwork clusteringOnly() {
        var net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(1)
                .updater(new Sgd(0.1)).list()
                .layer(new ClusteringLayer(3, 2))
                .layer(new LossLayer.Builder(LossFunctions.LossFunction.KL_DIVERGENCE).activation(Activation.IDENTITY)
                        .build())
                .setInputType(InputType.feedForward(2)).build());
        net.init();
        net.getParam("0_" + ClusteringLayer.CENTROIDS).assign(Nd4j.create(CENTROIDS));
        return net;
    }

    /** Student's t with one degree of freedom, normalised per row, written out. */
    private static double[][] qByHand() {
        double[][] q = new double[CODES.length][CENTROIDS.length];
        for (int i = 0; i < CODES.length; i++) {
            double sum = 0;
            for (int j = 0; j < CENTROIDS.length; j++) {
                double dx = CODES[i][0] - CENTROIDS[j][0];
                double dy = CODES[i][1] - CENTROIDS[j][1];
                q[i][j] = 1 / (1 + dx * dx + dy * dy);
                sum += q[i][j];
            }
            for (int j = 0; j < CENTROIDS.length; j++) {
                q[i][j] /= sum;
            }
        }
        return q;
    }

    @Test
    void softAssignmentsAreStudentTKernelsNormalisedPerRow() {
        double[][] q = DeepEmbeddedClustering.softAssignments(clusteringOnly(), Nd4j.create(CODES)).toDoubleMatrix();
        double[][] expected = qByHand();
        for (int i = 0; i < q.length; i++) {
            for (int j = 0; j < q[i].length; j++) {
                assertEquals(expected[i][j], q[i][j], 1e-12, "q[" + i + "][" + j + "]");
            }
        }
    }

    @Test
    void targetSquaresAndDividesByClusterFrequency() {
        double[][] q = qByHand();
        double[] f = new double[3];
        for (double[] row : q) {
            for (int j = 0; j < 3; j++) {
                f[j] += row[j];
            }
        }
        double[][] p = DeepEmbeddedClustering.target(Nd4j.create(q)).toDoubleMatrix();
        for (int i = 0; i < q.length; i++) {
            double norm = 0;
            for (int j = 0; j < 3; j++) {
                norm += q[i][j] * q[i][j] / f[j];
            }
            for (int j = 0; j < 3; j++) {
                assertEquals(q[i][j] * q[i][j] / f[j] / norm, p[i][j], 1e-12);
            }
        }
    }

    /**
     * DL4J 1.0.0-M2.1's SameDiffLayer hands back twice the gradient, for every parameter of the network (the same
     * happens with a layer that only multiplies its input by a parameter); DEC halves its learning rate for it. If a
     * DL4J upgrade fixes this, this test fails: set the factor to 1.
     */
    @Test
    void klGradientMatchesFiniteDifferencesThroughTheEncoder() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);  // finite differences need double precision
        try {
            var net = new MultiLayerNetwork(new NeuralNetConfiguration.Builder().dataType(DataType.DOUBLE).seed(3)
                    .updater(new Sgd(1.0)).list()
                    .layer(new DenseLayer.Builder().nIn(4).nOut(2).activation(Activation.TANH).build())
                    .layer(new ClusteringLayer(3, 2))
                    .layer(new LossLayer.Builder(LossFunctions.LossFunction.KL_DIVERGENCE)
                            .activation(Activation.IDENTITY).build())
                    .setInputType(InputType.feedForward(4)).build());
            net.init();
            net.getParam("1_" + ClusteringLayer.CENTROIDS).assign(Nd4j.create(CENTROIDS));
            INDArray x = Nd4j.create(new double[][]{{0.1, -0.4, 0.8, 0.3}, {-1.0, 0.5, 0.2, 0.9},
                    {0.7, 0.7, -0.3, -0.6}, {0.0, 1.2, -0.8, 0.4}, {-0.5, -0.5, 0.5, 0.5}});
            INDArray target = DeepEmbeddedClustering.target(net.output(x));
            var data = new org.nd4j.linalg.dataset.DataSet(x, target);
            net.setInput(x);
            net.setLabels(target);
            net.computeGradientAndScore();
            double[] gradient = net.gradient().gradient().dup().toDoubleVector();
            double[] perImage = FiniteDifferences.gradient(net.params(), () -> net.score(data), 1e-6).toDoubleVector();
            for (int i = 0; i < perImage.length; i++) {
                // DL4J keeps gradients summed over the batch; its updater divides by the batch size.
                double numeric = x.rows() * perImage[i];
                assertEquals(DeepEmbeddedClustering.SAMEDIFF_GRADIENT_FACTOR * numeric, gradient[i],
                        1e-7 + 1e-5 * Math.abs(numeric), "parameter " + i + " of " + perImage.length
                                + " (the last 6 are the centroids)");
            }
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void decKeepsWellSeparatedBlobsTogetherAndStops() {
        var blobs = Blobs.make(300, 3, 2, 7);
        INDArray x = Nd4j.create(blobs.x()).castTo(DataType.FLOAT);
        x.subiRowVector(x.mean(0)).divi(x.std(0).meanNumber());
        var autoencoder = unsupervised.models.Autoencoders.dense(2, new int[]{8, 2, 8}, Activation.TANH,
                Activation.IDENTITY, 1);
        INDArray codes = unsupervised.models.Autoencoders.encode(autoencoder, x, 1);
        var kmeans = KMeans.fit(codes, 3, 5, 100, 1);
        var net = DeepEmbeddedClustering.build(autoencoder, 1, kmeans.centroids(), 0.01, 0.9, 1);
        // Keras' SGD(0.01, 0.9) is classical momentum, its rate halved for SameDiff's doubled gradient
        assertEquals(new ClassicalMomentum(0.01 / DeepEmbeddedClustering.SAMEDIFF_GRADIENT_FACTOR, 0.9),
                ((BaseLayer) net.getLayerWiseConfigurations().getConf(0).getLayer()).getIUpdater());
        var settings = new DeepEmbeddedClustering.Settings(64, 10, 0.001, 60);
        var result = DeepEmbeddedClustering.train(net, x, blobs.y(), settings, 1);

        double start = ClusterScores.of(blobs.y(), kmeans.labels()).accuracy();
        assertEquals(start, result.steps().get(0).scores().accuracy(), 0.02, "starts from the k-means clusters");
        assertTrue(result.steps().get(result.steps().size() - 1).scores().accuracy() > start - 0.05, result.table()
                .print());
        assertTrue(result.stopReason().contains("changed") || result.iterations() == 60, result.stopReason());
        assertEquals(300, result.labels().length);
        assertTrue(result.steps().stream().allMatch(s -> s.iteration() % 10 == 0 || s.iteration() == 60));
    }

    @Test
    void decWithTheCallersPiecesWrittenOutEqualsTheJarsAndAnInterruptStopsIt() {
        var blobs = Blobs.make(200, 3, 2, 7);
        INDArray x = Nd4j.create(blobs.x()).castTo(DataType.FLOAT);
        var autoencoder = unsupervised.models.Autoencoders.dense(2, new int[]{8, 2, 8}, Activation.TANH,
                Activation.IDENTITY, 1);
        INDArray centroids = KMeans.fit(unsupervised.models.Autoencoders.encode(autoencoder, x, 1), 3, 2, 100, 1)
                .centroids();
        var settings = new DeepEmbeddedClustering.Settings(32, 5, 0, 20);
        var jarNet = DeepEmbeddedClustering.build(autoencoder, 1, centroids, 0.01, 0.9, 1);
        var jar = DeepEmbeddedClustering.train(jarNet, x, blobs.y(), settings, 1);
        int[] klSteps = {0};
        var writtenNet = DeepEmbeddedClustering.build(autoencoder, 1, centroids, 0.01, 0.9, 1);
        var written = DeepEmbeddedClustering.train(writtenNet, x, blobs.y(), settings, 1,
                DeepEmbeddedClustering::softAssignments, q -> {
                    INDArray weight = q.mul(q).diviRowVector(q.sum(0));
                    return weight.diviColumnVector(weight.sum(true, 1));
                }, (net, xb, pb) -> {
                    klSteps[0]++;
                    net.fit(new org.nd4j.linalg.dataset.DataSet(xb, pb));
                    return net.score();
                });
        assertEquals(20, klSteps[0]);
        assertEquals(5, written.steps().size(), "updates at iterations 0, 5, 10, 15, 20");
        assertArrayEquals(jar.labels(), written.labels());
        assertEquals(jarNet.params(), writtenNet.params());

        Thread.currentThread().interrupt();
        try {
            assertThrows(java.util.concurrent.CancellationException.class, () -> DeepEmbeddedClustering.train(
                    DeepEmbeddedClustering.build(autoencoder, 1, centroids, 0.01, 0.9, 1), x, blobs.y(), settings, 1));
        } finally {
            Thread.interrupted();
        }
    }
}
