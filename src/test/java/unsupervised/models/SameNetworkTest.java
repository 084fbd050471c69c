package unsupervised.models;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;

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
}
