package org.rapaio.jupyter.kernel.channels;

import java.util.concurrent.CountDownLatch;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's LoopThread, the polling loop of its shell, control and heartbeat
 * channels (the patch jar comes first on the kernel's class path; see pom.xml and the kernelspec in setup.sh).
 * Scope: start-up and failure handling of those loops; what each loop does with a message is the kernel's own code.
 * <ul>
 *   <li><b>No message is lost at start-up.</b> {@code Channels.connect} binds the sockets and starts these loops
 *       before it registers the message handlers, so a {@code kernel_info_request} arriving meanwhile was taken off
 *       the socket and dropped ("Unhandled message", or a NullPointerException on the missing handler map). A Jupyter
 *       server sends that request once and waits 60 s for the reply. Here a loop does not touch its socket until
 *       {@link #openAll()} is called, which our {@code MainApp} does once {@code connect} has returned: until then
 *       ZeroMQ keeps incoming messages queued.</li>
 *   <li>{@code running} was set after {@code Thread.start()}, so a loop could read {@code false} and end at once.</li>
 *   <li><b>Failures stay visible.</b> An exception escaping an iteration used to end the loop's thread, leaving a
 *       kernel that never answers. Here it is logged with its stack trace (the kernel's log goes to the Jupyter server's
 *       log) and the loop goes on, since one malformed message should not end a session; a loop that fails
 *       {@value #MAX_FAILURES_IN_A_ROW} iterations in a row cannot recover, so it ends the kernel process, which
 *       Jupyter then reports as a dead kernel.</li>
 * </ul>
 * Same constructor and public methods as the original, which the kernel's channels call.
 */
public final class LoopThread extends Thread {
    static final int MAX_FAILURES_IN_A_ROW = 10;
    private static final Logger LOGGER = Logger.getLogger(LoopThread.class.getSimpleName());
    private static final CountDownLatch HANDLERS_REGISTERED = new CountDownLatch(1);

    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    /** Lets every loop, started or not, read its socket: called once the kernel can handle every message type. */
    public static void openAll() {
        HANDLERS_REGISTERED.countDown();
    }

    @Override
    public void run() {
        try {
            HANDLERS_REGISTERED.await();
        } catch (InterruptedException e) {
            return;
        }
        int failuresInARow = 0;
        while (running) {
            try {
                loopBody.run();
                failuresInARow = 0;
            } catch (RuntimeException e) {
                if (!running) {
                    return; // the channel is closing and its socket went away under us
                }
                failuresInARow++;
                LOGGER.log(Level.SEVERE, getName() + ": message loop failed (" + failuresInARow + " in a row)", e);
                if (failuresInARow >= MAX_FAILURES_IN_A_ROW) {
                    LOGGER.severe(getName() + ": giving up; the kernel exits so that Jupyter reports it dead");
                    System.exit(1);
                }
            }
            try {
                Thread.sleep(sleep);
            } catch (InterruptedException e) {
                running = false;
                return;
            }
        }
    }

    @Override
    public synchronized void start() {
        running = true;
        super.start();
    }

    public void shutdown() {
        running = false;
    }
}
