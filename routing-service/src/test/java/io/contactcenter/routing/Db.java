package io.contactcenter.routing;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;

/** Reads (and for staged faults, changes) the routing schema directly. */
final class Db {

    private Db() {
    }

    /** The call's routing state, "" when the call is unknown. */
    static String state(DataSource dataSource, String callId) {
        return single(dataSource, "select state from routing.routed_call where call_id = ?", callId);
    }

    static int count(DataSource dataSource, String sql, String callId) {
        String value = single(dataSource, sql, callId);
        return value.isEmpty() ? 0 : Integer.parseInt(value);
    }

    /** Changes the routing schema directly (to stage what a crash or lost events leave); returns the rows changed. */
    static int update(DataSource dataSource, String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            return statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    static String single(DataSource dataSource, String sql, String parameter) {
        try (Connection connection = dataSource.getConnection();
                PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setString(1, parameter);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() ? rows.getString(1) : "";
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
