package dev.stallkeeper.it.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Direct reads of the application's database, to assert what the server stored (or did not). */
public final class Db {

    private Db() {
    }

    public static Connection connect() throws SQLException {
        return DriverManager.getConnection(System.getProperty("it.db.url"), System.getProperty("it.db.user"),
                System.getProperty("it.db.password", ""));
    }

    public static long count(String sql, Object... params) {
        Object v = value(sql, params);
        return v == null ? 0 : ((Number) v).longValue();
    }

    public static Object value(String sql, Object... params) {
        List<Map<String, Object>> rows = rows(sql, params);
        return rows.isEmpty() ? null : rows.get(0).values().iterator().next();
    }

    public static List<Map<String, Object>> rows(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                List<Map<String, Object>> out = new ArrayList<>();
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    Map<String, Object> row = new LinkedHashMap<>();
                    for (int i = 1; i <= n; i++) {
                        Object value = rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP
                                || rs.getMetaData().getColumnType(i) == java.sql.Types.TIMESTAMP_WITH_TIMEZONE
                                ? rs.getObject(i, java.time.OffsetDateTime.class) : rs.getObject(i);
                        row.put(rs.getMetaData().getColumnLabel(i), value);
                    }
                    out.add(row);
                }
                return out;
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    public static int update(String sql, Object... params) {
        try (Connection c = connect(); PreparedStatement ps = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                ps.setObject(i + 1, params[i]);
            }
            return ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(sql + ": " + e.getMessage(), e);
        }
    }

    /** Row counts of every production table, to show that debug traffic touched none. */
    public static Map<String, Long> productionCounts() {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : List.of("instance", "instance_event", "instance_order", "work_item", "order_line", "tenant")) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table));
        }
        return counts;
    }
}
