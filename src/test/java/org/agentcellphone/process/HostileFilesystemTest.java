package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The router as a real process against a hostile or careless filesystem: links, odd names,
 * FIFOs, sockets, huge and sparse files, planted files, files written in place, a full disk. Every test also proves
 * that a good drop made after the hostile one is delivered, and that nothing outside the home was touched.
 */
class HostileFilesystemTest {

    @TempDir
    Path tmp;

    private final List<Process> routers = new ArrayList<>();

    @AfterEach
    void stopRouters() throws Exception {
        for (Process router : routers) {
            router.destroy();
            if (!router.waitFor(30, TimeUnit.SECONDS)) {
                router.destroyForcibly();
            }
        }
    }

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
    void identicalDropsInTwoOutboxesAreTwoMessages() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        start(home);
        byte[] text = "**To**: Agent-8\n\nsame words, two senders".getBytes(StandardCharsets.UTF_8);
        FileTime when = FileTime.from(Instant.now().minusSeconds(10));
        for (String agent : List.of("Agent-1", "Agent-2")) {
            Path drop = home.drop(home.home.agentOutbox(agent), "same.md", text);
            Files.setLastModifiedTime(drop, when);
        }
        home.awaitInboxCount("Agent-8", 2);
        goodDropArrives(home, "after-identical");
        List<String> inbox = inboxTexts(home, "Agent-8");
        assertThat(inbox).filteredOn(t -> t.contains("same words, two senders")).hasSize(2);
        assertThat(inbox).anyMatch(t -> t.contains("**From**: Agent-1")).anyMatch(t -> t.contains("**From**: Agent-2"));
    }

    @Test
    void aPlantedInboxFileNeverMakesRecoveryOrReleaseSkipTheRealMessage() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), "cellphone.retry.max-attempts = 40\n");
        home.blockInbox("Agent-5");
        home.blockInbox("Agent-6");
        Process router = startProcess(home, "router-1.log");
        assertThat(Cli.run(home.root, "-a", "Agent-5", "-m", "the real message", "--id", "planted-1").exitCode()).isZero();
        assertThat(Cli.run(home.root, "-a", "Agent-6", "-m", "the held message", "--id", "planted-2").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("router-1.log"))
                .contains("retrying planted-2"));
        assertThat(Cli.run(home.root, "--hold", "planted-2").exitCode()).isZero();
        Cli.kill9(router);
        routers.remove(router);

        // an agent plants files named like the deliveries, written after the messages were accepted
        for (String agent : List.of("Agent-5", "Agent-6")) {
            home.unblockInbox(agent);
            Files.createDirectories(home.home.inbox(agent));
        }
        String later = java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'")
                .withZone(java.time.ZoneOffset.UTC).format(Instant.now().plusSeconds(5));
        Files.writeString(home.home.inbox("Agent-5").resolve(later + "_regular_Agent-4_planted-1.md"), "planted");
        Files.writeString(home.home.inbox("Agent-6").resolve(later + "_regular_Agent-4_planted-2.md"), "planted");

        start(home);
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-5").contains("the real message"));
        Cli.Result released = Cli.run(home.root, "--release", "planted-2");
        assertThat(released.exitCode()).as(released.err()).isZero();
        assertThat(released.out()).doesNotContain("already delivered");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-6").contains("the held message"));
        assertThat(inboxTexts(home, "Agent-5")).filteredOn(t -> t.contains("the real message")).hasSize(1);
        goodDropArrives(home, "after-planted");
    }

    @Test
    void concatenatedJsonCrlfContentAndDecoratedMarkdown() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        start(home);
        home.drop("two.json", "{\"to\":\"Agent-1\",\"content\":\"first\"}{\"to\":\"Agent-2\",\"content\":\"second\"}");
        home.drop("garbage.json", "{\"to\":\"Agent-1\",\"content\":\"half\"} GARBAGE");
        home.drop("windows.json", "{\"id\":\"crlf\",\"to\":\"Agent-3\",\"content\":\"line1\\r\\nline2\"}");
        byte[] fuel = Files.readAllBytes(Path.of("src/test/resources/corpus/messages/"
                + "Agent-7__GAS_FROM_CAPTAIN_V2_WEBHOOK_EXCELLENCE.md"));
        home.drop(home.home.outbox(), "fuel.md", fuel);

        goodDropArrives(home, "after-json");
        home.awaitFailedCount(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> home.inbox("Agent-7").size() == 1);
        assertThat(reasonCodes(home)).containsOnly("malformed").hasSize(2);
        assertThat(inboxText(home, "Agent-2")).doesNotContain("second");
        assertThat(inboxText(home, "Agent-1")).doesNotContain("first").doesNotContain("half");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-3").contains("line1\nline2"));
        assertThat(inboxText(home, "Agent-7")).contains("DUAL COMPLETION - V2 + DISCORD WEBHOOKS");
    }

    @Test
    void aDropWrittenInPlaceInSeveralWritesIsDeliveredWhole() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"), "cellphone.intake.settle = 1500ms\n");
        start(home);
        Path drop = home.home.agentOutbox("Agent-2").resolve("in-place.md");
        Files.writeString(drop, "**To**: Agent-4\n\nfirst part, a message in itself\n");
        Thread.sleep(600);
        Files.writeString(drop, "second part\n", java.nio.file.StandardOpenOption.APPEND);
        Thread.sleep(600);
        Files.writeString(drop, "third part\n", java.nio.file.StandardOpenOption.APPEND);

        goodDropArrives(home, "after-in-place");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-4").contains("first part"));
        List<String> copies = inboxTexts(home, "Agent-4").stream().filter(t -> t.contains("first part")).toList();
        assertThat(copies).hasSize(1);
        assertThat(copies.get(0)).contains("first part, a message in itself\nsecond part\nthird part");
    }

    @Test
    void oddNamesAFutureTimeAndThousandUnknownRecipients() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Path shared = home.home.outbox();
        // a name that is not UTF-8, and an unfinished file dated in the future
        run("bash", "-c", "printf '{\"to\":\"Agent-1\",\"content\":\"odd bytes\"}' > \"$1\"/$'\\xff\\xfe-odd.json'",
                "x", shared.toString());
        Path future = Files.writeString(shared.resolve("future.md"), "**To**: Agent-2\n\nfrom the future");
        Files.setLastModifiedTime(future, FileTime.from(Instant.now().plus(Duration.ofHours(2))));
        StringBuilder many = new StringBuilder("{\"to\":[\"Agent-3\"");
        for (int i = 0; i < 1000; i++) {
            many.append(",\"Stranger-").append(i).append('"');
        }
        home.drop("many.json", many.append("],\"content\":\"one of a thousand\"}").toString());
        start(home);

        goodDropArrives(home, "after-odd");
        await().atMost(Duration.ofSeconds(30)).until(() -> inboxText(home, "Agent-1").contains("odd bytes")
                && inboxText(home, "Agent-2").contains("from the future")
                && inboxText(home, "Agent-3").contains("one of a thousand"));
        // a thousand unknown recipients: one dead-letter entry that names them
        assertThat(home.failedEntries()).hasSize(1);
        JsonNode reason = home.reasonOf(home.failedEntries().get(0));
        assertThat(reason.path("code").asText()).isEqualTo("unknown-recipient");
        assertThat(reason.path("detail").asText()).contains("1000 recipients are not agents").contains("Stranger-0");
        awaitEmpty(shared);
    }

    @Test
    void entriesOfAnAgentThatLeftTheRosterAreDeadLetteredAtStart() throws Exception {
        Path root = tmp.resolve("home");
        Files.createDirectories(root.resolve("config"));
        StringBuilder roster = new StringBuilder("captain: Agent-4\nagents:\n");
        for (int i = 1; i <= 8; i++) {
            roster.append("  - id: Agent-").append(i).append('\n');
        }
        String without = roster.toString();
        roster.append("  - id: Agent-9\n");
        Files.writeString(root.resolve("config/agents.yaml"), roster.toString());
        TestHome home = new TestHome(root, "cellphone.retry.max-attempts = 40\n");
        Files.createDirectories(root.resolve("agent_workspaces/Agent-9"));
        Files.writeString(root.resolve("agent_workspaces/Agent-9/inbox"), "blocked");
        Process router = startProcess(home, "router-1.log");
        assertThat(Cli.run(home.root, "-a", "Agent-9", "-m", "for the leaver", "--id", "leaver-1").exitCode()).isZero();
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(tmp.resolve("router-1.log"))
                .contains("retrying leaver-1"));
        router.destroy();
        router.waitFor(30, TimeUnit.SECONDS);
        routers.remove(router);

        Files.writeString(root.resolve("config/agents.yaml"), without);
        Path log = start(home);
        goodDropArrives(home, "after-roster");
        await().atMost(Duration.ofSeconds(30)).until(() -> reasonCodes(home).contains("unknown-recipient"));
        JsonNode reason = home.reasonOf(home.failedEntries().get(0));
        assertThat(reason.path("id").asText()).isEqualTo("leaver-1");
        assertThat(reason.path("detail").asText()).contains("Agent-9 has left the roster");
        assertThat(Files.readString(log)).contains("1 dead-lettered for agents that left the roster");
        assertThat(TestHome.list(home.home.pending(), "*.json")).isEmpty();
    }

    @Test
    void theCaptainsCopyOfABroadcastGoesAfterEveryOtherCopyBehindABacklog() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        // a backlog on Agent-1's lane, then a broadcast from Agent-2: the captain's copy must wait for Agent-1's
        for (int i = 0; i < 400; i++) {
            home.drop("b" + i + ".json", "{\"id\":\"b" + i + "\",\"to\":\"Agent-1\",\"content\":\"backlog " + i + "\"}");
        }
        home.drop(home.home.agentOutbox("Agent-2"), "zz-all.json",
                "{\"id\":\"all-1\",\"to\":\"all\",\"content\":\"to everyone\"}".getBytes(StandardCharsets.UTF_8));
        start(home);
        await().atMost(Duration.ofSeconds(120)).until(() -> Files.exists(home.home.delivered().resolve("all-1.Agent-4.json")));
        Instant captain = Instant.parse(home.record("all-1", "Agent-4").path("delivered_at").asText());
        assertThat(home.inboxIds("Agent-4")).containsEntry("all-1", 1);
        assertThat(home.record("all-1", "Agent-4").path("inbox_file").asText()).startsWith("agent_workspaces/Agent-4/inbox/");
        for (String agent : List.of("Agent-1", "Agent-3", "Agent-5", "Agent-6", "Agent-7", "Agent-8")) {
            Instant other = Instant.parse(home.record("all-1", agent).path("delivered_at").asText());
            assertThat(other).as(agent).isBefore(captain);
            assertThat(home.inboxIds(agent)).as(agent).containsEntry("all-1", 1);
        }
        goodDropArrives(home, "after-broadcast");
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
    private Path start(TestHome home) throws Exception {
        String name = "router-" + routers.size() + "-" + System.nanoTime() + ".log";
        startProcess(home, name);
        return tmp.resolve(name);
    }

    private Process startProcess(TestHome home, String logName) throws Exception {
        Path log = tmp.resolve(logName);
        Process router = Cli.startRouter(home.root, log);
        routers.add(router);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                && Files.readString(log).contains("router running"));
        return router;
    }

    /** A good drop made now reaches its inbox: the router kept running through what came before. */
    private static void goodDropArrives(TestHome home, String id) throws IOException {
        home.drop(id + ".json", "{\"id\":\"" + id + "\",\"to\":\"Agent-8\",\"content\":\"good " + id + "\"}");
        await().atMost(Duration.ofSeconds(60)).until(() -> home.inboxIds("Agent-8").containsKey(id));
    }

    private static void awaitEmpty(Path outbox) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            try (Stream<Path> files = Files.list(outbox)) {
                return files.noneMatch(f -> !Files.isDirectory(f, LinkOption.NOFOLLOW_LINKS));
            }
        });
    }

    private static List<String> reasonCodes(TestHome home) throws IOException {
        List<String> codes = new ArrayList<>();
        for (Path entry : home.failedEntries()) {
            codes.add(home.reasonOf(entry).path("code").asText());
        }
        return codes;
    }

    private static String inboxText(TestHome home, String agent) throws IOException {
        return String.join("\n", inboxTexts(home, agent));
    }

    private static List<String> inboxTexts(TestHome home, String agent) throws IOException {
        List<String> texts = new ArrayList<>();
        for (Path file : home.inbox(agent)) {
            texts.add(Files.readString(file));
        }
        return texts;
    }

    private static List<String> names(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    private static void moveAside(Path from, Path to) throws IOException {
        Files.move(from, to);
    }

    private static void mkfifo(Path path) throws Exception {
        run("mkfifo", path.toString());
    }

    private static void run(String... command) throws Exception {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", command) + ": " + out).isZero();
    }
}
