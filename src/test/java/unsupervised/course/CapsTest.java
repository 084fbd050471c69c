package unsupervised.course;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CapsTest {

    @Test
    void theArticlesStopRuleIsKerasEarlyStopping() {
        // Keras: best = inf; each epoch, loss < best resets the wait, else wait += 1; stop once wait >= patience.
        assertEquals(5, Caps.kerasStop(new double[] {5, 4, 3, 2, 1}, 2), "always improving: all epochs");
        assertEquals(5, Caps.kerasStop(new double[] {5, 4, 3, 3.5, 3.6, 1}, 2), "two epochs past the best (3)");
        assertEquals(4, Caps.kerasStop(new double[] {5, 4, 3, 3, 3, 3}, 1), "an equal loss is no improvement");
        assertEquals(7, Caps.kerasStop(new double[] {5, 4, 3, 3.5, 2.9, 3.0, 3.1, 2.0}, 2), "the wait restarts at 2.9");
        assertEquals(4, Caps.kerasStop(new double[] {Double.NaN, 1, 1, 1, 0.5}, 2), "NaN is no improvement");
        assertEquals(2, Caps.kerasStop(new double[] {Double.NaN, Double.NaN, 1}, 2), "nor is a first NaN");
    }
}
