package io.contactcenter.support.retention;

import io.contactcenter.support.PhoneNumbers;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The retention jobs' two kinds of work — mask the numbers of rows whose call is over, delete rows past their
 * retention — in bounded batches, each its own short transaction (never one huge one that holds locks and bloats the
 * log), run again while a batch came back full. Each batch locks its rows with {@code FOR UPDATE SKIP LOCKED}, so
 * replicas running the same job at once share the rows instead of waiting for each other.
 *
 * <p>A {@code condition} is SQL over the table's columns with exactly one {@code ?}: the instant before which a row is
 * due. Table, key, column and condition strings are the caller's constants, never input.
 */
public final class RetentionBatches {

    private final DataSource dataSource;
    private final int size;

    public RetentionBatches(DataSource dataSource, int size) {
        this.dataSource = dataSource;
        this.size = size;
    }

    /**
     * Masks ({@link PhoneNumbers#mask}) the {@code columns} of the rows matching {@code condition} that still hold a
     * number in clear; answers how many rows were masked. Masking a masked number changes nothing.
     */
    public int mask(String table, String key, List<String> columns, String condition, Instant before) {
        String inClear = columns.stream()
                .map(column -> "(" + column + " not like '%*%' and length(" + column + ") > 2)")
                .collect(Collectors.joining(" or ", "(", ")"));
        String select = "select " + key + ", " + String.join(", ", columns) + " from " + table + " where ("
                + condition + ") and " + inClear + " limit " + size + " for update skip locked";
        String update = "update " + table + " set " + columns.stream().map(column -> column + " = ?")
                .collect(Collectors.joining(", ")) + " where " + key + " = ?";
        return untilShort(connection -> {
            int masked = 0;
            try (PreparedStatement rows = connection.prepareStatement(select);
                    PreparedStatement change = connection.prepareStatement(update)) {
                rows.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        for (int i = 0; i < columns.size(); i++) {
                            change.setString(i + 1, PhoneNumbers.mask(row.getString(i + 2)));
                        }
                        change.setObject(columns.size() + 1, row.getObject(1));
                        change.addBatch();
                        masked++;
                    }
                }
                if (masked > 0) {
                    change.executeBatch();
                }
            }
            return masked;
        });
    }

    /**
     * Deletes the rows matching {@code condition}, each with the rows of {@code dependents} (tables whose
     * {@code key} column names it) first; answers how many rows of {@code table} were deleted.
     */
    public int delete(String table, String key, String condition, Instant before, List<String> dependents) {
        String select = "select " + key + " from " + table + " where (" + condition + ") limit " + size
                + " for update skip locked";
        return untilShort(connection -> {
            List<Object> keys = new ArrayList<>();
            try (PreparedStatement rows = connection.prepareStatement(select)) {
                rows.setObject(1, OffsetDateTime.ofInstant(before, ZoneOffset.UTC));
                try (ResultSet row = rows.executeQuery()) {
                    while (row.next()) {
                        keys.add(row.getObject(1));
                    }
                }
            }
            if (keys.isEmpty()) {
                return 0;
            }
            for (String dependent : dependents) {
                deleteKeys(connection, dependent, key, keys);
            }
            deleteKeys(connection, table, key, keys);
            return keys.size();
        });
    }

    private static void deleteKeys(Connection connection, String table, String key, List<Object> keys)
            throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(
                "delete from " + table + " where " + key + " = any (?)")) {
            Array array = connection.createArrayOf(sqlType(keys.get(0)), keys.toArray());
            delete.setArray(1, array);
            delete.executeUpdate();
        }
    }

    private static String sqlType(Object key) {
        return key instanceof UUID ? "uuid" : key instanceof Number ? "bigint" : "varchar";
    }

    private interface Batch {
        int run(Connection connection) throws SQLException;
    }

    /** Runs {@code batch} in transactions of its own until one handles fewer than {@code size} rows. */
    private int untilShort(Batch batch) {
        int total = 0;
        int handled;
        do {
            handled = inTransaction(batch);
            total += handled;
        } while (handled >= size);
        return total;
    }

    private int inTransaction(Batch batch) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                int handled = batch.run(connection);
                connection.commit();
                return handled;
            } catch (SQLException | RuntimeException e) {
                connection.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("retention batch failed: " + e.getMessage(), e);
        }
    }
}
