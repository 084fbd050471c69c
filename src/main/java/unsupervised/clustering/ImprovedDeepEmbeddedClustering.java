package unsupervised.clustering;

import org.deeplearning4j.nn.conf.layers.LossLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.nn.transferlearning.FineTuneConfiguration;
import org.deeplearning4j.nn.transferlearning.TransferLearning;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.MultiDataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.lossfunctions.impl.LossKLD;
import unsupervised.data.SeededRandom;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Improved Deep Embedded Clustering (Guo, Gao, Liu and Yin, IJCAI 2017): DEC that keeps the decoder. The network has
 * two outputs, the soft assignments Q of the {@link ClusteringLayer} on the code and the autoencoder's
 * reconstruction, and each minibatch step descends {@code gamma * KL(P || Q) + MSE(x, reconstruction)}, so that the
 * code goes on describing the images while the clusters sharpen (DEC alone may move the codes anywhere that
 * sharpens Q). The target P, its updates and the stop rule are DEC's ({@link DeepEmbeddedClustering#train}). The
 * authors' code (IDEC.py) runs it with gamma 0.1 and Adam for MNIST.
 */
public final class ImprovedDeepEmbeddedClustering {
    /** The vertex names the graph adds to the autoencoder's ("0", "1", ... as {@code toComputationGraph} names). */
    public static final String CLUSTERING = "clustering";
    public static final String KL = "kl";
    private static final int PREDICT_BATCH = 4096;

    private ImprovedDeepEmbeddedClustering() {
    }

    /**
     * The whole {@code autoencoder} (weights copied) as a graph with a second output: a clustering layer on layer
     * {@code codeLayer} with the given initial centroids (k x code width) under a KL(P || Q) loss weighted by
     * {@code gamma}, beside the reconstruction and its own loss (weight 1), all trained by {@code updater}. As DEC,
     * the KL weight is divided by {@link DeepEmbeddedClustering#SAMEDIFF_GRADIENT_FACTOR}, since the clustering layer
     * hands back that multiple of its gradient.
     */
    public static ComputationGraph build(MultiLayerNetwork autoencoder, int codeLayer, INDArray centroids, double gamma,
                                         IUpdater updater, long seed) {
        ComputationGraph graph = new TransferLearning.GraphBuilder(autoencoder.toComputationGraph())
                .fineTuneConfiguration(new FineTuneConfiguration.Builder().seed(SeededRandom.nonZero(seed))
                        .updater(updater).build())
                .addLayer(CLUSTERING, new ClusteringLayer((int) centroids.rows(), (int) centroids.columns()),
                        String.valueOf(codeLayer))
                .addLayer(KL, new LossLayer.Builder(new WeightedLoss(new LossKLD(),
                        gamma / DeepEmbeddedClustering.SAMEDIFF_GRADIENT_FACTOR)).activation(Activation.IDENTITY)
                        .build(), CLUSTERING)
                .setOutputs(KL, String.valueOf(autoencoder.getnLayers() - 1))
                .build();
        graph.getParam(CLUSTERING + "_" + ClusteringLayer.CENTROIDS).assign(centroids);
        return graph;
    }

    /** The soft assignments Q of {@code x} (one row per image, summing to 1); the decoder is not run. */
    public static INDArray softAssignments(ComputationGraph graph, INDArray x) {
        List<INDArray> parts = new ArrayList<>();
        for (long from = 0; from < x.rows(); from += PREDICT_BATCH) {
            INDArray rows = x.get(NDArrayIndex.interval(from, Math.min(x.rows(), from + PREDICT_BATCH)),
                    NDArrayIndex.all());
            parts.add(graph.output(List.of(CLUSTERING), false, new INDArray[]{rows}, null)[0]);
        }
        return Nd4j.vstack(parts.toArray(INDArray[]::new));
    }

    /**
     * One step on the images {@code x} toward their targets {@code p} (Q's output) and themselves (the
     * reconstruction's); returns the minibatch's KL(P || Q) and MSE before the step, each unweighted.
     */
    public static Map<String, Double> step(ComputationGraph graph, INDArray x, INDArray p) {
        graph.fit(new MultiDataSet(new INDArray[]{x}, new INDArray[]{p, x}));
        var kl = (WeightedLoss) ((LossLayer) graph.getLayer(KL).conf().getLayer()).getLossFn();
        Map<String, Double> losses = new LinkedHashMap<>();
        losses.put("KL", graph.getOutputLayer(0).score() / kl.getWeight());
        losses.put("MSE", graph.getOutputLayer(1).score());
        return losses;
    }

    /** DEC's alternation ({@link DeepEmbeddedClustering#train}) with this network's Q and step. */
    public static DeepEmbeddedClustering.Result train(ComputationGraph graph, INDArray x, int[] classes,
                                                      DeepEmbeddedClustering.Settings settings, long seed) {
        return DeepEmbeddedClustering.train(x, classes, settings, seed, images -> softAssignments(graph, images),
                DeepEmbeddedClustering::target, (images, p) -> step(graph, images, p));
    }
}
