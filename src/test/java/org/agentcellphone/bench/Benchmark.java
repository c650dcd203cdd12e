package org.agentcellphone.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import io.modelcontextprotocol.client.McpSyncClient;
import io.modelcontextprotocol.spec.McpSchema;
import org.agentcellphone.files.Home;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.store.DeliveryLedger;
import org.agentcellphone.operations.QueueStats;
import org.agentcellphone.support.JavaMcpClient;

/**
 * {@code bin/cellphone bench}: the machine's durable-write limit and the router measured against it, in one run, in a
 * temporary home. The router runs as its own process, started by {@code bin/cellphone run}.
 */
public final class Benchmark {

    static final int URGENT_SAMPLES = 60;
    static final int WARM_UP = 2000;
    static final int CLI_RUNS = 11;
    static final int MCP_SESSIONS = 5;
    static final int MCP_SENDS = 500;

    private final int messages;
    private final Path work;
    private int backlogAtFirstUrgent;

    public Benchmark(int messages, Path work) {
        this.messages = messages;
        this.work = work;
    }

    public Map<String, Object> run() throws Exception {
        Files.createDirectories(work);
        Map<String, Object> result = new LinkedHashMap<>();
        try {
            baseline(work, Math.min(messages, WARM_UP));
            double baseline = baseline(work, messages);
            Home home = new Home(work.resolve("home"));
            home.ensureLayout(Roster.defaults().ids());
            // cold: the backlog waits before the router starts; timed from its start to the last inbox file
            dropRegular(home.outbox(), "cold", messages);
            long coldStart = System.nanoTime();
            RouterProcess router = RouterProcess.start(home.root(), work.resolve("router.log"));
            try {
                awaitDelivered(home, messages);
                double cold = messages / ((System.nanoTime() - coldStart) / 1e9);
                // a router is a long-running server: it is measured warm, as it runs in practice
                dropAndWait(home, "warm", WARM_UP);
                double throughput = dropAndWait(home, "t", messages);
                List<Double> urgent = urgentLatencies(home, home.outbox(), home.urgentOutbox(), "u");
                // urgent files written by hand into the very folder where the backlog waits unread
                List<Double> shared = urgentLatencies(home, home.outbox(), home.outbox(), "us");
                List<Double> own = urgentLatencies(home, home.agentOutbox("Agent-2"), home.agentOutbox("Agent-2"), "uo");
                double rss = router.peakRssMb();
                result.put("baseline_msgs_per_s", round(baseline));
                result.put("throughput_msgs_per_s", round(throughput));
                result.put("ratio", Math.round(throughput / baseline * 100) / 100.0);
                result.put("cold_throughput_msgs_per_s", round(cold));
                result.put("cold_ratio", Math.round(cold / baseline * 100) / 100.0);
                result.put("urgent_p50_ms", round(percentile(urgent, 50)));
                result.put("urgent_p99_ms", round(percentile(urgent, 99)));
                result.put("urgent_shared_outbox_p50_ms", round(percentile(shared, 50)));
                result.put("urgent_shared_outbox_p99_ms", round(percentile(shared, 99)));
                result.put("urgent_agent_outbox_p50_ms", round(percentile(own, 50)));
                result.put("urgent_agent_outbox_p99_ms", round(percentile(own, 99)));
                result.put("cli_send_ms", round(cliSendMs(home)));
                mcpFigures(home, result);
                result.put("router_peak_rss_mb", round(rss));
                result.put("cores", Runtime.getRuntime().availableProcessors());
            } finally {
                router.stop();
            }
        } finally {
            Drops.deleteTree(work);
        }
        return result;
    }

    /**
     * A plain loop: same number of same-size files, each written, its data synced (fdatasync, as the router syncs
     * what it writes), renamed, its folder fsynced. Run once before it is measured, so it is measured warm.
     */
    static double baseline(Path work, int messages) throws IOException {
        Path dir = Files.createDirectories(work.resolve("baseline"));
        byte[] data = Drops.json("m-00000000000000000000", "Agent-1", "regular");
        long t0 = System.nanoTime();
        try (FileChannel folder = FileChannel.open(dir, StandardOpenOption.READ)) {
            for (int i = 0; i < messages; i++) {
                Path tmp = dir.resolve(".tmp-" + i);
                try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                    ch.write(ByteBuffer.wrap(data));
                    ch.force(false);
                }
                Files.move(tmp, dir.resolve("f-" + i), StandardCopyOption.ATOMIC_MOVE);
                folder.force(true);
            }
        }
        double seconds = (System.nanoTime() - t0) / 1e9;
        Drops.deleteTree(dir);
        return messages / seconds;
    }

    /** Drops {@code n} messages at once; returns messages per second from the first drop to the last delivery. */
    private double dropAndWait(Home home, String prefix, int n) throws Exception {
        int before = Drops.count(home.delivered());
        long t0 = System.nanoTime();
        dropRegular(home.outbox(), prefix, n);
        awaitDelivered(home, before + n);
        return n / ((System.nanoTime() - t0) / 1e9);
    }

    /** {@code n} regular messages, to the agents in turn, each dropped the careful way. */
    private static void dropRegular(Path folder, String prefix, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            Drops.drop(folder, prefix + i, Drops.json(prefix + i, "Agent-" + (i % 8 + 1), "regular"));
        }
    }

    /** Until the home holds {@code records} delivery records. */
    private static void awaitDelivered(Home home, int records) throws Exception {
        while (Drops.count(home.delivered()) < records) {
            Thread.sleep(5);
        }
    }

    /**
     * Urgent messages dropped one by one into {@code urgentFolder} while a backlog of regular ones, dropped into
     * {@code backlogFolder}, drains; drop-to-inbox in ms.
     */
    private List<Double> urgentLatencies(Home home, Path backlogFolder, Path urgentFolder, String prefix)
            throws Exception {
        int before = Drops.count(home.delivered());
        dropRegular(backlogFolder, prefix + "-bg", messages);
        if (backlogAtFirstUrgent == 0) {
            backlogAtFirstUrgent = (int) QueueStats.countDrops(home.outbox()) + Drops.count(home.pending());
        }
        List<Double> latencies = new ArrayList<>();
        for (int i = 0; i < URGENT_SAMPLES; i++) {
            String id = prefix + i;
            String agent = "Agent-" + (i % 8 + 1);
            long t0 = System.nanoTime();
            Drops.drop(urgentFolder, id, Drops.json(id, agent, "urgent"));
            Path record = home.delivered().resolve(DeliveryLedger.recordName(id, agent));
            while (!Files.exists(record)) {
                LockSupport.parkNanos(200_000);
            }
            latencies.add((System.nanoTime() - t0) / 1e6);
        }
        awaitDelivered(home, before + messages + URGENT_SAMPLES);
        return latencies;
    }

    /** Median wall time of {@code bin/cellphone -a … -m …} as a whole process. */
    private double cliSendMs(Home home) throws Exception {
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < CLI_RUNS; i++) {
            long t0 = System.nanoTime();
            Process p = RouterProcess.cellphone(home.root(), "send", "-a", "Agent-1", "-m", "cli benchmark " + i)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (p.waitFor() != 0) {
                throw new IllegalStateException("bin/cellphone send failed with exit " + p.exitValue());
            }
            times.add((System.nanoTime() - t0) / 1e6);
        }
        return percentile(times, 50);
    }

    /**
     * An agent's MCP session as its coding tool runs it (the MCP Java SDK client spawning {@code bin/cellphone mcp}):
     * startup to an initialized session (median of several), and {@code send_message} calls through one session.
     */
    private void mcpFigures(Home home, Map<String, Object> result) {
        boolean compiled = Boolean.getBoolean("cellphone.skip-build");
        List<Double> startups = new ArrayList<>();
        for (int i = 0; i < MCP_SESSIONS; i++) {
            long t0 = System.nanoTime();
            try (McpSyncClient session = JavaMcpClient.of(home.root(), "Agent-1", compiled)) {
                session.initialize();
                startups.add((System.nanoTime() - t0) / 1e6);
            }
        }
        List<Double> sends = new ArrayList<>();
        try (McpSyncClient session = JavaMcpClient.of(home.root(), "Agent-1", compiled)) {
            session.initialize();
            for (int i = 0; i < MCP_SENDS; i++) {
                long t0 = System.nanoTime();
                McpSchema.CallToolResult sent = session.callTool(new McpSchema.CallToolRequest("send_message",
                        Map.of("to", "Agent-" + (i % 8 + 1), "content", "mcp benchmark " + i)));
                sends.add((System.nanoTime() - t0) / 1e6);
                if (Boolean.TRUE.equals(sent.isError())) {
                    throw new IllegalStateException("send_message failed: " + sent.content());
                }
            }
        }
        result.put("mcp_startup_ms", round(percentile(startups, 50)));
        result.put("mcp_send_p50_ms", round(percentile(sends, 50)));
        result.put("mcp_send_p99_ms", round(percentile(sends, 99)));
    }

    /** Regular messages waiting (in the outbox or pending/) when the first urgent message was dropped. */
    public int backlogAtFirstUrgent() {
        return backlogAtFirstUrgent;
    }

    static double percentile(List<Double> values, int p) {
        List<Double> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
