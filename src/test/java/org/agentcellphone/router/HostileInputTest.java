package org.agentcellphone.router;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad drop ends in the dead letter with the right reason code and its bytes unchanged; the router keeps
 * running and nothing is written outside the home.
 */
class HostileInputTest {

    @TempDir
    Path tmp;

    record Case(String name, byte[] bytes, String code) {
        static Case of(String name, String text, String code) {
            return new Case(name, text.getBytes(StandardCharsets.UTF_8), code);
        }
    }

    static List<Case> cases() {
        byte[] binary = new byte[2048];
        new Random(7).nextBytes(binary);
        binary[10] = 0;
        byte[] huge = new byte[1024 * 1024 + 10];
        Arrays.fill(huge, (byte) 'a');
        List<Case> cases = new ArrayList<>(List.of(
                Case.of("truncated.json", "{\"to\":\"Agent-1\",", "malformed"),
                Case.of("empty.json", "", "malformed"),
                Case.of("empty.md", "", "malformed"),
                Case.of("whitespace.md", "  \n\n\t \n", "malformed"),
                new Case("binary.md", binary, "malformed"),
                new Case("latin1.json", new byte[] {'{', '"', 't', 'o', '"', ':', '"', (byte) 0xE9, '"', '}'}, "malformed"),
                Case.of("array.json", "[{\"to\":\"Agent-1\",\"content\":\"x\"}]", "malformed"),
                Case.of("dupkeys.json", "{\"to\":\"Agent-1\",\"to\":\"Agent-2\",\"content\":\"x\"}", "malformed"),
                new Case("huge.md", huge, "too-large"),
                Case.of("payload.exe", "MZ not a message", "unsupported-format"),
                Case.of("noextension", "{\"to\":\"Agent-1\",\"content\":\"x\"}", "unsupported-format"),
                Case.of("nocontent.json", "{\"to\":\"Agent-1\"}", "missing-field"),
                Case.of("noto.json", "{\"content\":\"x\"}", "missing-field"),
                Case.of("emptyto.json", "{\"to\":[],\"content\":\"x\"}", "missing-field"),
                Case.of("norecipient.md", "# Hello\n**From**: Agent-2\n\nno recipient line", "missing-field"),
                Case.of("traversal.json", "{\"to\":\"../../etc/passwd\",\"content\":\"x\"}", "unknown-recipient"),
                Case.of("slashes.json", "{\"to\":\"Agent-1/../../outside\",\"content\":\"x\"}", "unknown-recipient"),
                Case.of("stranger.json", "{\"to\":\"Agent-9\",\"content\":\"x\"}", "unknown-recipient"),
                Case.of("ctrlto.md", "**To**: Agent-1\u001b[2J\n\nx", "unknown-recipient"),
                Case.of("ctrlfrom.json", "{\"to\":\"Agent-1\",\"from\":\"Agent-2\\u0007\",\"content\":\"x\"}", "invalid-field"),
                Case.of("numberto.json", "{\"to\":7,\"content\":\"x\"}", "invalid-field"),
                Case.of("objectcontent.json", "{\"to\":\"Agent-1\",\"content\":{\"a\":1}}", "invalid-field"),
                Case.of("unknownfield.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"exec\":\"rm -rf /\"}", "invalid-field"),
                Case.of("badid.json", "{\"id\":\"../../x\",\"to\":\"Agent-1\",\"content\":\"x\"}", "invalid-field"),
                Case.of("longid.json", "{\"id\":\"" + "i".repeat(129) + "\",\"to\":\"Agent-1\",\"content\":\"x\"}", "invalid-field"),
                Case.of("badpriority.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"priority\":\"whenever\"}", "invalid-field"),
                Case.of("badmode.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"mode\":\"telepathy\"}", "invalid-field"),
                Case.of("badtype.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"type\":\"virus\"}", "invalid-field"),
                Case.of("tagsstring.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"tags\":\"a,b\"}", "invalid-field"),
                Case.of("escape.json", "{\"to\":\"Agent-1\",\"content\":\"\\u001b]0;pwned\\u0007\"}", "invalid-field"),
                Case.of("longfrom.json", "{\"to\":\"Agent-1\",\"from\":\"" + "f".repeat(65) + "\",\"content\":\"x\"}", "invalid-field")));
        return cases;
    }

    @Test
    void everyHostileDropIsDeadLetteredWithItsReasonAndTheRouterKeepsRunning() throws Exception {
        List<Case> cases = cases();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(20);
        try (TestHome home = new TestHome(tmp.resolve("home")).startRouter()) {
            for (Case c : cases) {
                home.drop(home.home.outbox(), c.name(), c.bytes());
            }
            home.awaitFailedCount(cases.size());
            List<Path> failed = home.failedEntries();
            assertThat(failed).hasSize(cases.size());
            for (Case c : cases) {
                Path entry = failed.stream().filter(p -> p.getFileName().toString().endsWith("_" + c.name()))
                        .findFirst().orElseThrow(() -> new AssertionError("no dead letter for " + c.name()));
                assertThat(Files.readAllBytes(entry)).as(c.name() + " bytes").isEqualTo(c.bytes());
                assertThat(home.reasonOf(entry).path("code").asText()).as(c.name()).isEqualTo(c.code());
                assertThat(home.reasonOf(entry).path("detail").asText()).as(c.name()).isNotBlank();
                assertThat(home.reasonOf(entry).path("source").asText()).isEqualTo("message_queue/outbox");
            }

            // still running: a good message after all that is delivered, BOM and CRLF included
            home.drop(home.home.outbox(), "good.json",
                    "\uFEFF{\"id\":\"still-alive\",\r\n\"to\":\"Agent-1\",\r\n\"content\":\"ok\"}".getBytes(StandardCharsets.UTF_8));
            home.awaitInboxCount("Agent-1", 1);
            assertThat(home.inboxIds("Agent-1")).containsOnlyKeys("still-alive");
            assertThat(TestHome.list(home.home.outbox(), "*")).isEmpty();
        }
        // nothing was written next to the home
        try (var siblings = Files.list(tmp)) {
            assertThat(siblings.map(p -> p.getFileName().toString()).toList()).containsExactly("home");
        }
    }
}
