package unsupervised.training;

import org.nd4j.linalg.api.ndarray.INDArray;

import java.util.function.DoubleSupplier;

/** The numerical gradient that hand-written and library gradients are checked against. */
public final class FiniteDifferences {
    private FiniteDifferences() {
    }

    /**
     * Central differences {@code (loss(p + h) - loss(p - h)) / 2h} for every entry of {@code parameter}, which must
     * be the array the loss reads (a view into a network's parameters, for instance); each entry is restored after
     * its two probes. The result has the parameter's shape.
     */
    public static INDArray gradient(INDArray parameter, DoubleSupplier loss, double h) {
        INDArray flat = parameter.reshape(parameter.length());
        INDArray gradient = flat.like();
        for (long i = 0; i < flat.length(); i++) {
            double original = flat.getDouble(i);
            flat.putScalar(i, original + h);
            double plus = loss.getAsDouble();
            flat.putScalar(i, original - h);
            double minus = loss.getAsDouble();
            flat.putScalar(i, original);
            gradient.putScalar(i, (plus - minus) / (2 * h));
        }
        return gradient.reshape(parameter.shape());
    }
}
