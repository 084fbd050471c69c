package unsupervised.models;

import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.learning.GradientUpdater;
import org.nd4j.linalg.learning.config.IUpdater;
import org.nd4j.linalg.schedule.ISchedule;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Keras' {@code SGD(learning_rate, momentum)}: classical (heavy-ball) momentum, v ← μ·v − η·g, then w ← w + v. ND4J's
 * only momentum updater, {@code Nesterovs}, takes Nesterov's look-ahead step instead (w ← w − μ·v_old + (1 + μ)·v),
 * so a Keras recipe with plain momentum trained through it is a different recipe. Constant learning rate and
 * momentum; it travels with the network's configuration (JSON) and its state with a saved model.
 */
public final class ClassicalMomentum implements IUpdater {
    private double learningRate;
    private double momentum;

    /** For the configuration's JSON reader. */
    public ClassicalMomentum() {
        this(0.01, 0.9);
    }

    public ClassicalMomentum(double learningRate, double momentum) {
        this.learningRate = learningRate;
        this.momentum = momentum;
    }

    public double getLearningRate() {
        return learningRate;
    }

    public void setLearningRate(double learningRate) {
        this.learningRate = learningRate;
    }

    public double getMomentum() {
        return momentum;
    }

    public void setMomentum(double momentum) {
        this.momentum = momentum;
    }

    @Override
    public long stateSize(long numParams) {
        return numParams;  // the velocity
    }

    @Override
    public GradientUpdater instantiate(INDArray viewArray, boolean initializeViewArray) {
        var updater = new Updater(this);
        updater.setStateViewArray(viewArray, viewArray.shape(), viewArray.ordering(), initializeViewArray);
        return updater;
    }

    @Override
    public GradientUpdater instantiate(Map<String, INDArray> updaterState, boolean initializeStateArrays) {
        var updater = new Updater(this);
        updater.setState(updaterState, initializeStateArrays);
        return updater;
    }

    @Override
    public ClassicalMomentum clone() {
        return new ClassicalMomentum(learningRate, momentum);
    }

    @Override
    public double getLearningRate(int iteration, int epoch) {
        return learningRate;
    }

    @Override
    public boolean hasLearningRate() {
        return true;
    }

    @Override
    public void setLrAndSchedule(double lr, ISchedule lrSchedule) {
        if (lrSchedule != null) {
            throw new UnsupportedOperationException("ClassicalMomentum keeps a constant learning rate, no schedule");
        }
        this.learningRate = lr;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ClassicalMomentum o && o.learningRate == learningRate && o.momentum == momentum;
    }

    @Override
    public int hashCode() {
        return Objects.hash(learningRate, momentum);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "ClassicalMomentum(lr=%s, momentum=%s)", learningRate, momentum);
    }

    /** The velocity, one value per parameter, in the network's updater state view. */
    static final class Updater implements GradientUpdater<ClassicalMomentum> {
        static final String VELOCITY = "V";
        private final ClassicalMomentum config;
        private INDArray velocity;

        Updater(ClassicalMomentum config) {
            this.config = config;
        }

        @Override
        public ClassicalMomentum getConfig() {
            return config;
        }

        @Override
        public void setState(Map<String, INDArray> stateMap, boolean initialize) {
            if (stateMap == null || !stateMap.containsKey(VELOCITY)) {
                throw new IllegalStateException("ClassicalMomentum needs its state '" + VELOCITY + "', got "
                        + (stateMap == null ? "none" : stateMap.keySet()));
            }
            velocity = stateMap.get(VELOCITY);
            if (initialize) {
                velocity.assign(0);
            }
        }

        @Override
        public Map<String, INDArray> getState() {
            return Map.of(VELOCITY, velocity);
        }

        @Override
        public void setStateViewArray(INDArray viewArray, long[] gradientShape, char gradientOrder,
                                      boolean initialize) {
            if (initialize) {
                viewArray.assign(0);
            }
            velocity = viewArray.reshape(gradientOrder, gradientShape);
        }

        /**
         * DL4J subtracts what this leaves in {@code gradient} from the parameters: w ← w − (−v). The gradient is
         * overwritten anyway, so it is scaled in place (no array allocated per step).
         */
        @Override
        public void applyUpdater(INDArray gradient, int iteration, int epoch) {
            velocity.muli(config.momentum).subi(gradient.muli(config.learningRate));
            gradient.assign(velocity).negi();
        }
    }
}
