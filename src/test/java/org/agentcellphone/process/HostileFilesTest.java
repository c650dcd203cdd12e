package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;

/**
 * Hostile files and folders: links, odd names, FIFOs, sockets and devices, huge and sparse files, files the router
 * may not read, a full disk.
 */
class HostileFilesTest extends HostileFilesystem {

    @Test
    void backslashNamesAreNamesAndReachNothingOutsideTheHome() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path secret = Files.writeString(outside.resolve("secret.md"), "**To**: Agent-1\n\nthe secret outside the home");
        start(home);
        // these names would reach <tmp>/outside/… if a backslash were a path separator
        Path shared = home.home.outbox();
        home.drop(shared, "urgent\\..\\..\\..\\..\\outside\\secret.md", "{}".getBytes(StandardCharsets.UTF_8));
        home.drop(home.home.urgentOutbox(), "x\\..\\..\\..\\..\\..\\outside\\created.json",
                "{\"to\":\"Agent-2\",\"content\":\"a drop with a backslash name\"}".getBytes(StandardCharsets.UTF_8));

        goodDropArrives(home, "after-backslash");
        awaitEmpty(shared);
        awaitEmpty(home.home.urgentOutbox());
        // the odd names were handled as what they are: a drop without a recipient, and a delivered message
        assertThat(reasonCodes(home)).containsExactly("missing-field");
        assertThat(inboxText(home, "Agent-2")).contains("a drop with a backslash name");
        assertThat(inboxText(home, "Agent-1")).doesNotContain("the secret outside the home");
        assertThat(Files.readString(secret)).isEqualTo("**To**: Agent-1\n\nthe secret outside the home");
        assertThat(names(outside)).containsExactly("secret.md");
    }

    @Test
    void linkedDropsAreDeadLetteredUnopenedAndNothingIsCreatedThroughThem() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path target = Files.writeString(outside.resolve("passwd.md"), "**To**: Agent-1\n\nroot:x:0:0");
        start(home);
        Files.createSymbolicLink(home.home.outbox().resolve("link.md"), target);
        Files.createSymbolicLink(home.home.agentOutbox("Agent-3").resolve("dangling.json"), outside.resolve("made.json"));
        Files.createSymbolicLink(home.home.outbox().resolve("zero.json"), Path.of("/dev/zero"));

        goodDropArrives(home, "after-links");
        home.awaitFailedCount(3);
        assertThat(reasonCodes(home)).containsOnly("not-a-file").hasSize(3);
        for (Path entry : home.failedEntries()) {
            // the link itself is kept, unfollowed: nothing was copied out of it
            assertThat(Files.isSymbolicLink(entry)).as(entry.toString()).isTrue();
        }
        assertThat(home.reasonOf(home.failedEntries().get(0)).path("detail").asText()).contains("symbolic link");
        assertThat(inboxText(home, "Agent-1")).doesNotContain("root:x:0:0");
        assertThat(names(outside)).containsExactly("passwd.md");
        assertThat(Files.readString(target)).isEqualTo("**To**: Agent-1\n\nroot:x:0:0");
    }

    @Test
    void foldersReplacedByLinksAreRefusedAndNothingIsWrittenOrMovedThroughThem() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 2\n");
        Path project = Files.createDirectories(tmp.resolve("project"));
        Files.writeString(project.resolve("notes.md"), "**To**: Agent-1\n\nmy project notes");
        Files.writeString(project.resolve("build.json"), "{\"to\":\"Agent-1\",\"content\":\"not a drop\"}");
        Path elsewhere = Files.createDirectories(tmp.resolve("elsewhere"));
        // Agent-3's outbox is a link to a project folder; Agent-2's inbox is a link out of the home
        Path outbox = home.home.agentOutbox("Agent-3");
        Files.delete(outbox);
        Files.createSymbolicLink(outbox, project);
        Path inbox = home.home.inbox("Agent-2");
        Files.delete(inbox);
        Files.createSymbolicLink(inbox, elsewhere);
        Path log = start(home);

        Cli.Result sent = Cli.run(home.root, "-a", "Agent-2", "-m", "for the linked inbox", "--id", "to-link");
        assertThat(sent.exitCode()).as(sent.err()).isZero();
        goodDropArrives(home, "after-folder-links");
        // the message for the linked inbox goes to the dead letter with the reason, never through the link
        await().atMost(Duration.ofSeconds(60)).until(() -> reasonCodes(home).contains("delivery-failed"));
        JsonNode reason = home.reasonOf(home.failedEntries().get(0));
        assertThat(reason.path("detail").asText()).contains("agent_workspaces/Agent-2/inbox is a symbolic link");
        assertThat(names(elsewhere)).isEmpty();
        // the project folder behind Agent-3's outbox keeps every file, untouched
        assertThat(names(project)).containsExactly("build.json", "notes.md");
        assertThat(Files.readString(project.resolve("notes.md"))).isEqualTo("**To**: Agent-1\n\nmy project notes");
        assertThat(Files.readString(log)).contains("outbox agent_workspaces/Agent-3/outbox is not read: "
                + "agent_workspaces/Agent-3/outbox is a symbolic link");
        assertThat(inboxText(home, "Agent-1")).doesNotContain("my project notes").doesNotContain("not a drop");

        // the dead letter and the records replaced by links: nothing is written through them either
        Path failed = home.home.failed();
        Path delivered = home.home.delivered();
        Path deadElsewhere = Files.createDirectories(tmp.resolve("dead-elsewhere"));
        Path recordsElsewhere = Files.createDirectories(tmp.resolve("records-elsewhere"));
        moveAside(failed, tmp.resolve("failed-real"));
        Files.createSymbolicLink(failed, deadElsewhere);
        moveAside(delivered, tmp.resolve("delivered-real"));
        Files.createSymbolicLink(delivered, recordsElsewhere);
        home.drop("bad.json", "{\"to\":\"Agent-1\"");
        home.drop("good-1.json", "{\"id\":\"while-linked\",\"to\":\"Agent-1\",\"content\":\"records refused\"}");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-1").contains("records refused"));
        Thread.sleep(1000);
        assertThat(names(deadElsewhere)).isEmpty();
        assertThat(names(recordsElsewhere)).isEmpty();
        // the bad drop waits in its outbox until the dead letter is a folder again, then goes there
        assertThat(names(home.home.outbox())).contains("bad.json");
        Files.delete(failed);
        moveAside(tmp.resolve("failed-real"), failed);
        await().atMost(Duration.ofSeconds(90)).until(() -> reasonCodes(home).contains("malformed"));
    }

    @Test
    void fifosSocketsAndDevicesNeverStopAnOutbox() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Path shared = home.home.outbox();
        // an old FIFO, there before the router started, and a young one made while it runs
        mkfifo(shared.resolve("old.json"));
        // (touch -h: setting the time from Java would open the FIFO, and block)
        run("touch", "-h", "-d", "1 hour ago", shared.resolve("old.json").toString());
        start(home);
        mkfifo(home.home.agentOutbox("Agent-5").resolve("pipe.md"));
        try (ServerSocketChannel socket = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            socket.bind(UnixDomainSocketAddress.of(home.home.urgentOutbox().resolve("sock.json")));
            goodDropArrives(home, "after-fifos");
            Cli.Result urgent = Cli.run(home.root, "-a", "Agent-6", "-m", "urgent past a socket", "--urgent",
                    "--id", "urgent-after-socket", "--wait=60");
            assertThat(urgent.exitCode()).as(urgent.err()).isZero();
            home.awaitFailedCount(3);
        }
        assertThat(reasonCodes(home)).containsOnly("not-a-file").hasSize(3);
        assertThat(home.failedEntries().stream().map(p -> p.getFileName().toString()))
                .anyMatch(n -> n.endsWith("old.json")).anyMatch(n -> n.endsWith("pipe.md"))
                .anyMatch(n -> n.endsWith("sock.json"));
        goodDropArrives(home, "after-fifos-again");
    }

    @Test
    void hugeSparseFilesAreDeadLetteredUnreadAndTheRouteKeepsPolling() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        start(home);
        Path sparse = home.home.agentOutbox("Agent-1").resolve("huge.md");
        try (RandomAccessFile file = new RandomAccessFile(sparse.toFile(), "rw")) {
            file.setLength(400L * 1024 * 1024);
        }
        goodDropArrives(home, "after-sparse");
        home.awaitFailedCount(1);
        assertThat(reasonCodes(home)).containsExactly("too-large");
        Path kept = home.failedEntries().get(0);
        assertThat(Files.size(kept)).as("kept as it was, unread").isEqualTo(400L * 1024 * 1024);
        // the same outbox still works: its route was never stopped
        home.drop(home.home.agentOutbox("Agent-1"), "next.json",
                "{\"id\":\"from-agent-1\",\"to\":\"Agent-2\",\"content\":\"still polled\"}".getBytes(StandardCharsets.UTF_8));
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-2").contains("still polled"));
    }

    @Test
    void aFullDiskLosesNothingLeavesNoOrphanAndLogsOncePerAttempt() throws Exception {
        Path mount = Files.createDirectories(tmp.resolve("small"));
        run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", mount.toString());
        try {
            TestHome home = new TestHome(mount.resolve("home"));
            Path log = start(home);
            // fill the disk but for a few pages: room for the drops, not for all their entries and inbox files
            Path reserve = Files.write(mount.resolve("reserve"), new byte[12 * 4096]);
            run("bash", "-c", "dd if=/dev/zero of=\"$1\" bs=4k 2>/dev/null; true", "x", mount.resolve("filler").toString());
            Files.delete(reserve);
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 5; i++) {
                home.drop("f" + i + ".json", "{\"id\":\"full-" + i + "\",\"to\":[\"Agent-1\",\"Agent-2\",\"Agent-3\"],"
                        + "\"content\":\"fan-out on a full disk " + i + "\"}");
                ids.add("full-" + i);
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(log).contains("No space left on device"));
            Thread.sleep(8000);
            // logged once per drop and attempt (1 s, 2 s, 4 s apart), per delivery attempt: not thousands of lines
            List<String> lines = Files.readAllLines(log);
            assertThat(lines.stream().filter(l -> l.contains("could not take drop"))).hasSizeLessThanOrEqualTo(5 * 4);
            assertThat(lines).hasSizeLessThan(500);
            Files.delete(mount.resolve("filler"));

            goodDropArrives(home, "after-full");
            await().atMost(Duration.ofSeconds(90)).until(() -> TestHome.list(home.home.pending(), "*.json").isEmpty()
                    && home.records().size() >= 16);
            for (String agent : List.of("Agent-1", "Agent-2", "Agent-3")) {
                Map<String, Integer> inbox = home.inboxIds(agent);
                for (String id : ids) {
                    assertThat(inbox.get(id)).as(agent + " " + id).isEqualTo(1);
                }
            }
            assertThat(home.failedEntries()).isEmpty();
            assertThat(home.records()).hasSize(16);
            Cli.Result history = Cli.run(home.root, "--history", "--limit", "100", "--json");
            List<String> rows = new ArrayList<>();
            Json.MAPPER.readTree(history.out()).forEach(r -> rows.add(r.path("id").asText() + "/"
                    + r.path("recipient").asText()));
            assertThat(rows).hasSize(16).doesNotHaveDuplicates();
        } finally {
            stopRouters();
            routers.clear();
            run("umount", "-l", mount.toString());
        }
    }

    @Test
    void aDropTheRouterMayNotReadIsDeadLetteredOnceAsUnreadable() throws Exception {
        // the router runs as an unprivileged user (nobody); the drop belongs to root and only root may read it
        run("chmod", "755", tmp.toString());
        // the unprivileged router must reach the project's classes: a checkout in a private folder (mktemp -d)
        // is opened for traversal and reading, nothing else
        for (Path dir = Cli.REPO; dir != null; dir = dir.getParent()) {
            run("chmod", "o+rx", dir.toString());
        }
        TestHome home = new TestHome(tmp.resolve("home"));
        run("chown", "-R", "nobody:nogroup", home.root.toString());
        Path log = tmp.resolve("router-nobody.log");
        ProcessBuilder pb = new ProcessBuilder("setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups",
                Cli.SCRIPT.toString(), "run");
        pb.environment().put("CELLPHONE_HOME", home.root.toString());
        pb.environment().put("CELLPHONE_SKIP_BUILD", "1");
        pb.environment().put("CELLPHONE_HTTP_ENABLED", "false");
        pb.environment().put("HOME", tmp.toString());
        Process router = pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
        routers.add(router);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("router running"));

        Path secret = home.home.agentOutbox("Agent-2").resolve("secret.md");
        Files.writeString(secret, "**To**: Agent-1\n\nonly root may read this");
        run("chmod", "600", secret.toString());
        run("touch", "-d", "1 minute ago", secret.toString());
        goodDropArrives(home, "after-unreadable");
        home.awaitFailedCount(1);
        assertThat(reasonCodes(home)).containsExactly("unreadable");
        assertThat(home.reasonOf(home.failedEntries().get(0)).path("detail").asText()).contains("permission denied");
        Thread.sleep(2000);
        assertThat(Files.readAllLines(log).stream().filter(l -> l.contains("secret.md"))).hasSize(1);
        assertThat(Files.readString(log)).doesNotContain("AccessDeniedException");
        assertThat(inboxText(home, "Agent-1")).doesNotContain("only root may read this");
    }

    // ---- helpers

    /** Starts a router process and waits until it runs; returns its log. */
}
