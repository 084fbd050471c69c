package unsupervised.training;

import org.deeplearning4j.nn.api.Model;

/**
 * Where a long {@link TrainingLoop} run keeps its state between epochs, so that a run ended from outside (the
 * Interrupt button, a session's time limit, out of memory) goes on from its last saved epoch the next time it is
 * started, instead of from epoch 1. The loop hands over its state after every epoch that does not end the run; the
 * checkpoint decides when to write it (say every few minutes) and where. Whoever implements it also saves and
 * restores the state of the model being trained (its parameters and its updater's), which the loop cannot see.
 */
public interface Checkpoint {
    /**
     * The state an earlier run saved, with the trained model restored in place; null to start at epoch 1 (nothing
     * saved, or saved by a run that differs: the implementation says why).
     */
    State restore();

    /** Called after every epoch that does not end the run. */
    void epochEnded(State state);

    /**
     * A run's state after {@code history.epochs()} epochs.
     *
     * @param bestEpoch the best epoch so far (0 if none)
     * @param best      that epoch's model, or null when the loop keeps none
     */
    record State(History history, int bestEpoch, Model best) {
    }
}
