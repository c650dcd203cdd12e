package org.agentcellphone.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.agentcellphone.config.Settings;
import org.postgresql.ds.PGSimpleDataSource;

/** Connections to the shared database, from the {@code cellphone.store.*} settings. */
public final class SharedDatabase {

    private SharedDatabase() {
    }

    /** The router's pool: connections kept open for its lanes, intake and poll. */
    public static HikariDataSource pool(Settings settings) {
        String url = url(settings);
        HikariConfig config = new HikariConfig();
        config.setPoolName("cellphone-store");
        config.setJdbcUrl(url);
        config.setUsername(settings.text("cellphone.store.user"));
        config.setPassword(settings.text("cellphone.store.password"));
        config.setMaximumPoolSize((int) settings.number("cellphone.store.pool-size"));
        // a router starts while its database is down (drops wait in the spool) and waits briefly for a connection,
        // so a database that went away is noticed in seconds, not minutes
        config.setInitializationFailTimeout(-1);
        config.setConnectionTimeout(3_000);
        config.setValidationTimeout(2_000);
        config.addDataSourceProperty("connectTimeout", "3");
        config.addDataSourceProperty("socketTimeout", "30");
        config.addDataSourceProperty("tcpKeepAlive", "true");
        return new HikariDataSource(config);
    }

    /** A command's: one connection per use, nothing kept (a command asks once or twice, then ends). */
    public static PGSimpleDataSource direct(Settings settings) {
        PGSimpleDataSource source = new PGSimpleDataSource();
        source.setURL(url(settings));
        source.setUser(settings.text("cellphone.store.user"));
        source.setPassword(settings.text("cellphone.store.password"));
        source.setConnectTimeout(3);
        source.setSocketTimeout(30);
        return source;
    }

    /**
     * The shared store as an operator's command or the console acts on it (hold, release, requeue, delete), or null
     * on one machine. {@code hostOf}: the host of a recipient (the roster's {@code host:}), null for any.
     */
    public static PostgresStore storeForCommands(Settings settings, java.util.function.Function<String, String> hostOf) {
        return settings.sharedStore() ? new PostgresStore(direct(settings), settings.host(), hostOf,
                new org.agentcellphone.model.AcceptanceClock()) : null;
    }

    private static String url(Settings settings) {
        String url = settings.text("cellphone.store.url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new Settings.Invalid("setting cellphone.store.url must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://db.example:5432/cellphone, not '" + url + "'");
        }
        return url;
    }
}
