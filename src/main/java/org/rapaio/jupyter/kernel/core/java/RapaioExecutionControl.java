package org.rapaio.jupyter.kernel.core.java;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.SPIResolutionException;

/**
 * Stands in for rapaio-jupyter-kernel 3.0.1's execution control (same constructor, constants and public methods),
 * which runs each snippet on an engine thread and waits for it. Its {@link #stop()}, which JShell calls to stop the
 * running evaluation and the kernel calls on every interrupt, shut the engine's thread pool down for good: after one
 * interrupt every later cell ended at once, silently, without running. Here {@code stop()} cancels the running
 * evaluation (its thread is interrupted, and the waiting cell ends with the kernel's "interrupted" error at once) and
 * only {@link #close()}, when the kernel shuts down, ends the pool. Code that never looks at its thread's interrupt
 * flag keeps running in the background; the course's training loop looks at it after every step
 * (unsupervised.training.TrainingLoop#stopIfInterrupted), and every training, GAN, DEC and k-means run goes through it.
 */
public class RapaioExecutionControl extends DirectExecutionControl {

    public static final String TIMEOUT_MARKER = "## Timeout Marker ##";
    public static final String INTERRUPTED_MARKER = "## Interrupted Marker ##";
    private static final AtomicInteger ID = new AtomicInteger(0);

    private final ExecutorService executor;
    private final long timeoutTime;
    private final Map<String, Future<Object>> running = new ConcurrentHashMap<>();
    private final Map<String, Object> results = new ConcurrentHashMap<>();

    public RapaioExecutionControl(long timeoutTime) {
        this.timeoutTime = timeoutTime;
        this.executor = Executors.newCachedThreadPool(r -> new Thread(r, "Engine-thread-" + ID.getAndIncrement()));
    }

    public long getTimeout() {
        return timeoutTime;
    }

    public Object takeResult(String key) {
        Object result = results.remove(key);
        if (result == null) {
            throw new IllegalStateException("No result with key: " + key);
        }
        return result;
    }

    @Override
    protected String invoke(Method methodCall) throws Exception {
        String id = UUID.randomUUID().toString();
        results.put(id, execute(id, methodCall));
        return id;
    }

    private Object execute(String id, Method methodCall) throws Exception {
        Future<Object> task = executor.submit(() -> methodCall.invoke(null));
        running.put(id, task);
        try {
            return timeoutTime > 0 ? task.get(timeoutTime, TimeUnit.MILLISECONDS) : task.get();
        } catch (CancellationException e) {
            throw new UserException("Execution interrupted.", INTERRUPTED_MARKER, e.getStackTrace());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof InvocationTargetException ? e.getCause().getCause() : e.getCause();
            if (cause == null) {
                throw new UserException("null", "Unknown Invocation Exception", e.getStackTrace());
            }
            if (cause instanceof SPIResolutionException unresolved) {
                throw new ResolutionException(unresolved.id(), cause.getStackTrace());
            }
            throw new UserException(cause.getMessage(), cause.getClass().getName(), cause.getStackTrace());
        } catch (TimeoutException e) {
            task.cancel(true);
            throw new UserException("Execution timed out", TIMEOUT_MARKER, e.getStackTrace());
        } finally {
            running.remove(id, task);
        }
    }

    /** Cancels the running evaluation: its thread is interrupted and the cell waiting for it returns. */
    public void interrupt() {
        running.values().forEach(task -> task.cancel(true));
    }

    @Override
    public void stop() {
        interrupt();
    }

    @Override
    public void close() {
        executor.shutdownNow();
        super.close();
    }
}
