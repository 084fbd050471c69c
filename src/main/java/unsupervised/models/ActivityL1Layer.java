package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.gradient.DefaultGradient;
import org.deeplearning4j.nn.gradient.Gradient;
import org.deeplearning4j.nn.layers.AbstractLayer;
import org.deeplearning4j.nn.workspace.ArrayType;
import org.deeplearning4j.nn.workspace.LayerWorkspaceMgr;
import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * The working layer of {@link ActivityL1}: passes its input on unchanged, remembers the penalty of the batch it has
 * just seen (the network adds it to the loss through {@link #calcRegularizationScore}) and adds the penalty's
 * gradient to the error on the way back.
 */
public class ActivityL1Layer extends AbstractLayer<ActivityL1> {
    private double penalty;

    public ActivityL1Layer(NeuralNetConfiguration conf, DataType dataType) {
        super(conf, dataType);
    }

    @Override
    public INDArray activate(boolean training, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(false);
        // Kept as a number: the input lives in a workspace that may be gone when the network asks for the score.
        penalty = layerConf().getL1() * input.norm1Number().doubleValue() / input.size(0);
        return workspaceMgr.leverageTo(ArrayType.ACTIVATIONS, input);
    }

    /**
     * d(w * sum|a| / batch)/da = w * sign(a) / batch. DL4J's backward pass carries errors summed over the batch
     * (its updater divides by the batch size before each step), so the term added here is {@code w * sign(a)}.
     * sign(0) = 0, as TensorFlow's gradient of |x| at 0.
     */
    @Override
    public Pair<Gradient, INDArray> backpropGradient(INDArray epsilon, LayerWorkspaceMgr workspaceMgr) {
        assertInputSet(true);
        INDArray delta = workspaceMgr.dup(ArrayType.ACTIVATION_GRAD, epsilon);
        if (layerConf().getL1() > 0) {
            delta.addi(Transforms.sign(input, true).muli(layerConf().getL1()));
        }
        return new Pair<>(new DefaultGradient(), delta);
    }

    @Override
    public double calcRegularizationScore(boolean backpropParamsOnly) {
        return penalty;
    }

    @Override
    public Type type() {
        return Type.FEED_FORWARD;
    }

    @Override
    public boolean isPretrainLayer() {
        return false;
    }

    @Override
    public void clearNoiseWeightParams() {
    }

    @Override
    public INDArray params() {
        return null;
    }
}
