package io.contactcenter.bench;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Transactions committed in each service's database ({@code pg_stat_database.xact_commit}): the work per call the
 * services ask of PostgreSQL, which the host's speed changes less than CPU time. Not only the calls' work, though:
 * the loops' idle polls count too, so a point that takes longer counts more (repeats of one build differ by up to a
 * quarter). PostgreSQL publishes a backend's counts at its transactions' end at most once a second (an idle one's
 * within seconds), so a point's count may also miss its last second.
 */
final class Transactions {

    static final List<String> DATABASES = List.of("directory", "routing", "survey");

    private final String serverUrl;

    /** {@code serverUrl}: the server's JDBC URL without a database ({@code jdbc:postgresql://host:port/}). */
    Transactions(String serverUrl) {
        this.serverUrl = serverUrl;
    }

    /** Committed transactions so far, by database. */
    Map<String, Long> committed() {
        Map<String, Long> committed = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(serverUrl + "postgres", "postgres", "");
                PreparedStatement query = connection.prepareStatement(
                        "select datname, xact_commit from pg_stat_database where datname = any (?) order by datname")) {
            Array names = connection.createArrayOf("varchar", DATABASES.toArray());
            query.setArray(1, names);
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    committed.put(rows.getString(1), rows.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read pg_stat_database: " + e.getMessage(), e);
        }
        return committed;
    }

    /** What was committed since {@code before}, by database. */
    Map<String, Long> since(Map<String, Long> before) {
        Map<String, Long> delta = new LinkedHashMap<>();
        committed().forEach((database, now) -> delta.put(database, now - before.getOrDefault(database, 0L)));
        return delta;
    }
}
