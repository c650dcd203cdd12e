package org.agentcellphone.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;

/**
 * The shared database's schema, as versioned SQL files ({@code db/postgresql/NNN-name.sql}) applied in order, each
 * once, in one transaction with its entry in {@code cellphone_schema}. Routers starting together take turns under
 * an advisory lock; a database newer than this router is refused rather than written to.
 */
public final class SharedSchema {

    /** Every migration, oldest first; a new one is appended, never edited once released. */
    static final List<String> MIGRATIONS = List.of("001-entries", "002-tasks", "003-shared-records",
            "004-receipts-time");

    /** Any constant of our own: the advisory lock's key. */
    private static final long LOCK = 0x63656c6c70686fL;

    private SharedSchema() {
    }

    /** Brings the schema up to date; returns how many migrations this call applied. */
    public static int migrate(DataSource db) throws SQLException, IOException {
        try (Connection c = db.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK + ")");
                s.execute("CREATE TABLE IF NOT EXISTS cellphone_schema (version integer PRIMARY KEY, "
                        + "name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())");
                int current = 0;
                try (ResultSet r = s.executeQuery("SELECT coalesce(max(version), 0) FROM cellphone_schema")) {
                    r.next();
                    current = r.getInt(1);
                }
                if (current > MIGRATIONS.size()) {
                    throw new SQLException("the database's schema is version " + current + ", newer than this "
                            + "router's " + MIGRATIONS.size() + ": upgrade this router");
                }
                int applied = 0;
                for (int version = current + 1; version <= MIGRATIONS.size(); version++) {
                    String name = MIGRATIONS.get(version - 1);
                    s.execute(sql(name));
                    s.execute("INSERT INTO cellphone_schema (version, name) VALUES (" + version + ", '" + name + "')");
                    applied++;
                }
                c.commit();
                return applied;
            } catch (SQLException | IOException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        }
    }

    private static String sql(String name) throws IOException {
        try (InputStream in = SharedSchema.class.getResourceAsStream("/db/postgresql/" + name + ".sql")) {
            if (in == null) {
                throw new IOException("migration " + name + " is missing from the program");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
