package unsupervised.training;

import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.nd4j.linalg.activations.IActivation;
import org.nd4j.linalg.activations.impl.ActivationIdentity;
import org.nd4j.linalg.activations.impl.ActivationReLU;
import org.nd4j.linalg.activations.impl.ActivationSigmoid;
import org.nd4j.linalg.activations.impl.ActivationTanH;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

import java.util.ArrayList;
import java.util.List;

/**
 * Backpropagation written out with plain ND4J matrix operations, for a stack of dense layers trained on the mean
 * squared error (the mean over every output of every example, which is both Keras' {@code mse} and DL4J's score).
 * It keeps its own copy of the weights, in double precision, so it can be checked against DL4J's gradients and
 * trained side by side with the network it was copied from.
 *
 * <p>Layer {@code l} computes {@code z_l = a_{l-1} W_l + b_l} ({@code n x in} times {@code in x out}, plus the bias
 * row on every example) and {@code a_l = f_l(z_l)}. Backwards, with {@code d_l = dL/dz_l}:
 * {@code dL/dW_l = a_{l-1}^T d_l}, {@code dL/db_l = sum over rows of d_l},
 * {@code d_{l-1} = (d_l W_l^T) * f'_{l-1}(z_{l-1})}, starting from {@code dL/da_out = 2 (a_out - y) / (n * outputs)}.
 */
public final class HandBackprop {
    private final List<INDArray> weights = new ArrayList<>();
    private final List<INDArray> biases = new ArrayList<>();
    private final List<String> activations = new ArrayList<>();

    /** The weights, biases and gradients of every layer, in layer order. */
    public record Gradients(double loss, List<INDArray> weights, List<INDArray> biases) {
    }

    private HandBackprop() {
    }

    /** A double-precision copy of the dense layers of {@code net} (ReLU, sigmoid, tanh or identity activations). */
    public static HandBackprop copyOf(MultiLayerNetwork net) {
        HandBackprop hand = new HandBackprop();
        for (int l = 0; l < net.getnLayers(); l++) {
            hand.weights.add(net.getLayer(l).getParam("W").castTo(DataType.DOUBLE).dup());
            hand.biases.add(net.getLayer(l).getParam("b").castTo(DataType.DOUBLE).dup());
            hand.activations.add(name(((BaseLayer) net.getLayer(l).conf().getLayer()).getActivationFn(), l));
        }
        return hand;
    }

    private static String name(IActivation activation, int layer) {
        if (activation instanceof ActivationReLU || activation instanceof ActivationSigmoid
                || activation instanceof ActivationTanH || activation instanceof ActivationIdentity) {
            return activation.toString();
        }
        throw new IllegalArgumentException("layer " + layer + " uses " + activation
                + "; the hand-written backward pass knows relu, sigmoid, tanh and identity");
    }

    public List<INDArray> weights() {
        return weights;
    }

    public List<INDArray> biases() {
        return biases;
    }

    /** The activations of every layer for input {@code x}: element 0 is {@code x} itself, the last is the output. */
    public List<INDArray> forward(INDArray x) {
        List<INDArray> a = new ArrayList<>(List.of(x.castTo(DataType.DOUBLE)));
        for (int l = 0; l < weights.size(); l++) {
            INDArray z = a.get(l).mmul(weights.get(l)).addiRowVector(biases.get(l));
            a.add(activate(activations.get(l), z));
        }
        return a;
    }

    public double loss(INDArray x, INDArray y) {
        List<INDArray> a = forward(x);
        return mse(a.get(a.size() - 1), y.castTo(DataType.DOUBLE));
    }

    /** The loss and its gradient with respect to every weight and bias, for the whole of {@code x} at once. */
    public Gradients backward(INDArray x, INDArray y) {
        List<INDArray> a = forward(x);
        INDArray out = a.get(a.size() - 1);
        INDArray target = y.castTo(DataType.DOUBLE);
        int layers = weights.size();
        INDArray[] dW = new INDArray[layers];
        INDArray[] db = new INDArray[layers];
        INDArray dA = out.sub(target).muli(2.0 / out.length());
        for (int l = layers - 1; l >= 0; l--) {
            INDArray dZ = dA.mul(derivative(activations.get(l), a.get(l + 1)));
            dW[l] = a.get(l).transpose().mmul(dZ);
            db[l] = dZ.sum(0);
            dA = dZ.mmul(weights.get(l).transpose());
        }
        return new Gradients(mse(out, target), List.of(dW), List.of(db));
    }

    /** One step of plain gradient descent, {@code theta -= learningRate * gradient}; returns the loss before it. */
    public double sgdStep(INDArray x, INDArray y, double learningRate) {
        Gradients g = backward(x, y);
        for (int l = 0; l < weights.size(); l++) {
            weights.get(l).subi(g.weights().get(l).mul(learningRate));
            biases.get(l).subi(g.biases().get(l).mul(learningRate));
        }
        return g.loss();
    }

    /**
     * The same gradients by central finite differences, {@code (L(theta + h) - L(theta - h)) / 2h} one parameter
     * at a time: slow, but independent of any calculus.
     */
    public Gradients numerical(INDArray x, INDArray y, double h) {
        List<INDArray> dW = new ArrayList<>();
        List<INDArray> db = new ArrayList<>();
        for (int l = 0; l < weights.size(); l++) {
            dW.add(FiniteDifferences.gradient(weights.get(l), () -> loss(x, y), h));
            db.add(FiniteDifferences.gradient(biases.get(l), () -> loss(x, y), h));
        }
        return new Gradients(loss(x, y), dW, db);
    }

    /**
     * The worst relative error over all parameters, each measured as {@code max |a - b| / max(|a|, |b|)} over its
     * entries: 0 for identical gradients.
     */
    public static double relativeError(Gradients a, Gradients b) {
        return compare("", a, b).doubleColumn("relative error").max();
    }

    /** Parameter by parameter: its shape, the largest gradient entry and how far {@code b} is from {@code a}. */
    public static Table compare(String title, Gradients a, Gradients b) {
        Table table = Table.create(title, StringColumn.create("parameter"), StringColumn.create("shape"),
                DoubleColumn.create("max |gradient|"), DoubleColumn.create("max |difference|"),
                DoubleColumn.create("relative error"));
        for (int l = 0; l < a.weights().size(); l++) {
            String[] names = {"W" + (l + 1), "b" + (l + 1)};
            INDArray[][] pairs = {{a.weights().get(l), b.weights().get(l)}, {a.biases().get(l), b.biases().get(l)}};
            for (int k = 0; k < 2; k++) {
                INDArray p = pairs[k][0].castTo(DataType.DOUBLE);
                INDArray q = pairs[k][1].castTo(DataType.DOUBLE);
                double scale = Math.max(Transforms.abs(p).maxNumber().doubleValue(),
                        Transforms.abs(q).maxNumber().doubleValue());
                double diff = Transforms.abs(p.sub(q)).maxNumber().doubleValue();
                table.stringColumn(0).append(names[k]);
                table.stringColumn(1).append(java.util.Arrays.toString(p.shape()));
                table.doubleColumn(2).append(scale);
                table.doubleColumn(3).append(diff);
                table.doubleColumn(4).append(scale == 0 ? 0 : diff / scale);
            }
        }
        return table;
    }

    /** DL4J's own gradients of its score for the same input, taken from {@code net} without training it. */
    public static Gradients ofNetwork(MultiLayerNetwork net, INDArray x, INDArray y) {
        net.setInput(x);
        net.setLabels(y);
        net.computeGradientAndScore();
        List<INDArray> dW = new ArrayList<>();
        List<INDArray> db = new ArrayList<>();
        for (int l = 0; l < net.getnLayers(); l++) {
            dW.add(net.gradient().getGradientFor(l + "_W").dup());
            db.add(net.gradient().getGradientFor(l + "_b").dup());
        }
        net.clear();
        return new Gradients(net.score(), dW, db);
    }

    /** Every gradient times {@code factor}: DL4J's gradients are sums over the minibatch, its updater divides. */
    public static Gradients scaled(Gradients g, double factor) {
        return new Gradients(g.loss(), g.weights().stream().map(w -> w.mul(factor)).toList(),
                g.biases().stream().map(b -> b.mul(factor)).toList());
    }

    private static double mse(INDArray output, INDArray target) {
        return Transforms.pow(output.sub(target), 2, false).meanNumber().doubleValue();
    }

    private static INDArray activate(String activation, INDArray z) {
        return switch (activation) {
            case "relu" -> Transforms.relu(z, true);
            case "sigmoid" -> Transforms.sigmoid(z, true);
            case "tanh" -> Transforms.tanh(z, true);
            default -> z;
        };
    }

    /** {@code f'(z)} written in terms of {@code a = f(z)}, which the forward pass has kept. */
    private static INDArray derivative(String activation, INDArray a) {
        return switch (activation) {
            case "relu" -> a.gt(0).castTo(DataType.DOUBLE);
            case "sigmoid" -> a.mul(a.rsub(1));
            case "tanh" -> a.mul(a).rsubi(1);
            default -> a.like().assign(1);
        };
    }
}
