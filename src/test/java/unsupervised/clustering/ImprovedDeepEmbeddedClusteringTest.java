package unsupervised.clustering;

import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Adam;
import org.nd4j.linalg.learning.config.Sgd;
import unsupervised.data.Blobs;
import unsupervised.metrics.ClusterScores;
import unsupervised.metrics.Reconstruction;
import unsupervised.models.Autoencoders;
import unsupervised.training.FiniteDifferences;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** IDEC's two-output network: its loss against one written out, and a run on blobs. */
class ImprovedDeepEmbeddedClusteringTest {
    private static final double GAMMA = 0.1;
    private static final INDArray X = Nd4j.create(new double[][]{{0.1, -0.4, 0.8, 0.3}, {-1.0, 0.5, 0.2, 0.9},
            {0.7, 0.7, -0.3, -0.6}, {0.0, 1.2, -0.8, 0.4}, {-0.5, -0.5, 0.5, 0.5}});
    private static final double[][] CENTROIDS = {{0.0, 1.0}, {1.0, -1.0}, {-1.0, 0.0}};

    /** KL(P || Q) written out, averaged over the images (rows). */
    private static double kl(INDArray p, INDArray q) {
        return p.mul(org.nd4j.linalg.ops.transforms.Transforms.log(p.div(q))).sumNumber().doubleValue() / p.rows();
    }

    /** gamma * KL(P || Q) + MSE(x, reconstruction), each averaged over the images, from the graph's two outputs. */
    private static double idecLoss(ComputationGraph graph, INDArray x, INDArray p) {
        INDArray[] outputs = graph.output(false, x);
        double mse = outputs[1].sub(x).muli(outputs[1].sub(x)).meanNumber().doubleValue();
        return GAMMA * kl(p, outputs[0]) + mse;
    }

    private static ComputationGraph small(MultiLayerNetwork autoencoder) {
        return ImprovedDeepEmbeddedClustering.build(autoencoder, 1, Nd4j.create(CENTROIDS), GAMMA, new Sgd(1.0), 3);
    }

    @Test
    void gradientIsThatOfGammaTimesKlPlusMseThroughEncoderAndDecoder() {
        DataType before = Nd4j.dataType();
        Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE);  // finite differences need double precision
        try {
            var autoencoder = Autoencoders.dense(4, new int[]{3, 2, 3}, Activation.TANH, Activation.IDENTITY, 2);
            autoencoder = new MultiLayerNetwork(autoencoder.getLayerWiseConfigurations().clone());
            autoencoder.getLayerWiseConfigurations().setDataType(DataType.DOUBLE);
            autoencoder.init();
            ComputationGraph graph = small(autoencoder).convertDataType(DataType.DOUBLE);
            INDArray x = X.castTo(DataType.DOUBLE);
            INDArray p = DeepEmbeddedClustering.target(ImprovedDeepEmbeddedClustering.softAssignments(graph, x));
            graph.setInputs(x);
            graph.setLabels(p, x);
            graph.computeGradientAndScore();
            double[] gradient = graph.gradient().gradient().dup().toDoubleVector();
            double[] perImage = FiniteDifferences.gradient(graph.params(), () -> idecLoss(graph, x, p), 1e-6)
                    .toDoubleVector();
            for (int i = 0; i < perImage.length; i++) {
                // DL4J keeps gradients summed over the batch; its updater divides by the batch size.
                double numeric = x.rows() * perImage[i];
                assertEquals(numeric, gradient[i], 1e-7 + 1e-5 * Math.abs(numeric), "parameter " + i + " of "
                        + perImage.length + " (the last 6 are the centroids)");
            }
        } finally {
            Nd4j.setDefaultDataTypes(before, before);
        }
    }

    @Test
    void theGraphKeepsTheAutoencoderAndItsConfigurationSurvivesJson() {
        var autoencoder = Autoencoders.dense(4, new int[]{3, 2, 3}, Activation.TANH, Activation.IDENTITY, 2);
        ComputationGraph graph = small(autoencoder);
        INDArray x = X.castTo(DataType.FLOAT);
        assertEquals(autoencoder.output(x), graph.output(false, x)[1], "the reconstruction is the autoencoder's");
        assertEquals(Nd4j.create(CENTROIDS).castTo(DataType.FLOAT),
                graph.getParam(ImprovedDeepEmbeddedClustering.CLUSTERING + "_" + ClusteringLayer.CENTROIDS));
        assertTrue(unsupervised.models.SameNetwork.require(graph, small(autoencoder), "the same build")
                .startsWith("same configuration"), "two builds from one autoencoder are one network");
        String json = graph.getConfiguration().toJson();
        assertEquals(json, ComputationGraphConfiguration.fromJson(json).toJson());
        assertTrue(json.contains("WeightedLoss"), json);
    }

    @Test
    void aStepReportsTheUnweightedKlAndMseOfTheMinibatchBeforeIt() {
        var autoencoder = Autoencoders.dense(4, new int[]{3, 2, 3}, Activation.TANH, Activation.IDENTITY, 2);
        ComputationGraph graph = small(autoencoder);
        INDArray x = X.castTo(DataType.FLOAT);
        INDArray p = DeepEmbeddedClustering.target(ImprovedDeepEmbeddedClustering.softAssignments(graph, x));
        INDArray[] outputs = graph.output(false, x);
        double kl = kl(p, outputs[0]);
        double mse = Reconstruction.mse(x, outputs[1]);
        INDArray paramsBefore = graph.params().dup();
        Map<String, Double> losses = ImprovedDeepEmbeddedClustering.step(graph, x, p);
        assertEquals(kl, losses.get("KL"), 1e-5);
        assertEquals(mse, losses.get("MSE"), 1e-5);
        assertTrue(graph.params().sub(paramsBefore).amaxNumber().doubleValue() > 0, "the step trained the graph");
    }

    @Test
    void idecKeepsBlobsClusteredAndTheReconstructionAsGood() {
        var blobs = Blobs.make(300, 3, 2, 7);
        INDArray x = Nd4j.create(blobs.x()).castTo(DataType.FLOAT);
        x.subiRowVector(x.mean(0)).divi(x.std(0).meanNumber());
        var autoencoder = Autoencoders.dense(2, new int[]{8, 2, 8}, Activation.TANH, Activation.IDENTITY, 1);
        autoencoder.fit(new org.nd4j.linalg.dataset.DataSet(x, x));
        var kmeans = KMeans.fit(Autoencoders.encode(autoencoder, x, 1), 3, 5, 100, 1);
        double mseBefore = Reconstruction.mse(x, autoencoder.output(x));
        ComputationGraph graph = ImprovedDeepEmbeddedClustering.build(autoencoder, 1, kmeans.centroids(), GAMMA,
                new Adam(0.001), 1);
        var settings = new DeepEmbeddedClustering.Settings(64, 10, 0.001, 60);
        var result = ImprovedDeepEmbeddedClustering.train(graph, x, blobs.y(), settings, 1);

        double start = ClusterScores.of(blobs.y(), kmeans.labels()).accuracy();
        assertEquals(start, result.steps().get(0).scores().accuracy(), 0.02, "starts from the k-means clusters");
        assertTrue(result.steps().get(result.steps().size() - 1).scores().accuracy() > start - 0.05,
                result.table().print());
        assertEquals(300, result.labels().length);
        assertArrayEquals(DeepEmbeddedClustering.hard(ImprovedDeepEmbeddedClustering.softAssignments(graph, x)),
                result.labels(), "the labels are the trained graph's");
        double mseAfter = Reconstruction.mse(x, graph.output(false, x)[1]);
        assertTrue(mseAfter < 2 * mseBefore, "reconstruction MSE " + mseBefore + " -> " + mseAfter);
    }
}
