package io.contactcenter.simulator.engine;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;

import io.contactcenter.simulator.config.SimulatorConfig;

/** Simulated time: {@code factor} simulated seconds pass per real second. */
@ApplicationScoped
public class SimClock {

    private final long startNanos = System.nanoTime();
    private volatile double factor;
    private volatile double simAtChange;
    private volatile long nanosAtChange = startNanos;
    private final ScheduledExecutorService timer = Executors.newScheduledThreadPool(1, r -> {
        Thread t = new Thread(r, "sim-timer");
        t.setDaemon(true);
        return t;
    });

    public SimClock(SimulatorConfig config) {
        this.factor = validFactor(config.timeFactor());
    }

    private static double validFactor(double factor) {
        if (!(factor > 0) || factor > 1000) {
            throw new IllegalArgumentException("time factor must be > 0 and <= 1000, was " + factor);
        }
        return factor;
    }

    public double factor() {
        return factor;
    }

    public synchronized void factor(double newFactor) {
        double valid = validFactor(newFactor);
        simAtChange = simSeconds();
        nanosAtChange = System.nanoTime();
        factor = valid;
    }

    /** Simulated seconds since start. */
    public synchronized double simSeconds() {
        return simAtChange + (System.nanoTime() - nanosAtChange) / 1e9 * factor;
    }

    /** Real milliseconds that {@code simSeconds} take now. */
    public long realMillis(double simSeconds) {
        return Math.max(0, Math.round(simSeconds * 1000 / factor));
    }

    /** Runs {@code task} once {@code simSeconds} of simulated time have passed (at today's factor). */
    public void after(double simSeconds, Runnable task) {
        timer.schedule(task, realMillis(simSeconds), TimeUnit.MILLISECONDS);
    }

    @PreDestroy
    void stop() {
        timer.shutdownNow();
    }
}
