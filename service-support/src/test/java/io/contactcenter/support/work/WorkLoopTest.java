package io.contactcenter.support.work;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class WorkLoopTest {

    private static final Duration NEVER_BY_ITSELF = Duration.ofHours(1);

    @Test
    void aWakeUpRunsAPassAtOnceWithoutWaitingForTheIdleInterval() throws Exception {
        Semaphore passes = new Semaphore(0);
        WorkLoop loop = new WorkLoop("test", 1, NEVER_BY_ITSELF);
        loop.start(() -> {
            passes.release();
            return false;
        });
        try {
            assertTrue(passes.tryAcquire(5, TimeUnit.SECONDS), "the first pass runs at start");
            loop.wake();
            assertTrue(passes.tryAcquire(5, TimeUnit.SECONDS), "a wake-up runs a pass");
            assertEquals(0, passes.availablePermits());
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void passesRepeatWhileMoreMayBeDueAndTheLoopSurvivesAFailingPass() throws Exception {
        AtomicInteger backlog = new AtomicInteger(50);
        AtomicInteger failures = new AtomicInteger();
        Semaphore drained = new Semaphore(0);
        WorkLoop loop = new WorkLoop("test", 3, NEVER_BY_ITSELF);
        loop.start(() -> {
            if (failures.getAndIncrement() == 0) {
                throw new IllegalStateException("the database is away");
            }
            int left = backlog.getAndUpdate(n -> Math.max(0, n - 1));
            if (left == 1) {
                drained.release();
            }
            return left > 1; // this pass's batch is one item: more may be due while any is left
        });
        try {
            loop.wake(); // the thread whose first pass failed waits; a wake-up brings it back
            assertTrue(drained.tryAcquire(10, TimeUnit.SECONDS), "the backlog is worked off without further wake-ups");
            assertEquals(0, backlog.get());
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    /**
     * Each pass is a transaction: one that took less than its batch saw all that was due, so neither it nor a sibling
     * looks again until new work wakes the loop (before, every pass that did work was followed by one or two more).
     */
    @Test
    void aPassThatSawAllThatWasDueIsNotRepeated() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        WorkLoop loop = new WorkLoop("test", 3, NEVER_BY_ITSELF);
        loop.start(() -> {
            passes.incrementAndGet();
            return false; // did some work, less than a batch
        });
        try {
            await(() -> passes.get() == 3); // each thread's first pass at start
            loop.wake();
            await(() -> passes.get() == 4);
            Thread.sleep(300); // room for passes that should not come
            assertEquals(4, passes.get(), "one pass per wake-up");
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void theFirstThreadLooksByItselfEveryIdleInterval() throws Exception {
        Semaphore passes = new Semaphore(0);
        WorkLoop loop = new WorkLoop("test", 2, Duration.ofMillis(50));
        loop.start(() -> {
            passes.release();
            return false;
        });
        try {
            assertTrue(passes.tryAcquire(10, 5, TimeUnit.SECONDS), "idle passes keep coming without wake-ups");
        } finally {
            loop.stop(Duration.ofSeconds(5));
        }
    }

    @Test
    void stopEndsEveryThread() throws Exception {
        AtomicInteger passes = new AtomicInteger();
        CountDownLatch underWay = new CountDownLatch(4);
        WorkLoop loop = new WorkLoop("test-stop", 2, Duration.ofMillis(10));
        loop.start(() -> {
            passes.incrementAndGet();
            underWay.countDown();
            return false;
        });
        assertTrue(underWay.await(5, TimeUnit.SECONDS), "the loop passes before it is stopped");
        loop.stop(Duration.ofSeconds(5));
        int after = passes.get();
        // no thread of the loop is left, so no pass can come later: nothing to wait for
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("test-stop-")));
        assertEquals(after, passes.get(), "no pass after stop");
    }

    @Test
    void stopWakesEveryIdleThreadAtOnce() {
        // a woken thread drains the wake-ups; stop's must still reach every sibling (routing took 16 s to stop)
        WorkLoop loop = new WorkLoop("test-idle-stop", 4, NEVER_BY_ITSELF);
        loop.start(() -> false);
        long started = System.nanoTime();
        loop.stop(Duration.ofSeconds(20));
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertTrue(tookMs < 2000, "stop took " + tookMs + " ms");
        assertTrue(Thread.getAllStackTraces().keySet().stream().noneMatch(t -> t.getName().startsWith("test-idle-stop-")));
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(10);
        }
    }
}
