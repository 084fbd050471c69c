package unsupervised.models;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Starts a main class of the tests in a JVM of its own, on the tests' class path: what another notebook would be. */
public final class SecondJvm {
    private SecondJvm() {
    }

    /** The started process; its standard error goes into its standard output. */
    public static Process start(Class<?> main, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectErrorStream(true).start();
    }

    /** Runs {@code main} to its end and returns its output, failing if it exits non-zero. */
    public static String run(Class<?> main, String... args) throws IOException, InterruptedException {
        Process process = start(main, args);
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new AssertionError(main.getSimpleName() + " exited " + process.exitValue() + ":\n" + output);
        }
        return output;
    }
}
