package io.contactcenter.infra;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Path;

/**
 * A real PostgreSQL server, separate from the shared one, that a test can stop and start again on the same port with
 * its data kept: for "the database goes away mid-test, then comes back" checks. Close it when done.
 */
public final class StoppablePostgres implements AutoCloseable {

    private final int port;
    private final Path dataDirectory;
    private Postgres running;

    private StoppablePostgres(int port, Path dataDirectory) {
        this.port = port;
        this.dataDirectory = dataDirectory;
    }

    /** Starts a server on a free loopback port with throw-away storage. */
    public static StoppablePostgres start() {
        try {
            Path data = TemporaryFolders.create("stoppable-postgres");
            int port;
            try (ServerSocket socket = new ServerSocket(0)) {
                socket.setReuseAddress(true);
                port = socket.getLocalPort();
            }
            StoppablePostgres postgres = new StoppablePostgres(port, data.resolve("data"));
            postgres.startDatabase();
            return postgres;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The running server (its databases and URLs stay the same across a stop and start). */
    public synchronized Postgres postgres() {
        if (running == null) {
            throw new IllegalStateException("PostgreSQL is stopped");
        }
        return running;
    }

    /** Stops the server: open connections break, new ones are refused until {@link #startDatabase()}. */
    public synchronized void stopDatabase() {
        if (running != null) {
            running.close();
            running = null;
        }
    }

    /** (Re)starts the server on the same port with the same data. */
    public synchronized void startDatabase() {
        if (running == null) {
            running = Postgres.start(dataDirectory, port);
        }
    }

    @Override
    public void close() {
        stopDatabase();
    }
}
