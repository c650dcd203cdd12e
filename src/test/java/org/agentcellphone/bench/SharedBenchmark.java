package org.agentcellphone.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.files.Home;
import org.agentcellphone.support.PostgresServer;
import org.agentcellphone.support.SharedHosts;

/**
 * {@code bin/cellphone bench --store postgresql}: the router on the shared store against the same run's baseline and
 * file-store router. One router holds all eight agents; two routers (two homes standing for two hosts on this
 * machine) hold four each and each takes half the drops. A real PostgreSQL server is started for the run in a
 * temporary folder (as the tests do), fsync on.
 */
public final class SharedBenchmark {

    private final int messages;
    private final Path work;

    public SharedBenchmark(int messages, Path work) {
        this.messages = messages;
        this.work = work;
    }

    public Map<String, Object> run() throws Exception {
        Files.createDirectories(work);
        Map<String, Object> result = new LinkedHashMap<>();
        try (PostgresServer server = PostgresServer.own()) {
            double baseline = Benchmark.baseline(work, messages);
            double files = throughput(List.of(home("files", null, null, false)), "files");
            double one = throughput(List.of(home("pg-one", "one", server.newDatabase(), false)), "pg-one");
            String shared = server.newDatabase();
            double two = throughput(List.of(home("pg-two-a", "one", shared, true), home("pg-two-b", "two", shared,
                    true)), "pg-two");
            result.put("baseline_msgs_per_s", Benchmark.round(baseline));
            result.put("files_msgs_per_s", Benchmark.round(files));
            result.put("files_ratio", ratio(files, baseline));
            result.put("postgresql_one_router_msgs_per_s", Benchmark.round(one));
            result.put("postgresql_one_router_ratio", ratio(one, baseline));
            result.put("postgresql_two_routers_msgs_per_s", Benchmark.round(two));
            result.put("postgresql_two_routers_ratio", ratio(two, baseline));
            result.put("cores", Runtime.getRuntime().availableProcessors());
        } finally {
            Drops.deleteTree(work);
        }
        return result;
    }

    /**
     * A home on the file store ({@code host} null), or on the shared database as that host; {@code split}: Agent-1…4
     * on host one, Agent-5…8 on two (else every agent on every host).
     */
    private Home home(String name, String host, String url, boolean split) throws Exception {
        Path root = work.resolve(name);
        Home home = new Home(root);
        home.ensureLayout(List.of("Agent-1", "Agent-2", "Agent-3", "Agent-4", "Agent-5", "Agent-6", "Agent-7",
                "Agent-8"));
        Files.createDirectories(root.resolve("config"));
        if (host != null) {
            Files.writeString(root.resolve("config/application.properties"), String.join("\n",
                    "cellphone.store = postgresql", "cellphone.store.url = " + url,
                    "cellphone.store.user = " + PostgresServer.USER, "cellphone.store.password = "
                            + PostgresServer.PASSWORD, "cellphone.host = " + host, ""));
        }
        if (split) {
            Files.writeString(root.resolve("config/agents.yaml"), SharedHosts.ROSTER);
        }
        return home;
    }

    /** Warm-up, then {@code messages} drops spread over the homes' outboxes; messages per second to the inboxes. */
    private double throughput(List<Home> homes, String name) throws Exception {
        List<RouterProcess> routers = new java.util.ArrayList<>();
        try {
            for (Home home : homes) {
                routers.add(RouterProcess.start(home.root(), work.resolve(name + "-" + routers.size() + ".log")));
            }
            dropAndWait(homes, "warm", Benchmark.WARM_UP);
            return dropAndWait(homes, "t", messages);
        } finally {
            for (RouterProcess router : routers) {
                router.stop();
            }
        }
    }

    private static double dropAndWait(List<Home> homes, String prefix, int n) throws Exception {
        int before = delivered(homes);
        long t0 = System.nanoTime();
        for (int i = 0; i < n; i++) {
            Home home = homes.get(i % homes.size());
            // with two homes, each takes half the drops, to agents on both hosts
            int agent = (i / homes.size()) % 8 + 1;
            Drops.drop(home.outbox(), prefix + i, Drops.json(prefix + i, "Agent-" + agent, "regular"));
        }
        while (delivered(homes) < before + n) {
            Thread.sleep(5);
        }
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** Inbox files of the agents that live on each home's host (every agent for a file-store home). */
    private static int delivered(List<Home> homes) throws Exception {
        int n = 0;
        for (int h = 0; h < homes.size(); h++) {
            for (int a = 1; a <= 8; a++) {
                String agent = "Agent-" + a;
                if (homes.size() == 1 || SharedHosts.hostOf(agent).equals(h == 0 ? "one" : "two")) {
                    n += Drops.count(homes.get(h).inbox(agent));
                }
            }
        }
        return n;
    }

    private static double ratio(double value, double baseline) {
        return Math.round(value / baseline * 100) / 100.0;
    }
}
