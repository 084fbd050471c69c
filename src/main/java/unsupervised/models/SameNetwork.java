package unsupervised.models;

import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;

/**
 * The proof a notebook gives that the network it builds in view with DL4J's API is the one the support jar's builder
 * makes for later notebooks: the two configurations, as DL4J writes them to JSON (every layer, activation, updater,
 * initialisation and seed), must be equal. A drift between the two fails the notebook's cell, and so the smoke run.
 */
public final class SameNetwork {
    private SameNetwork() {
    }

    /**
     * Returns a one-line confirmation naming {@code builder}; throws if the configurations differ, quoting the first
     * line where they part.
     */
    public static String require(MultiLayerNetwork shown, MultiLayerNetwork fromJar, String builder) {
        return require(shown.getLayerWiseConfigurations().toJson(), fromJar.getLayerWiseConfigurations().toJson(),
                shown.numParams(), builder);
    }

    /** As above, for two graphs. */
    public static String require(ComputationGraph shown, ComputationGraph fromJar, String builder) {
        return require(shown.getConfiguration().toJson(), fromJar.getConfiguration().toJson(), shown.numParams(),
                builder);
    }

    private static String require(String a, String b, long parameters, String builder) {
        if (a.equals(b)) {
            return "same configuration as " + builder + " (" + parameters + " parameters)";
        }
        String[] left = a.split("\n");
        String[] right = b.split("\n");
        int line = 0;
        while (line < Math.min(left.length, right.length) && left[line].equals(right[line])) {
            line++;
        }
        throw new IllegalStateException("the network built in this notebook differs from " + builder
                + " at line " + (line + 1) + " of their JSON configurations: notebook '"
                + (line < left.length ? left[line].strip() : "<end>") + "', jar '"
                + (line < right.length ? right[line].strip() : "<end>")
                + "'. Change one of them so that both build the same network.");
    }
}
