package io.contactcenter.bench;

import io.contactcenter.infra.ServiceProcess;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A packaged app run as its own process, configured only through environment variables (as the system tests'
 * {@code ContactCenter} does with local-infra's {@code ServiceProcess}), with what the benchmark needs on top:
 * the pid for {@code /proc}, and the time from {@code exec} to the first {@code /q/health/ready} that says UP.
 */
public final class Proc implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    final String name;
    final int port;
    final Path log;
    private final Process process;
    private final long startedNanos;
    private double readyMillis = Double.NaN;

    private Proc(String name, int port, Path log, Process process, long startedNanos) {
        this.name = name;
        this.port = port;
        this.log = log;
        this.process = process;
        this.startedNanos = startedNanos;
    }

    /** Starts {@code java <jvmOptions> -jar jar} with {@code environment} plus {@code QUARKUS_HTTP_PORT}. */
    public static Proc startJar(String name, Path jar, List<String> jvmOptions, Map<String, String> environment,
            int port, Path logs) {
        Map<String, String> env = new java.util.HashMap<>(environment);
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return start(name, ServiceProcess.javaProcess(jar, jvmOptions), env, port, logs);
    }

    public static Proc start(String name, List<String> command, Map<String, String> environment, int port, Path logs) {
        return start(name, new ProcessBuilder(command), environment, port, logs);
    }

    private static Proc start(String name, ProcessBuilder builder, Map<String, String> environment, int port, Path logs) {
        try {
            Files.createDirectories(logs);
            Path log = logs.resolve(name + ".log").toAbsolutePath();
            builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
            builder.environment().putAll(environment);
            long started = System.nanoTime();
            return new Proc(name, port, log, builder.start(), started);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Milliseconds from exec to ready (NaN before {@link #awaitReady}). */
    public double readyMillis() {
        return readyMillis;
    }

    /** Polls {@code /q/health/ready} every 20 ms until it answers 200. */
    public Proc awaitReady(Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<Void> ready = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    readyMillis = (System.nanoTime() - startedNanos) / 1_000_000.0;
                    return this;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(20);
        }
        throw new IllegalStateException(name + " not ready within " + within + ", see " + log);
    }

    /** Waits until a line of the log contains {@code marker}; returns that line. */
    public String awaitLogLine(String marker, Duration within) {
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(name + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                for (String line : Files.readAllLines(log)) {
                    if (line.contains(marker)) {
                        readyMillis = (System.nanoTime() - startedNanos) / 1_000_000.0;
                        return line;
                    }
                }
            } catch (IOException | java.io.UncheckedIOException e) {
                // not written yet
            }
            sleep(100);
        }
        throw new IllegalStateException(name + " did not print " + marker + " within " + within + ", see " + log);
    }

    public String name() {
        return name;
    }

    /** SIGTERM, without waiting (see {@link #close}). */
    public void terminate() {
        process.destroy();
    }

    /** SIGTERM, then SIGKILL after 20 s. */
    @Override
    public void close() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
