package unsupervised.models;

import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.BaseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.dataset.DataSet;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.learning.config.Nesterovs;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ClassicalMomentumTest {
    private static final double[][] GRADIENTS = {{1, -2}, {0.5, 0.5}, {-1, 3}};

    /** What the updater leaves to subtract from w, step by step, for fixed gradients. */
    private static double[][] updates(IUpdater config) {
        INDArray state = Nd4j.create(DataType.DOUBLE, 1, config.stateSize(2));
        var updater = config.instantiate(state, true);
        double[][] out = new double[GRADIENTS.length][];
        for (int t = 0; t < GRADIENTS.length; t++) {
            INDArray gradient = Nd4j.createFromArray(GRADIENTS[t]).reshape(1, 2);
            updater.applyUpdater(gradient, t, 0);
            out[t] = gradient.toDoubleVector();
        }
        return out;
    }

    @Test
    void stepsAsKerasSgdWithMomentum() {
        double lr = 0.1;
        double mu = 0.9;
        double[][] steps = updates(new ClassicalMomentum(lr, mu));
        // Keras: v = mu * v - lr * g; w = w + v. The updater's output is subtracted, so it must be -v.
        double[] v = new double[2];
        for (int t = 0; t < GRADIENTS.length; t++) {
            for (int i = 0; i < 2; i++) {
                v[i] = mu * v[i] - lr * GRADIENTS[t][i];
            }
            assertArrayEquals(new double[] {-v[0], -v[1]}, steps[t], 1e-12, "step " + t);
        }
        // Nesterov's look-ahead step differs from the second step on: the test can tell the two apart.
        double[][] nesterov = updates(new Nesterovs(lr, mu));
        assertFalse(Math.abs(nesterov[1][0] - steps[1][0]) < 1e-6);
    }

    private static MultiLayerNetwork linear(IUpdater updater) {
        MultiLayerConfiguration conf = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.DOUBLE)
                .updater(updater).list()
                .layer(new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(2)
                        .activation(Activation.IDENTITY).build())
                .build();
        var net = new MultiLayerNetwork(conf);
        net.init();
        return net;
    }

    @Test
    void trainsANetworkAndTravelsWithItsConfigurationAndSavedState() throws Exception {
        Nd4j.getRandom().setSeed(5);
        var batch = new DataSet(Nd4j.rand(DataType.DOUBLE, 8, 3), Nd4j.rand(DataType.DOUBLE, 8, 2));
        var net = linear(new ClassicalMomentum(0.5, 0.9));
        INDArray velocity = Nd4j.zeros(DataType.DOUBLE, net.params().shape());
        for (int step = 0; step < 3; step++) {
            net.setInput(batch.getFeatures());
            net.setLabels(batch.getLabels());
            net.computeGradientAndScore();
            // the updater sees the gradient averaged over the minibatch
            INDArray gradient = net.gradient().gradient().dup().divi(batch.numExamples());
            INDArray expected = net.params().dup().addi(velocity.muli(0.9).subi(gradient.mul(0.5)));
            net.fit(batch);
            assertArrayEquals(expected.toDoubleVector(), net.params().toDoubleVector(), 1e-10, "step " + step);
        }

        MultiLayerConfiguration read = MultiLayerConfiguration.fromJson(net.getLayerWiseConfigurations().toJson());
        assertEquals(new ClassicalMomentum(0.5, 0.9), ((BaseLayer) read.getConf(0).getLayer()).getIUpdater());

        var saved = new ByteArrayOutputStream();
        ModelSerializer.writeModel(net, saved, true);
        var restored = ModelSerializer.restoreMultiLayerNetwork(new ByteArrayInputStream(saved.toByteArray()), true);
        assertEquals(net.getUpdater().getStateViewArray(), restored.getUpdater().getStateViewArray());
        net.fit(batch);
        restored.fit(batch);
        assertArrayEquals(net.params().toDoubleVector(), restored.params().toDoubleVector(), 1e-12);
    }
}
