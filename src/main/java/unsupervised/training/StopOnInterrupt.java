package unsupervised.training;

import org.deeplearning4j.nn.api.Model;
import org.deeplearning4j.optimize.api.BaseTrainingListener;

import java.util.concurrent.CancellationException;

/**
 * Ends a DL4J training run as soon as its thread is interrupted, which is what the notebook's Interrupt button does to
 * the running cell's thread. DL4J's training loops never look at that flag, so without this a cancelled cell kept
 * training in the background. Checked after every minibatch.
 */
public final class StopOnInterrupt extends BaseTrainingListener {
    static final StopOnInterrupt INSTANCE = new StopOnInterrupt();

    private StopOnInterrupt() {
    }

    @Override
    public void iterationDone(Model model, int iteration, int epoch) {
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException("training interrupted in epoch " + (epoch + 1));
        }
    }
}
