package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router as a real process against a hostile or careless filesystem: what every such test needs. Every test
 * also proves that a good drop made after the hostile one is delivered, and that nothing outside the home was
 * touched.
 */
abstract class HostileFilesystem {

    @TempDir
    Path tmp;

    final List<Process> routers = new ArrayList<>();

    @AfterEach
    void stopRouters() throws Exception {
        for (Process router : routers) {
            router.destroy();
            if (!router.waitFor(30, TimeUnit.SECONDS)) {
                router.destroyForcibly();
            }
        }
    }

    Path start(TestHome home) throws Exception {
        String name = "router-" + routers.size() + "-" + System.nanoTime() + ".log";
        startProcess(home, name);
        return tmp.resolve(name);
    }

    Process startProcess(TestHome home, String logName) throws Exception {
        Path log = tmp.resolve(logName);
        Process router = Cli.startRouter(home.root, log);
        routers.add(router);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                && Files.readString(log).contains("router running"));
        return router;
    }

    /** A good drop made now reaches its inbox: the router kept running through what came before. */
    static void goodDropArrives(TestHome home, String id) throws IOException {
        home.drop(id + ".json", "{\"id\":\"" + id + "\",\"to\":\"Agent-8\",\"content\":\"good " + id + "\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> home.inboxIds("Agent-8").containsKey(id));
    }

    static void awaitEmpty(Path outbox) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Stream<Path> files = Files.list(outbox)) {
                return files.noneMatch(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS));
            }
        });
    }

    static List<String> reasonCodes(TestHome home) throws IOException {
        List<String> codes = new ArrayList<>();
        for (Path entry : home.failedEntries()) {
            codes.add(home.reasonOf(entry).path("code").asText());
        }
        return codes;
    }

    static String inboxText(TestHome home, String agent) throws IOException {
        return String.join("\n", inboxTexts(home, agent));
    }

    static List<String> inboxTexts(TestHome home, String agent) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path file : home.inbox(agent)) {
            texts.add(Files.readString(file));
        }
        return texts;
    }

    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    static void moveAside(Path from, Path to) throws IOException {
        Files.move(from, to);
    }

    static void mkfifo(Path path) throws Exception {
        run("mkfifo", path.toString());
    }

    static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
