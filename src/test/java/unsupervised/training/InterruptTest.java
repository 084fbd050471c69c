package unsupervised.training;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.ndarray.INDArray;
import unsupervised.data.Blobs;
import unsupervised.models.Autoencoders;

import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InterruptTest {

    /** What the kernel does on Interrupt: it interrupts the cell's thread; a training run must end there. */
    @Test
    void interruptingTheTrainingThreadEndsTheRun() throws InterruptedException {
        INDArray x = Blobs.make(200, 2, 2, 42).features();
        var net = Autoencoders.dense(2, new int[]{32, 16, 32}, Activation.RELU, Activation.IDENTITY, 7);
        AtomicReference<Throwable> ended = new AtomicReference<>();
        Thread training = new Thread(() -> {
            try {
                Training.fit(net, x, x, 1_000_000, 50, 1);
            } catch (Throwable e) {
                ended.set(e);
            }
        });
        training.start();
        while (net.getIterationCount() < 3 && training.isAlive()) {
            Thread.sleep(10);
        }
        training.interrupt();
        training.join(120_000);
        assertFalse(training.isAlive(), "training still running after the interrupt");
        assertInstanceOf(CancellationException.class, ended.get());
        assertTrue(net.getListeners().isEmpty(), "fit removes its listeners");
    }
}
