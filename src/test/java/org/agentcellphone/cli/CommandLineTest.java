package org.agentcellphone.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import java.time.Instant;
import org.agentcellphone.files.Home;
import org.agentcellphone.model.Envelope;
import org.agentcellphone.model.Message;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.store.PendingStore;
import org.agentcellphone.support.Cli;
import org.agentcellphone.metrics.Metrics;
import org.agentcellphone.model.AcceptanceClock;
import org.agentcellphone.model.ReasonCode;
import org.agentcellphone.model.Rejection;
import org.agentcellphone.store.DeadLetter;
import org.agentcellphone.store.Drop;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The verbs run in-process, where no process boundary is the point: exit codes, output, what is on disk. */
class CommandLineTest {

    @TempDir
    Path tmp;

    record Run(int exitCode, String out, String err) {
    }

    private Run run(String... args) {
        var cli = Cellphone.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] withHome = args.length == 0 ? args : Stream.concat(Stream.of(args), Stream.of("--home", tmp.toString())).toArray(String[]::new);
        int code = Cellphone.execute(cli, withHome);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void everyReadOnlyVerbWorksOnAFreshHomeAndCreatesNothing() throws Exception {
        for (List<String> verb : List.of(List.of("history", "--json"), List.of("history"), List.of("stats", "--json"),
                List.of("agents"), List.of("coordinates", "--json"), List.of("status", "--json"),
                List.of("task", "list", "--json"))) {
            Run r = run(verb.toArray(String[]::new));
            assertThat(r.exitCode()).as(verb + ": " + r.err()).isZero();
        }
        assertThat(run("history", "--json").out().replaceAll("\\s", "")).isEqualTo("[]");
        try (Stream<Path> created = Files.list(tmp)) {
            assertThat(created).as("a look changes nothing").isEmpty();
        }
    }

    @Test
    void aBadSettingIsABadUsageNamingTheSettingNotAnInternalError() throws Exception {
        Files.createDirectories(tmp.resolve("config"));
        Files.writeString(tmp.resolve("config/application.properties"), "cellphone.queue.max-size = lots\n");
        Run r = run("send", "-a", "Agent-1", "-m", "hello");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err()).contains("cellphone.queue.max-size").contains("whole number").doesNotContain("internal");
        assertThat(tmp.resolve("message_queue/outbox")).doesNotExist();
    }

    @Test
    void errorsWithJsonAreOneJsonObjectWithTheExitCode() {
        Run r = run("history", "-a", "Agent-42", "--json");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.err().strip()).startsWith("{\"error\":\"unknown agent 'Agent-42'").endsWith("\"exit_code\":2}");
    }

    @Test
    void aWaitIsNotFailedByTheDeadLetterOfAnotherIdThatContainsThisOne() throws Exception {
        Home home = new Home(tmp);
        home.ensureLayout(List.of());
        DeadLetter deadLetter = new DeadLetter(home, new AcceptanceClock(), Metrics.none());
        deadLetter.add("m-12.json", "{}".getBytes(), new Rejection(ReasonCode.UNKNOWN_RECIPIENT, "not ours"),
                "message_queue/outbox", "m-12");
        Run r = run("send", "-a", "Agent-1", "-m", "hello", "--id", "m-1", "--wait=1");
        assertThat(r.exitCode()).as(r.err()).isEqualTo(7);
        assertThat(r.err()).contains("not delivered within 1 s");
    }

    @Test
    void aWaitSeesItsOwnDropRejectedEvenWhenTheDeadLetterRenamedIt() throws Exception {
        // '.' and '_' are not kept in dead-letter names: the wait finds the drop by the name the reason records
        Home home = new Home(tmp);
        home.ensureLayout(List.of());
        AtomicReference<Exception> failure = new AtomicReference<>();
        Thread rejecter = new Thread(() -> {
            try {
                Path outbox = home.outbox();
                while (true) {
                    if (Files.isDirectory(outbox)) {
                        try (Stream<Path> drops = Files.list(outbox)) {
                            List<Path> found = drops.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p)).toList();
                            if (!found.isEmpty()) {
                                Path file = found.get(0);
                                new DeadLetter(home, new AcceptanceClock(), Metrics.none()).reject(
                                        new Drop("message_queue/outbox", file.getFileName().toString(), null,
                                                Files.readAllBytes(file), 0, file, null, null),
                                        new Rejection(ReasonCode.INVALID_FIELD, "refused for the test"));
                                return;
                            }
                        }
                    }
                    Thread.sleep(20);
                }
            } catch (Exception e) {
                failure.set(e);
            }
        });
        rejecter.start();
        Run r = run("send", "-a", "Agent-1", "-m", "hello", "--id", "odd.id_1", "--wait=20");
        rejecter.join();
        assertThat(failure.get()).isNull();
        assertThat(r.exitCode()).as(r.err()).isEqualTo(1);
        assertThat(r.err()).contains("message odd.id_1 failed: refused for the test");
    }

    @Test
    void drainDeliversWhatWasPendingBeforeItStartedAndThenExits() throws Exception {
        // entries a router accepted and left pending (stopped, killed) are recovered at start; drain used to start
        // Camel without handing them to their lanes, and waited for ever
        Home home = new Home(tmp);
        home.ensureLayout(List.of("Agent-2"));
        Envelope left = new Envelope(new Message("left-1", "Agent-4", null, Priority.REGULAR, null, MessageType.TEXT,
                List.of(), null, null, "inbox", null, "left pending"), "Agent-2", Instant.now().toString(),
                "message_queue/outbox/x.json", new AcceptanceClock().next(), null, null);
        new PendingStore(home).write(left);
        Cli.Result drained = Cli.run(tmp, "drain");
        assertThat(drained.exitCode()).as(drained.err()).isZero();
        assertThat(drained.out()).contains("queue drained: 1 delivered record(s)");
        try (Stream<Path> inbox = Files.list(home.inbox("Agent-2"))) {
            assertThat(inbox).hasSize(1);
        }
    }

    @Test
    void ctrlCDuringAWaitExits130AndTheMessageStaysSent() throws Exception {
        Process waiting = Cli.builder(tmp, List.of("send", "-a", "Agent-1", "-m", "hello", "--id", "int-1", "--wait=60"))
                .redirectErrorStream(true).redirectOutput(tmp.resolve("wait.log").toFile()).start();
        Path outbox = tmp.resolve("message_queue/outbox");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (dropsNamed(outbox, "-int-1.json") == 0) {
            assertThat(System.nanoTime()).as("the drop is written").isLessThan(deadline);
            Thread.sleep(50);
        }
        new ProcessBuilder("kill", "-INT", String.valueOf(waiting.pid())).start().waitFor();
        assertThat(waiting.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        assertThat(waiting.exitValue()).isEqualTo(130);
        assertThat(dropsNamed(outbox, "-int-1.json")).isEqualTo(1);
    }

    private static long dropsNamed(Path outbox, String ending) throws Exception {
        if (!Files.isDirectory(outbox)) {
            return 0;
        }
        try (Stream<Path> drops = Files.list(outbox)) {
            return drops.filter(p -> p.toString().endsWith(ending)).count();
        }
    }

    @Test
    void noVerbPrintsTheGuideAndExits2() {
        Run r = run();
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(r.out()).contains("The router", "Sending", "Looking", "Operating the queue", "Tasks", "Exit codes:");
    }
}
