package org.agentcellphone.support;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.agentcellphone.bench.Drops;
import org.agentcellphone.files.Home;
import org.agentcellphone.config.Settings;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.delivery.InboxFormat;
import org.agentcellphone.model.Json;
import org.agentcellphone.router.Router;
import com.fasterxml.jackson.databind.JsonNode;

/** A real home in a temporary folder, with fast test settings, and helpers that read its folders. */
public final class TestHome implements AutoCloseable {

    public static final String FAST_SETTINGS = String.join("\n",
            "cellphone.intake.settle = 300ms",
            "cellphone.intake.poll-delay = 20ms",
            "cellphone.retry.initial-delay = 100ms",
            "cellphone.retry.max-delay = 1s",
            "cellphone.retry.max-attempts = 4",
            "cellphone.http.enabled = false",
            "cellphone.routes.reload = false",
            "");

    public final Path root;
    public final Home home;
    private Router router;

    public TestHome(Path root) throws IOException {
        this(root, "");
    }

    public TestHome(Path root, String extraSettings) throws IOException {
        this.root = root;
        this.home = new Home(root);
        Files.createDirectories(root.resolve("config"));
        Files.writeString(root.resolve("config/application.properties"), FAST_SETTINGS + extraSettings);
        home.ensureLayout(Roster.defaults().ids());
    }

    public TestHome startRouter() throws Exception {
        router = new Router(home, Settings.load(root), Roster.defaults());
        router.start();
        return this;
    }

    public void stopRouter() throws Exception {
        if (router != null) {
            router.stop();
            router = null;
        }
    }

    @Override
    public void close() throws Exception {
        stopRouter();
    }

    /**
     * Drops a file the way a careful writer does: temporary name, fsync, then rename into the outbox (taken at once;
     * a file written in place waits for the settle time).
     */
    public Path drop(String name, String content) throws IOException {
        return drop(home.outbox(), name, content.getBytes(StandardCharsets.UTF_8));
    }

    public Path drop(Path outbox, String name, byte[] content) throws IOException {
        return Drops.drop(outbox, "." + name + ".writing", name, content);
    }

    /** An inbox path taken by a plain file cannot be written, even by root: deliveries to it fail and are retried. */
    public void blockInbox(String agent) throws IOException {
        Path inbox = home.inbox(agent);
        Files.delete(inbox);
        Files.writeString(inbox, "not a folder");
    }

    /** Takes the blocking file away; the next retry creates the inbox folder and delivers. */
    public void unblockInbox(String agent) throws IOException {
        Files.delete(home.inbox(agent));
    }

    public List<Path> inbox(String agent) throws IOException {
        return list(home.inbox(agent), "*.md");
    }

    /** Ids in an agent's inbox, with how many files carry each. */
    public Map<String, Integer> inboxIds(String agent) throws IOException {
        Map<String, Integer> ids = new TreeMap<>();
        for (Path file : inbox(agent)) {
            ids.merge(InboxFormat.idOf(file.getFileName().toString()), 1, Integer::sum);
        }
        return ids;
    }

    /** Dead-letter entries, in name order: files, and links, FIFOs or sockets moved there unopened. */
    public List<Path> failedEntries() throws IOException {
        List<Path> entries = new ArrayList<>();
        try (var stream = Files.newDirectoryStream(home.failed())) {
            for (Path file : stream) {
                String name = file.getFileName().toString();
                if (!name.startsWith(".") && !name.endsWith(".reason.json")) {
                    entries.add(file);
                }
            }
        }
        entries.sort(null);
        return entries;
    }

    public JsonNode reasonOf(Path failedEntry) throws IOException {
        return Json.MAPPER.readTree(failedEntry.resolveSibling(failedEntry.getFileName() + ".reason.json").toFile());
    }

    public List<Path> records() throws IOException {
        return list(home.delivered(), "*.json");
    }

    public JsonNode record(String id, String agent) throws IOException {
        return Json.MAPPER.readTree(home.delivered().resolve(id + "." + agent + ".json").toFile());
    }

    public void awaitInboxCount(String agent, int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> inbox(agent).size() >= count);
    }

    public void awaitFailedCount(int count) {
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> failedEntries().size() >= count);
    }

    public static List<Path> list(Path dir, String glob) throws IOException {
        List<Path> files = new ArrayList<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (var stream = Files.newDirectoryStream(dir, glob)) {
            for (Path file : stream) {
                if (!file.getFileName().toString().startsWith(".") && Files.isRegularFile(file)) {
                    files.add(file);
                }
            }
        }
        files.sort(null);
        return files;
    }

    public static long countFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).count();
        }
    }
}
