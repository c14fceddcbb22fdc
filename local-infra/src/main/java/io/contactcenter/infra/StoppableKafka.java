package io.contactcenter.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A real single-node KRaft broker, separate from the shared one, that a test can stop and start again on the same
 * address with its data kept: for "Kafka goes away mid-test, then comes back" checks. Close it when done.
 */
public final class StoppableKafka implements AutoCloseable {

    private static final String HOST = "127.0.0.1";

    private final int port;
    private final int controllerPort;
    private final Path dataDirectory;
    private PersistentKafka running;

    private StoppableKafka(int port, int controllerPort, Path dataDirectory) {
        this.port = port;
        this.controllerPort = controllerPort;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a broker on two free loopback ports with throw-away storage. */
    public static StoppableKafka start() {
        KafkaExitGuard.install();
        try {
            Path data = TemporaryFolders.create("stoppable-kafka");
            StoppableKafka kafka = new StoppableKafka(freePort(), freePort(), data.resolve("data"));
            kafka.startBroker();
            return kafka;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public synchronized boolean isRunning() {
        return running != null;
    }

    /** Stops the broker; clients see it gone until {@link #startBroker()}. */
    public synchronized void stopBroker() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** (Re)starts the broker on the same address with the same data. */
    public synchronized void startBroker() {
        if (running == null) {
            running = PersistentKafka.start(HOST, port, controllerPort, dataDirectory, LocalInfra.TEST_PARTITIONS);
        }
    }

    @Override
    public void close() {
        stopBroker();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
    }
}
