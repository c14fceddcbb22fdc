package io.contactcenter.support.work;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.jboss.logging.Logger;

/**
 * Database-backed work (queue, tasks, outbox) run on its own threads: a thread runs a pass again at once while a pass
 * stopped at its batch limit (more may be due), else waits for a {@link #wake() wake-up} or the idle interval.
 * Whoever commits new work wakes the loop, so it is picked up at once instead of at a scheduler tick (Quarkus'
 * scheduler does not go below one second), and several threads can serve it in parallel (the passes lock rows with
 * {@code SKIP LOCKED}). A pass that took less than its batch found nothing more it could take, so it is not repeated
 * to find nothing (every pass is a transaction): work a pass makes due itself must wake the loop or make the pass
 * answer that more may be due, and rows it skipped as locked wait for their writer's wake-up or the idle interval.
 */
public final class WorkLoop {

    private static final Logger LOG = Logger.getLogger(WorkLoop.class);
    private static final Duration HELPER_IDLE_WAIT = Duration.ofMinutes(1);
    private static final long STOP_WAKE_UP_EVERY_MS = 50;

    private final String name;
    private final int threads;
    private final Duration idleInterval;
    private final Semaphore wakeUps = new Semaphore(0);
    private final List<Thread> running = new ArrayList<>();
    private volatile boolean stopping;

    public WorkLoop(String name, int threads, Duration idleInterval) {
        if (threads < 1) {
            throw new IllegalArgumentException(name + ": at least one thread");
        }
        this.name = name;
        this.threads = threads;
        this.idleInterval = idleInterval;
    }

    /**
     * Starts the threads; {@code pass} does some due work, at most a batch, and answers whether more may be due (it
     * stopped at its batch limit).
     */
    public synchronized void start(BooleanSupplier pass) {
        if (!running.isEmpty()) {
            return;
        }
        stopping = false;
        wakeUps.drainPermits(); // left over from a previous stop
        for (int i = 0; i < threads; i++) {
            // only the first thread looks on its own every idle interval; the others help when woken
            Duration idleWait = i == 0 ? idleInterval : HELPER_IDLE_WAIT;
            Thread thread = new Thread(() -> loop(pass, idleWait), name + "-" + i);
            thread.setDaemon(true);
            running.add(thread);
            thread.start();
        }
    }

    /**
     * Stops the threads, letting a pass in progress finish (up to {@code timeout}). The wake-ups are repeated while
     * it waits: a woken thread drains every wake-up there is, its idle siblings' included.
     */
    public synchronized void stop(Duration timeout) {
        stopping = true;
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread thread : running) {
            try {
                while (thread.isAlive() && System.nanoTime() < deadline) {
                    wakeUps.release(threads);
                    thread.join(STOP_WAKE_UP_EVERY_MS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        running.clear();
    }

    public String name() {
        return name;
    }

    /** Wakes this loop if the work was written for it. */
    public void wakeFor(WorkWritten written) {
        if (name.equals(written.loop())) {
            wake();
        }
    }

    /** Runs a pass soon (wake-ups while every thread is busy collapse into one more pass each). */
    public void wake() {
        if (wakeUps.availablePermits() < threads) {
            wakeUps.release();
        }
    }

    private void loop(BooleanSupplier pass, Duration idleWait) {
        while (!stopping) {
            boolean more;
            try {
                more = pass.getAsBoolean();
            } catch (RuntimeException e) {
                LOG.warnf(e, "%s pass failed; it runs again at the next wake-up or in %s", name, idleWait);
                more = false;
            }
            if (more) {
                if (threads > 1) {
                    wake(); // an idle sibling helps while there is work (a lone thread would only wake itself)
                }
                continue;
            }
            try {
                if (wakeUps.tryAcquire(idleWait.toMillis(), TimeUnit.MILLISECONDS)) {
                    wakeUps.drainPermits(); // one pass serves every wake-up that came before it
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
