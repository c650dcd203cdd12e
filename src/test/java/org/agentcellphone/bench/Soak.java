package org.agentcellphone.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.agentcellphone.files.Home;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.operations.QueueStats;

/**
 * {@code bin/cellphone soak}: messages streamed while the router is killed with kill -9 at random moments and
 * restarted, then concurrent writer processes; every id is counted in the inboxes. Lost or duplicated: the report
 * says which.
 */
public final class Soak {

    /** What a phase found. */
    public record Outcome(String phase, int expected, int delivered, int lost, int duplicated, int deadLettered,
                          String detail) {
        public boolean clean() {
            return lost == 0 && duplicated == 0 && deadLettered == 0;
        }
    }

    private final int messages;
    private final int kills;
    private final int writers;
    private final int perWriter;
    private final Path work;
    private final Random random;
    private final List<String> log = new ArrayList<>();

    public Soak(int messages, int kills, int writers, int perWriter, Path work, long seed) {
        this.messages = messages;
        this.kills = kills;
        this.writers = writers;
        this.perWriter = perWriter;
        this.work = work;
        this.random = new Random(seed);
    }

    public List<String> log() {
        return log;
    }

    /** Runs both phases; the work folder is removed when all is well and kept, for inspection, when not. */
    public List<Outcome> run() throws Exception {
        Files.createDirectories(work);
        List<Outcome> outcomes = List.of(killPhase(), writersPhase());
        if (outcomes.stream().allMatch(Outcome::clean)) {
            Drops.deleteTree(work);
        } else {
            log.add("kept for inspection: " + work);
        }
        return outcomes;
    }

    private Outcome killPhase() throws Exception {
        Home home = home("kill");
        RouterProcess[] router = {RouterProcess.start(home.root(), work.resolve("kill-router-0.log"))};
        Thread writer = new Thread(() -> {
            try {
                for (int i = 0; i < messages; i++) {
                    String id = "k-" + i;
                    Drops.drop(home.outbox(), id, Drops.json(id, "Agent-" + (i % 8 + 1), i % 50 == 0 ? "urgent" : "regular"));
                    if (i % 100 == 99) {
                        Thread.sleep(10);
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        for (int k = 1; k <= kills; k++) {
            Thread.sleep(500 + random.nextInt(2000));
            int delivered = Drops.count(home.delivered());
            router[0].killHard();
            log.add(String.format("kill -9 #%d of pid %d with %d delivered, %d pending, %d in the outbox", k,
                    router[0].pid(), delivered, Drops.count(home.pending()), QueueStats.countDrops(home.outbox())));
            router[0] = RouterProcess.start(home.root(), work.resolve("kill-router-" + k + ".log"));
        }
        writer.join();
        Outcome outcome = await(home, "kill -9 x" + kills, "k-", messages);
        router[0].stop();
        return outcome;
    }

    private Outcome writersPhase() throws Exception {
        Home home = home("writers");
        RouterProcess router = RouterProcess.start(home.root(), work.resolve("writers-router.log"));
        String java = ProcessHandle.current().info().command().orElse("java");
        List<Process> processes = new ArrayList<>();
        for (int w = 1; w <= writers; w++) {
            processes.add(new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"),
                    SoakWriter.class.getName(), home.outbox().toString(), "w" + w, String.valueOf(perWriter))
                    .inheritIO().start());
        }
        for (Process p : processes) {
            if (p.waitFor() != 0) {
                throw new IllegalStateException("a writer process failed with exit " + p.exitValue());
            }
        }
        log.add(String.format("%d writer processes dropped %d messages each", writers, perWriter));
        List<String> ids = new ArrayList<>();
        for (int w = 1; w <= writers; w++) {
            for (int i = 0; i < perWriter; i++) {
                ids.add("w" + w + "-" + i);
            }
        }
        Outcome outcome = count(home, writers + " writers x " + perWriter, ids, true);
        router.stop();
        return outcome;
    }

    private Home home(String name) throws IOException {
        Home home = new Home(work.resolve(name));
        home.ensureLayout(Roster.defaults().ids());
        return home;
    }

    private Outcome await(Home home, String phase, String prefix, int n) throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(prefix + i);
        }
        return count(home, phase, ids, true);
    }

    /** Waits for the queue to drain (bounded), then counts every id in every inbox. */
    private Outcome count(Home home, String phase, List<String> ids, boolean wait) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (wait && System.nanoTime() < deadline && (QueueStats.countDrops(home.outbox()) > 0
                || Drops.count(home.pending()) > 0 || Drops.count(home.delivered()) + Drops.count(home.failed()) < ids.size())) {
            Thread.sleep(50);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (String agent : Roster.defaults().ids()) {
            try (var files = Files.newDirectoryStream(home.inbox(agent), "*.md")) {
                for (Path file : files) {
                    seen.merge(InboxFormat.idOf(file.getFileName().toString()), 1, Integer::sum);
                }
            }
        }
        int lost = 0;
        int duplicated = 0;
        List<String> examples = new ArrayList<>();
        for (String id : ids) {
            int n = seen.getOrDefault(id, 0);
            if (n == 0) {
                lost++;
            } else if (n > 1) {
                duplicated++;
            }
            if (n != 1 && examples.size() < 5) {
                examples.add(id + " x" + n);
            }
        }
        int failed = Drops.count(home.failed());
        return new Outcome(phase, ids.size(), seen.size(), lost, duplicated, failed,
                examples.isEmpty() ? "" : "e.g. " + String.join(", ", examples));
    }
}
