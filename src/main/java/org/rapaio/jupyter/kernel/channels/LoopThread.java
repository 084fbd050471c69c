package org.rapaio.jupyter.kernel.channels;

/**
 * Replaces the kernel's own LoopThread (this class sits before the kernel jar on the kernel's class path) to fix
 * two start-up races of rapaio-jupyter-kernel 3.0.1 that leave a kernel that never answers:
 * <ul>
 *   <li>the shell socket is polled before the message handlers are registered, so an early
 *       {@code kernel_info_request} throws a NullPointerException that ended the shell thread for good; here a
 *       failing iteration is reported and the loop goes on (Jupyter clients repeat {@code kernel_info_request}
 *       until it is answered);</li>
 *   <li>{@code running} was set after {@code Thread.start()}, so a loop could see {@code false} and exit at once.</li>
 * </ul>
 * Same constructor and methods as the original, which the kernel's channels call.
 */
public final class LoopThread extends Thread {
    private volatile boolean running;
    private final long sleep;
    private final Runnable loopBody;

    public LoopThread(String name, long sleep, Runnable loopBody) {
        super(name);
        this.sleep = sleep;
        this.loopBody = loopBody;
    }

    @Override
    public void run() {
        while (running) {
            try {
                loopBody.run();
            } catch (RuntimeException e) {
                if (running) {
                    System.err.println("[unsupervised-java kernel fix] " + getName() + " survived: " + e);
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
