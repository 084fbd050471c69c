package org.rapaio.jupyter.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import java.util.logging.LogManager;
import java.util.logging.Logger;

import org.rapaio.jupyter.kernel.channels.Channels;
import org.rapaio.jupyter.kernel.channels.LoopThread;
import org.rapaio.jupyter.kernel.core.ConnectionProperties;
import org.rapaio.jupyter.kernel.core.RapaioKernel;
import org.rapaio.jupyter.kernel.core.Transform;
import org.rapaio.jupyter.kernel.install.Installer;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's entry point (same public members: {@link #kernel}, which the kernel's
 * {@code Global.display} uses, and {@link #main}). One difference, the start-up fix described in {@link LoopThread}:
 * the channel loops read their sockets only once {@code Channels.connect} has registered the message handlers.
 */
public class MainApp {

    private static final Logger LOGGER = Logger.getLogger(MainApp.class.getSimpleName());

    public static final RapaioKernel kernel = new RapaioKernel();

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            throw new IllegalArgumentException("Start the kernel with a connection file, or with -i to run its installer.");
        }
        if (args[0].equals("-i")) {
            new Installer().install(Arrays.copyOfRange(args, 1, args.length));
            return;
        }
        runKernel(Path.of(args[0]));
    }

    private static void runKernel(Path connectionFile) throws IOException, GeneralSecurityException {
        LogManager.getLogManager().readConfiguration(MainApp.class.getClassLoader().getResourceAsStream("logging.properties"));
        if (!Files.isRegularFile(connectionFile)) {
            throw new IllegalArgumentException("Connection file '" + connectionFile + "' isn't a file.");
        }
        String contents = Files.readString(connectionFile, StandardCharsets.UTF_8);
        ConnectionProperties connection = Transform.fromJson(contents, ConnectionProperties.class);
        if ("ipc".equals(connection.transport())) {
            LOGGER.severe("ipc transport is not supported by rapaio-jupyter-kernel; use tcp.");
        }
        Channels channels = new Channels(connection);
        channels.connect(kernel);
        LoopThread.openAll();
        channels.joinUntilClose();
    }
}
