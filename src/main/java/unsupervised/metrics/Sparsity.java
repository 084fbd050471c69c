package unsupervised.metrics;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * How sparse a layer's activity is, from its activations on a set of inputs (one row per input, one column per
 * unit): what an L1 activity penalty is meant to change.
 */
public final class Sparsity {
    private Sparsity() {
    }

    /** The share of activation values below {@code threshold} (for ReLU and sigmoid units: close to "off"). */
    public static double nearZeroShare(INDArray activations, double threshold) {
        return activations.lt(threshold).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** The mean over inputs of the summed absolute activations: what the L1 penalty multiplies by its weight. */
    public static double meanL1(INDArray activations) {
        return Transforms.abs(activations, true).sum(1).meanNumber().doubleValue();
    }

    /** The share of units that stay below {@code threshold} for every input: units the layer no longer uses. */
    public static double silentUnitShare(INDArray activations, double threshold) {
        return activations.max(0).lt(threshold).castTo(DataType.DOUBLE).meanNumber().doubleValue();
    }

    /** One row per unit: its mean and standard deviation over the inputs, and how often it is below threshold. */
    public static Table perUnit(String name, INDArray activations, double threshold) {
        int units = (int) activations.columns();
        return Table.create(name, IntColumn.create("unit", java.util.stream.IntStream.range(0, units).toArray()),
                DoubleColumn.create("mean", activations.mean(0).toDoubleVector()),
                DoubleColumn.create("std", activations.std(0).toDoubleVector()),
                DoubleColumn.create("share < " + threshold, activations.lt(threshold).castTo(DataType.DOUBLE)
                        .mean(0).toDoubleVector()));
    }
}
