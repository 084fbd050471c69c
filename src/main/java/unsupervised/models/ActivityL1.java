package unsupervised.models;

import org.deeplearning4j.nn.api.Layer;
import org.deeplearning4j.nn.api.ParamInitializer;
import org.deeplearning4j.nn.conf.InputPreProcessor;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.NoParamLayer;
import org.deeplearning4j.nn.conf.memory.LayerMemoryReport;
import org.deeplearning4j.nn.params.EmptyParamInitializer;
import org.deeplearning4j.optimize.api.TrainingListener;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.Collection;

/**
 * An L1 penalty on the activity of the layer before it: Keras' {@code ActivityRegularization(l1=w)}, which is what
 * {@code Dense(..., activity_regularizer=regularizers.l1(w))} adds after a layer's activation. Deeplearning4j has
 * weight regularisation only, so this identity layer adds the penalty to the loss and its gradient to the error
 * flowing back.
 * <p>
 * Semantics of tf.keras 2 (its base layer divides each activity penalty by the batch size to make it
 * batch-agnostic): the loss gains {@code w * sum(|a|) / batchSize}, i.e. {@code w} times the mean over the batch of
 * each example's summed absolute activations. Standalone Keras 2.0-2.2, which the article imported, added the sum
 * over the whole batch instead, a penalty {@code batchSize} times stronger for the same {@code w}.
 */
public class ActivityL1 extends NoParamLayer {
    private double l1;

    /** For JSON (a saved model's configuration). */
    public ActivityL1() {
    }

    public ActivityL1(double l1) {
        if (!(l1 >= 0) || Double.isInfinite(l1)) {
            throw new IllegalArgumentException("an L1 activity weight must be finite and >= 0, not " + l1);
        }
        this.l1 = l1;
    }

    public double getL1() {
        return l1;
    }

    public void setL1(double l1) {
        this.l1 = l1;
    }

    @Override
    public Layer instantiate(NeuralNetConfiguration conf, Collection<TrainingListener> listeners, int index,
                             INDArray params, boolean initializeParams, DataType dataType) {
        var layer = new ActivityL1Layer(conf, dataType);
        layer.setListeners(listeners);
        layer.setIndex(index);
        layer.setParamsViewArray(params);
        layer.setParamTable(initializer().init(conf, params, initializeParams));
        layer.setConf(conf);
        return layer;
    }

    @Override
    public ParamInitializer initializer() {
        return EmptyParamInitializer.getInstance();
    }

    @Override
    public InputType getOutputType(int layerIndex, InputType inputType) {
        return inputType;
    }

    @Override
    public InputPreProcessor getPreProcessorForInputType(InputType inputType) {
        return null;
    }

    @Override
    public LayerMemoryReport getMemoryReport(InputType inputType) {
        long size = inputType.arrayElementsPerExample();
        return new LayerMemoryReport.Builder(layerName, ActivityL1.class, inputType, inputType)
                .standardMemory(0, 0).workingMemory(0, size, 0, size).cacheMemory(0, 0).build();
    }

    @Override
    public ActivityL1 clone() {
        return (ActivityL1) super.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ActivityL1 other && other.l1 == l1 && super.equals(o);
    }

    @Override
    public int hashCode() {
        return 31 * super.hashCode() + Double.hashCode(l1);
    }

    @Override
    public String toString() {
        return "ActivityL1(l1=" + l1 + ")";
    }
}
