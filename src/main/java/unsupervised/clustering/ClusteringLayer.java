package unsupervised.clustering;

import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.samediff.SDLayerParams;
import org.deeplearning4j.nn.conf.layers.samediff.SameDiffLayer;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Map;

/**
 * The clustering layer of Deep Embedded Clustering (Xie, Girshick and Farhadi, 2016): k trainable centroids in the
 * code space, and for each code z_i its soft assignment to centroid mu_j under a Student's t kernel with one degree
 * of freedom (alpha = 1),
 * <pre>q_ij = (1 + |z_i - mu_j|^2)^-1 / sum_j' (1 + |z_i - mu_j'|^2)^-1.</pre>
 * DL4J has no such layer; written in SameDiff, it gets its gradient by automatic differentiation (checked against
 * finite differences in {@code ClusteringLayerTest}). The centroids are set from k-means before training.
 */
public class ClusteringLayer extends SameDiffLayer {
    public static final String CENTROIDS = "centroids";
    private int clusters;
    private int dimensions;

    /** For DL4J's JSON configuration. */
    protected ClusteringLayer() {
    }

    public ClusteringLayer(int clusters, int dimensions) {
        this.clusters = clusters;
        this.dimensions = dimensions;
    }

    @Override
    public SDVariable defineLayer(SameDiff sd, SDVariable codes, Map<String, SDVariable> params, SDVariable mask) {
        SDVariable difference = sd.expandDims(codes, 1).sub(sd.expandDims(params.get(CENTROIDS), 0));  // n x k x d
        SDVariable kernel = difference.mul(difference).sum(2).add(1.0).rdiv(1.0);                       // n x k
        return kernel.div(kernel.sum(true, 1));
    }

    @Override
    public void defineParameters(SDLayerParams params) {
        params.addWeightParam(CENTROIDS, clusters, dimensions);
    }

    @Override
    public void initializeParameters(Map<String, INDArray> params) {
        // Small distinct values; DEC overwrites them with the k-means centroids of the codes.
        INDArray centroids = params.get(CENTROIDS);
        for (int j = 0; j < clusters; j++) {
            for (int d = 0; d < dimensions; d++) {
                centroids.putScalar(j, d, 0.01 * Math.sin(1 + j * dimensions + d));
            }
        }
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return InputType.feedForward(clusters);
    }

    public int getClusters() {
        return clusters;
    }

    public int getDimensions() {
        return dimensions;
    }
}
