package org.rapaio.jupyter.kernel.channels;

import org.junit.jupiter.api.Test;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The kernel patch's loop: nothing read before the handlers exist, and one failing message does not end it. */
class LoopThreadTest {

    @Test
    void waitsForTheHandlersThenSurvivesAnIsolatedFailure() throws InterruptedException {
        AtomicInteger iterations = new AtomicInteger();
        CountDownLatch three = new CountDownLatch(3);
        LoopThread loop = new LoopThread("test-loop", 1, () -> {
            three.countDown();
            if (iterations.incrementAndGet() == 1) {
                throw new IllegalStateException("a malformed message");
            }
        });
        loop.start();
        Thread.sleep(200);
        assertEquals(0, iterations.get(), "the loop read its socket before the handlers were registered");
        LoopThread.openAll();
        assertTrue(three.await(60, TimeUnit.SECONDS), "the loop stopped after one failing iteration");
        loop.shutdown();
        loop.join();
    }
}
