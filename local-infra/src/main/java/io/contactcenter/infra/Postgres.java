package io.contactcenter.infra;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * A real PostgreSQL server, either started here (zonky embedded binaries, which also work as root) or one
 * that already runs (from {@code DB_URL}). Knows how to give each service a database of its own.
 */
public final class Postgres implements AutoCloseable {

    private final EmbeddedPostgres embedded;
    private final String serverUrl;
    private final String user;
    private final String password;

    private Postgres(EmbeddedPostgres embedded, String serverUrl, String user, String password) {
        this.embedded = embedded;
        this.serverUrl = serverUrl;
        this.user = user;
        this.password = password;
    }

    /** Starts a server; {@code dataDirectory} null means a throw-away one, {@code port} 0 a random port. */
    static Postgres start(Path dataDirectory, int port) {
        try {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setPGStartupWait(Duration.ofSeconds(60))
                    .setServerConfig("max_connections", "300");
            if (port > 0) {
                builder.setPort(port);
            }
            if (dataDirectory != null) {
                builder.setDataDirectory(dataDirectory.toAbsolutePath()).setCleanDataDirectory(false);
            }
            EmbeddedPostgres embedded = builder.start();
            String url = "jdbc:postgresql://localhost:" + embedded.getPort() + "/";
            return new Postgres(embedded, url, "postgres", "");
        } catch (IOException e) {
            throw new IllegalStateException("PostgreSQL did not start: " + e.getMessage(), e);
        }
    }

    /** A server that already runs; {@code jdbcUrl} names any database on it. */
    static Postgres external(String jdbcUrl, String user, String password) {
        return new Postgres(null, jdbcUrl, user, password == null ? "" : password);
    }

    /** Whether this server was started here (and stops with {@link #close()}). */
    boolean isEmbedded() {
        return embedded != null;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    /**
     * The JDBC URL of database {@code name}, created when missing. For an external server the URL given is used
     * as it is: whoever set {@code DB_URL} chose the database.
     */
    public String database(String name) {
        if (!isEmbedded()) {
            return serverUrl;
        }
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", user, password);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, name);
            try (ResultSet rows = exists.executeQuery()) {
                if (!rows.next()) {
                    try (Statement create = connection.createStatement()) {
                        create.execute("create database \"" + name.replace("\"", "") + "\"");
                    }
                }
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created meanwhile by another caller
                throw new IllegalStateException("could not create database " + name + ": " + e.getMessage(), e);
            }
        }
        return serverUrl + name;
    }

    @Override
    public void close() {
        if (embedded != null) {
            try {
                embedded.close();
            } catch (IOException e) {
                throw new IllegalStateException("PostgreSQL did not stop cleanly", e);
            }
        }
    }
}
