package org.agentcellphone.store;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;

/** The whole swarm's queue, from the shared database: per host of the recipients, the entries in each state. */
public final class SharedStats {

    private SharedStats() {
    }

    /** Host → counts ({@code waiting}, {@code waiting_urgent}, {@code held}, {@code delivered}, {@code dead}) and the
     * oldest waiting entry's acceptance time; recipients on every host are under {@code any}. */
    public static Map<String, Map<String, Object>> read(DataSource db) throws IOException {
        Map<String, Map<String, Object>> hosts = new TreeMap<>();
        try (Connection c = db.getConnection(); PreparedStatement q = c.prepareStatement(
                "SELECT coalesce(host, 'any'), "
                        + "count(*) FILTER (WHERE state = 'waiting'), "
                        + "count(*) FILTER (WHERE state = 'waiting' AND urgent), "
                        + "count(*) FILTER (WHERE state = 'held'), "
                        + "count(*) FILTER (WHERE state = 'delivered'), "
                        + "count(*) FILTER (WHERE state = 'dead'), "
                        + "min(accepted_at) FILTER (WHERE state = 'waiting') "
                        + "FROM entries GROUP BY 1 ORDER BY 1");
             ResultSet r = q.executeQuery()) {
            while (r.next()) {
                Map<String, Object> counts = new LinkedHashMap<>();
                counts.put("waiting", r.getLong(2));
                counts.put("waiting_urgent", r.getLong(3));
                counts.put("held", r.getLong(4));
                counts.put("delivered", r.getLong(5));
                counts.put("dead", r.getLong(6));
                Timestamp oldest = r.getTimestamp(7);
                counts.put("oldest_waiting", oldest == null ? null : oldest.toInstant().toString());
                hosts.put(r.getString(1), counts);
            }
        } catch (SQLException e) {
            throw new PostgresStore.Unavailable(e);
        }
        return hosts;
    }
}
