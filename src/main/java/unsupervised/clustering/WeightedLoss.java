package unsupervised.clustering;

import org.nd4j.common.primitives.Pair;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.lossfunctions.ILossFunction;

import java.util.Locale;
import java.util.Objects;

/**
 * A loss times a constant weight, score and gradient alike: one entry of Keras' {@code loss_weights} for a network
 * with several outputs, whose weighted losses DL4J's {@code ComputationGraph} adds up. DL4J's loss functions have no
 * such weight of their own (LossMSE's weights are per output unit; LossKLD has none).
 */
public class WeightedLoss implements ILossFunction {
    private ILossFunction loss;
    private double weight;

    /** For DL4J's JSON configuration. */
    protected WeightedLoss() {
    }

    public WeightedLoss(ILossFunction loss, double weight) {
        this.loss = Objects.requireNonNull(loss, "loss");
        this.weight = weight;
    }

    public ILossFunction getLoss() {
        return loss;
    }

    public double getWeight() {
        return weight;
    }

    @Override
    public double computeScore(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask,
                               boolean average) {
        return weight * loss.computeScore(labels, preOutput, activationFn, mask, average);
    }

    @Override
    public INDArray computeScoreArray(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeScoreArray(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public INDArray computeGradient(INDArray labels, INDArray preOutput, IActivation activationFn, INDArray mask) {
        return loss.computeGradient(labels, preOutput, activationFn, mask).muli(weight);
    }

    @Override
    public Pair<Double, INDArray> computeGradientAndScore(INDArray labels, INDArray preOutput,
                                                          IActivation activationFn, INDArray mask, boolean average) {
        return new Pair<>(computeScore(labels, preOutput, activationFn, mask, average),
                computeGradient(labels, preOutput, activationFn, mask));
    }

    @Override
    public String name() {
        return toString();
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%s x %s", weight, loss);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof WeightedLoss that && weight == that.weight && loss.equals(that.loss);
    }

    @Override
    public int hashCode() {
        return Objects.hash(loss, weight);
    }
}
