package org.agentcellphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Homes that stand for hosts sharing one PostgreSQL database: each its own folder, settings and router process.
 * The roster puts Agent-1…4 on host {@code one} and Agent-5…8 on host {@code two}.
 */
public final class SharedHosts {

    public static final String ROSTER = String.join("\n",
            "captain: Agent-4",
            "agents:",
            "  - {id: Agent-1, host: one}",
            "  - {id: Agent-2, host: one}",
            "  - {id: Agent-3, host: one}",
            "  - {id: Agent-4, host: one}",
            "  - {id: Agent-5, host: two}",
            "  - {id: Agent-6, host: two}",
            "  - {id: Agent-7, host: two}",
            "  - {id: Agent-8, host: two}",
            "");

    private SharedHosts() {
    }

    /** The host an agent of {@link #ROSTER} lives on. */
    public static String hostOf(String agent) {
        return Integer.parseInt(agent.substring(agent.indexOf('-') + 1)) <= 4 ? "one" : "two";
    }

    /** A home for host {@code host} on the database at {@code url}, with the test's own extra settings. */
    public static TestHome home(Path root, String host, String url, String extra) throws IOException {
        TestHome home = new TestHome(root, String.join("\n",
                "cellphone.store = postgresql",
                "cellphone.store.url = " + url,
                "cellphone.store.user = " + PostgresServer.USER,
                "cellphone.store.password = " + PostgresServer.PASSWORD,
                "cellphone.store.poll = 100ms",
                "cellphone.host = " + host,
                extra,
                ""));
        Files.writeString(root.resolve("config/agents.yaml"), ROSTER);
        return home;
    }

    /** A new database on the run's shared server. */
    public static String database() throws IOException, InterruptedException, SQLException {
        return PostgresServer.shared().newDatabase();
    }

    /** Every message id in the inboxes of the agents that live on {@code host}, with how often it is there. */
    public static Map<String, Integer> idsOnHost(TestHome home, String host) throws IOException {
        Map<String, Integer> seen = new HashMap<>();
        for (int a = 1; a <= 8; a++) {
            String agent = "Agent-" + a;
            if (hostOf(agent).equals(host)) {
                home.inboxIds(agent).forEach((id, n) -> seen.merge(id + "@" + agent, n, Integer::sum));
            }
        }
        return seen;
    }

    /** How many inbox files the agents that do not live on {@code host} have in its home: none, ever. */
    public static int strayCopies(TestHome home, String host) throws IOException {
        int n = 0;
        for (int a = 1; a <= 8; a++) {
            String agent = "Agent-" + a;
            if (!hostOf(agent).equals(host)) {
                n += home.inbox(agent).size();
            }
        }
        return n;
    }
}
