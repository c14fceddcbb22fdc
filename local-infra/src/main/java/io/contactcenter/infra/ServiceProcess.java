package io.contactcenter.infra;

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
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A packaged service ({@code target/quarkus-app/quarkus-run.jar}) run as its own process, configured through
 * environment variables as in Kubernetes, on a free port, with its output in a log file. For tests that restart
 * or kill services.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final String FREE_PORTS = "free-ports";
    private static final Set<Integer> HANDED_OUT = new HashSet<>();
    private static int nextPort; // guarded by HANDED_OUT

    /**
     * How the services' JVMs run where they share a few cores with each other, Kafka and PostgreSQL (a developer
     * machine, the tests, the benchmark): the client compiler only, whose code is ready in seconds (the server
     * compiler's threads kept compiling for minutes and starved every other process of CPU), and the serial
     * collector (no GC threads competing, less memory), with a small initial heap that grows under load (the
     * default initial heap, 1/64 of the machine's memory, capped at {@code -Xmx}, is touched by start-up garbage and
     * stays resident: about 55 MiB more per idle service). {@code deploy/local/run.sh} uses the same options.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms32m");

    private static final String CLASS_DATA_ARCHIVE = "app-cds.jsa";

    /**
     * A process builder for {@code java <jvmOptions> -jar quarkus-run.jar}, run in the jar's directory. When the build
     * wrote an application class-data archive next to the jar ({@code app-cds.jsa}, {@code quarkus.package.jar.aot.enabled})
     * it is used: classes are then mapped from it instead of being loaded, verified and parsed at every start. The
     * archive records the class path relative to that directory, hence the working directory and the relative jar.
     * Options that name an archive of their own (a recorded one) replace it.
     */
    public static ProcessBuilder javaProcess(Path jar, List<String> jvmOptions) {
        Path app = jar.toAbsolutePath();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(jvmOptions);
        boolean ownArchive = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:SharedArchiveFile=")
                || o.startsWith("-XX:ArchiveClassesAtExit="));
        if (!ownArchive && Files.isRegularFile(app.resolveSibling(CLASS_DATA_ARCHIVE))) {
            command.add("-XX:SharedArchiveFile=" + CLASS_DATA_ARCHIVE);
        }
        command.addAll(List.of("-jar", app.getFileName().toString()));
        return new ProcessBuilder(command).directory(app.getParent().toFile());
    }

    private final Path jar;
    private final Map<String, String> environment;
    private final Path log;
    private final int port;
    private Process process;

    private ServiceProcess(Path jar, Map<String, String> environment, Path log, int port) {
        this.jar = jar;
        this.environment = environment;
        this.log = log;
        this.port = port;
    }

    /** Starts the service on a free port and waits until {@code /q/health/ready} says UP. */
    public static ServiceProcess start(Path jar, Map<String, String> environment, Path log, Duration readyWithin) {
        return start(jar, environment, log, freePort(), readyWithin);
    }

    /** Starts the service on {@code port} (when others must know its URL first, see {@link #freePort()}). */
    public static ServiceProcess start(Path jar, Map<String, String> environment, Path log, int port,
            Duration readyWithin) {
        ServiceProcess service = launch(jar, environment, log, port);
        service.awaitReady(readyWithin);
        return service;
    }

    /**
     * Starts the service on {@code port} without waiting for it: several start side by side (a JVM's start is mostly
     * one thread), then {@link #awaitReady} waits for each.
     */
    public static ServiceProcess launch(Path jar, Map<String, String> environment, Path log, int port) {
        ServiceProcess service = new ServiceProcess(jar, Map.copyOf(environment), log, port);
        service.launch();
        return service;
    }

    public String url() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return log;
    }

    /** The running JVM's process id. */
    public long pid() {
        return process.pid();
    }

    /** Starts the process again (same port and environment) after {@link #kill()} or {@link #stop()}. */
    public void restart(Duration readyWithin) {
        launch();
        awaitReady(readyWithin);
    }

    private void launch() {
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            List<String> options = new ArrayList<>(List.of("-Xmx256m"));
            options.addAll(JVM_OPTIONS);
            ProcessBuilder builder = javaProcess(jar, options)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toAbsolutePath().toFile()));
            builder.environment().putAll(environment);
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            process = builder.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start " + jar + ": " + e.getMessage(), e);
        }
    }

    /** SIGKILL: no shutdown hook, no cleanup, as when a node dies. */
    public void kill() {
        process.destroyForcibly();
        waitForExit();
    }

    /** SIGTERM: a graceful stop. */
    public void stop() {
        process.destroy();
        waitForExit();
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            kill();
        }
    }

    private void waitForExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Waits until {@code /q/health/ready} says UP; kills the process and throws when it exits or is not in time. */
    public void awaitReady(Duration within) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + within.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException(jar + " exited with " + process.exitValue() + ", see " + log);
            }
            try {
                HttpResponse<String> ready = http.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.ofString());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException(jar + " not ready within " + within + ", see " + log);
    }

    /**
     * A port nothing listens on right now, and never handed out before by this JVM: a caller often picks several
     * ports before any process binds them, and the system may offer a port again as soon as its probe socket closes.
     * Where several JVMs pick ports at once (the system tests' forks), each is given a range of its own, outside the
     * system's ephemeral ports, in the system property {@code free-ports} ("first-last"); without it, the system
     * offers one.
     */
    public static int freePort() {
        synchronized (HANDED_OUT) {
            String range = System.getProperty(FREE_PORTS);
            for (int tries = 0; tries < 100_000; tries++) {
                int port = range == null ? bindable(0) : bindable(nextInRange(range));
                if (port > 0 && HANDED_OUT.add(port)) {
                    return port;
                }
            }
            throw new IllegalStateException("no free port" + (range == null ? "" : " in " + FREE_PORTS + "=" + range));
        }
    }

    /** The next port of the range, round and round (a port handed out long ago is bound, or free again, by then). */
    private static int nextInRange(String range) {
        String[] bounds = range.split("-");
        int first = Integer.parseInt(bounds[0].trim());
        int last = Integer.parseInt(bounds[1].trim());
        if (nextPort < first || nextPort > last) {
            nextPort = first;
            HANDED_OUT.clear();
        }
        return nextPort++;
    }

    /** The port (the system's choice for 0) when a socket can listen on it now, else 0. */
    private static int bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            return 0;
        }
    }
}
