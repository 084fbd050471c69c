package unsupervised.clustering;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * DL4J 1.0.0-M2.1's SameDiff prints "Added differentiated op NAME" to {@code System.out} for every op of a layer the
 * first time it differentiates it ({@code SameDiff.createGradFunction}): ten lines in the output of every notebook
 * cell that starts training a {@link ClusteringLayer}. {@link #dropped} runs a call with those lines taken out;
 * every other line goes on to the {@code System.out} of the moment, in order.
 */
final class SameDiffChatter {
    static final String LINE = "Added differentiated op ";

    private SameDiffChatter() {
    }

    /** {@code step} whose first call, the one that differentiates the clustering layer, runs {@link #dropped}. */
    static DeepEmbeddedClustering.Minibatch firstCallDropped(DeepEmbeddedClustering.Minibatch step) {
        boolean[] differentiated = {false};
        return (x, p) -> {
            if (differentiated[0]) {
                return step.train(x, p);
            }
            differentiated[0] = true;
            return dropped(() -> step.train(x, p));
        };
    }

    static synchronized <T> T dropped(Supplier<T> call) {
        PrintStream out = System.out;
        PrintStream filtered = new PrintStream(new LineFilter(out), true, StandardCharsets.UTF_8);
        System.setOut(filtered);
        try {
            return call.get();
        } finally {
            System.setOut(out);
            filtered.close(); // passes on a last line without its newline
        }
    }

    /** Holds each line until its newline, then passes it on unless it is SameDiff's. */
    private static final class LineFilter extends OutputStream {
        private static final byte[] PREFIX = LINE.getBytes(StandardCharsets.UTF_8);
        private final PrintStream out;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(PrintStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public void close() {
            emit();
        }

        private void emit() {
            byte[] bytes = line.toByteArray();
            line.reset();
            if (bytes.length < PREFIX.length || !Arrays.equals(bytes, 0, PREFIX.length, PREFIX, 0, PREFIX.length)) {
                out.write(bytes, 0, bytes.length);
                out.flush();
            }
        }
    }
}
