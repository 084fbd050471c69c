package unsupervised.models;

import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.lossfunctions.LossFunctions;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SameNetworkTest {
    @Test
    void equalConfigurationsPassAndADifferentActivationFails() {
        var a = Autoencoders.dense(4, new int[] {3}, Activation.RELU, Activation.IDENTITY, 7);
        var b = Autoencoders.dense(4, new int[] {3}, Activation.RELU, Activation.IDENTITY, 7);
        assertTrue(SameNetwork.require(a, b, "Autoencoders.dense").startsWith("same configuration"));
        var c = Autoencoders.dense(4, new int[] {3}, Activation.TANH, Activation.IDENTITY, 7);
        var e = assertThrows(IllegalStateException.class, () -> SameNetwork.require(c, b, "Autoencoders.dense"));
        assertTrue(e.getMessage().contains("tanh") || e.getMessage().contains("TanH"), e.getMessage());
    }

    private static ComputationGraph graph(Activation activation) {
        var graph = new ComputationGraph(new NeuralNetConfiguration.Builder().seed(7).graphBuilder().addInputs("x")
                .addLayer("hidden", new DenseLayer.Builder().nIn(4).nOut(3).activation(activation).build(), "x")
                .addLayer("out", new OutputLayer.Builder(LossFunctions.LossFunction.MSE).nIn(3).nOut(4)
                        .activation(Activation.IDENTITY).build(), "hidden")
                .setOutputs("out").build());
        graph.init();
        return graph;
    }

    @Test
    void graphsAreComparedTheSameWay() {
        assertTrue(SameNetwork.require(graph(Activation.RELU), graph(Activation.RELU), "a graph")
                .startsWith("same configuration"));
        var e = assertThrows(IllegalStateException.class, () -> SameNetwork.require(graph(Activation.TANH),
                graph(Activation.RELU), "a graph"));
        assertTrue(e.getMessage().contains("tanh") || e.getMessage().contains("TanH"), e.getMessage());
    }
}
