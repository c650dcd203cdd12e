package org.agentcellphone.router;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.agentcellphone.config.Settings;

/** The connection pool to the shared database, from the {@code cellphone.store.*} settings. */
final class SharedDatabase {

    private SharedDatabase() {
    }

    static HikariDataSource pool(Settings settings) {
        String url = settings.text("cellphone.store.url");
        if (!url.startsWith("jdbc:postgresql:")) {
            throw new Settings.Invalid("setting cellphone.store.url must be a PostgreSQL JDBC URL such as "
                    + "jdbc:postgresql://db.example:5432/cellphone, not '" + url + "'");
        }
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
}
