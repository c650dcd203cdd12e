package org.agentcellphone.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.MessageType;
import org.agentcellphone.model.Priority;
import org.agentcellphone.model.ReasonCode;
import org.junit.jupiter.api.Test;
import org.agentcellphone.store.Drop;

class DropValidatorTest {

    /** The real messages of the original system (test resources, taken unchanged). */
    static final Path CORPUS = Path.of("src/test/resources/corpus/messages");

    private final DropValidator validator = new DropValidator(Roster.defaults(), "Agent-4", 1024 * 1024);

    private IntakeDecision decide(String name, String text) {
        return decide(name, text, null);
    }

    private IntakeDecision decide(String name, String text, String owner) {
        return validator.decide(new Drop("message_queue/outbox", name, owner, text.getBytes(StandardCharsets.UTF_8), 1000L));
    }

    private AcceptedMessage accepted(String name, String text) {
        IntakeDecision decision = decide(name, text);
        assertThat(decision.rejection()).as("rejection").isNull();
        return decision.message();
    }

    private ReasonCode rejected(String name, String text) {
        IntakeDecision decision = decide(name, text);
        assertThat(decision.isRejected()).as("rejected").isTrue();
        return decision.rejection().code();
    }

    @Test
    void ackRequiredAndTheTmuxModeAreReadFromJsonAndMarkdown() {
        AcceptedMessage json = accepted("a.json",
                "{\"to\":\"Agent-7\",\"content\":\"hi\",\"ack_required\":true,\"mode\":\"tmux\"}");
        assertThat(json.message().asksForAck()).isTrue();
        assertThat(json.message().mode()).isEqualTo("tmux");
        assertThat(accepted("b.json", "{\"to\":\"Agent-7\",\"content\":\"hi\",\"ack_required\":false}")
                .message().asksForAck()).isFalse();
        assertThat(rejected("c.json", "{\"to\":\"Agent-7\",\"content\":\"hi\",\"ack_required\":\"yes\"}"))
                .as("JSON is strict: a boolean").isEqualTo(ReasonCode.INVALID_FIELD);
        AcceptedMessage md = accepted("d.md", "**To**: Agent-7\n**Ack-Required**: yes\n\nPlease confirm.");
        assertThat(md.message().asksForAck()).isTrue();
        assertThat(md.message().content()).isEqualTo("Please confirm.");
    }

    @Test
    void jsonDropNeedsOnlyToAndContent() {
        AcceptedMessage m = accepted("a.json", "{\"to\":\"agent-7\",\"content\":\"hi\"}");
        assertThat(m.recipients()).containsExactly("Agent-7");
        assertThat(m.message().from()).isEqualTo("Agent-4");
        assertThat(m.message().priority()).isEqualTo(Priority.REGULAR);
        assertThat(m.message().type()).isEqualTo(MessageType.TEXT);
        assertThat(m.message().mode()).as("no mode: the recipient is woken its own way").isNull();
        assertThat(m.message().asksForAck()).isFalse();
        assertThat(m.message().id()).startsWith("d-");
    }

    @Test
    void jsonPriorityAliasesAreAcceptedAndUnknownOnesRejected() {
        assertThat(accepted("a.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"priority\":\"HIGH\"}").message().priority())
                .isEqualTo(Priority.URGENT);
        assertThat(accepted("a.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"priority\":\"normal\"}").message().priority())
                .isEqualTo(Priority.REGULAR);
        assertThat(rejected("a.json", "{\"to\":\"Agent-1\",\"content\":\"x\",\"priority\":\"soon\"}"))
                .isEqualTo(ReasonCode.INVALID_FIELD);
    }

    @Test
    void allMeansEveryOtherActiveAgentCaptainLast() {
        AcceptedMessage m = accepted("a.json", "{\"to\":\"all\",\"from\":\"Agent-2\",\"content\":\"x\"}");
        assertThat(m.recipients()).containsExactly("Agent-1", "Agent-3", "Agent-5", "Agent-6", "Agent-7", "Agent-8",
                "Agent-4");
    }

    @Test
    void knownAndUnknownRecipientsAreSplit() {
        AcceptedMessage m = accepted("a.json", "{\"to\":[\"Agent-1\",\"../etc\",\"captain\"],\"content\":\"x\"}");
        assertThat(m.recipients()).containsExactly("Agent-1", "Agent-4");
        assertThat(m.unknownRecipients()).containsExactly("../etc");
    }

    @Test
    void onlyUnknownRecipientsIsUnknownRecipient() {
        assertThat(rejected("a.json", "{\"to\":\"Agent-9\",\"content\":\"x\"}")).isEqualTo(ReasonCode.UNKNOWN_RECIPIENT);
        assertThat(rejected("a.json", "{\"to\":\"../../Agent-1\",\"content\":\"x\"}")).isEqualTo(ReasonCode.UNKNOWN_RECIPIENT);
        assertThat(rejected("a.json", "{\"to\":\"Agent-1\\u0000\",\"content\":\"x\"}")).isEqualTo(ReasonCode.UNKNOWN_RECIPIENT);
    }

    @Test
    void ownerOfTheOutboxIsTheSenderWhateverTheFileClaims() {
        IntakeDecision d = decide("a.json", "{\"to\":\"all\",\"from\":\"Agent-4\",\"content\":\"x\"}", "Agent-3");
        assertThat(d.message().message().from()).isEqualTo("Agent-3");
        assertThat(d.message().message().claimedFrom()).isEqualTo("Agent-4");
        assertThat(d.message().recipients()).doesNotContain("Agent-3").endsWith("Agent-4");
    }

    @Test
    void markdownHeadersInEveryLooseForm() {
        for (String to : List.of("**To**: Agent-7", "**To:** Agent-7  ", "To: Agent-7", "**TO:** Agent-7 - Web Development")) {
            AcceptedMessage m = accepted("m.md", "# Title\n\n" + to + "\n**From:** Agent-2  \n\n---\n\nBody\n\nmore");
            assertThat(m.recipients()).as(to).containsExactly("Agent-7");
            assertThat(m.message().from()).isEqualTo("Agent-2");
            assertThat(m.message().content()).isEqualTo("Body\n\nmore");
            assertThat(m.message().subject()).isEqualTo("Title");
        }
    }

    @Test
    void markdownRecipientsCarryDescriptions() {
        assertThat(accepted("m.md", "**To**: Captain (Agent-4)\n\nx").recipients()).containsExactly("Agent-4");
        assertThat(accepted("m.md", "**To**: Captain\n\nx").recipients()).containsExactly("Agent-4");
        assertThat(accepted("m.md", "**To:** Captain Agent-4 + Co-Captain Agent-6\n\nx").recipients())
                .containsExactly("Agent-4", "Agent-6");
        assertThat(accepted("m.md", "**To**: Agent-1, Agent-2 - Architecture & Design\n\nx").recipients())
                .containsExactly("Agent-1", "Agent-2");
        assertThat(accepted("m.md", "**To**: All Agents\n**From**: Agent-5\n\nx").recipients())
                .containsExactly("Agent-1", "Agent-2", "Agent-3", "Agent-6", "Agent-7", "Agent-8", "Agent-4");
    }

    @Test
    void markdownPriorityIsFreeTextKeptAsWritten() {
        AcceptedMessage m = accepted("m.md", "**To**: Agent-1\n**Priority**: 🚨 URGENT - DECISION REQUIRED\n\nx");
        assertThat(m.message().priority()).isEqualTo(Priority.URGENT);
        assertThat(m.message().priorityLabel()).isEqualTo("🚨 URGENT - DECISION REQUIRED");
        assertThat(accepted("m.md", "**To**: Agent-1\n**Priority**: HIGH - Continue Excellence\n\nx").message().priority())
                .isEqualTo(Priority.URGENT);
        assertThat(accepted("m.md", "**To**: Agent-1\n**Priority**: INFO\n\nx").message().priority()).isEqualTo(Priority.REGULAR);
    }

    @Test
    void markdownWithoutRecipientIsMissingField() {
        assertThat(rejected("m.md", "# Message from Agent-6 to Agent-2\n**Priority**: REGULAR\n\nHi")).isEqualTo(ReasonCode.MISSING_FIELD);
        assertThat(rejected("m.md", "**To**: Commander\n\nHi")).isEqualTo(ReasonCode.MISSING_FIELD);
    }

    @Test
    void bomAndCrlfAreAccepted() {
        AcceptedMessage m = accepted("m.md", "\uFEFF**To**: Agent-1\r\n**From**: Agent-2\r\n\r\nline one\r\nline two\r\n");
        assertThat(m.recipients()).containsExactly("Agent-1");
        assertThat(m.message().content()).isEqualTo("line one\nline two");
    }

    @Test
    void unknownHeadersStayInTheContent() {
        AcceptedMessage m = accepted("m.md", "**To**: Agent-1\n**Mission:** Audit\n---\nBody");
        assertThat(m.message().content()).isEqualTo("**Mission:** Audit\n\nBody");
    }

    @Test
    void everyCorpusMessageIsAcceptedOrMissingItsRecipient() throws IOException {
        List<String> seen = new ArrayList<>();
        int accepted = 0;
        try (var files = Files.newDirectoryStream(CORPUS)) {
            for (Path file : files) {
                IntakeDecision d = validator.decide(new Drop("corpus", file.getFileName().toString(), null,
                        Files.readAllBytes(file), 1L));
                if (d.isRejected()) {
                    assertThat(d.rejection().code()).as(file.getFileName().toString()).isEqualTo(ReasonCode.MISSING_FIELD);
                } else {
                    // the corpus file names are <inbox owner>__<name>: the message was delivered to that agent
                    String owner = file.getFileName().toString().split("__")[0];
                    assertThat(d.message().recipients()).as(file.getFileName().toString()).contains(owner);
                    assertThat(d.message().unknownRecipients()).as(file.getFileName().toString()).isEmpty();
                    accepted++;
                }
                seen.add(file.getFileName().toString());
            }
        }
        assertThat(seen).hasSizeGreaterThanOrEqualTo(71);
        assertThat(accepted).isGreaterThan(30);
    }

    @Test
    void corpusRecipientLineNamesTheRightAgent() throws IOException {
        AcceptedMessage m = validator.decide(new Drop("corpus", "x.md", null, Files.readAllBytes(
                CORPUS.resolve("Agent-4__AGENT_1_CRITICAL_AUDIT_FINDINGS.md")), 1L)).message();
        assertThat(m.recipients()).containsExactly("Agent-4");
        assertThat(m.message().priority()).isEqualTo(Priority.URGENT);
        assertThat(m.message().from()).startsWith("Agent-1");
    }

    @Test
    void corpusHeadersAfterDecorationAreRead() throws IOException {
        // a bold emoji title line that is not a # heading, then the headers
        AcceptedMessage fuel = validator.decide(new Drop("corpus", "x.md", null, Files.readAllBytes(
                CORPUS.resolve("Agent-7__GAS_FROM_CAPTAIN_V2_WEBHOOK_EXCELLENCE.md")), 1L)).message();
        assertThat(fuel.recipients()).containsExactly("Agent-7");
        assertThat(fuel.message().priority()).isEqualTo(Priority.URGENT);
        assertThat(fuel.message().content()).startsWith("## 🎉 **DUAL COMPLETION").doesNotContain("JET FUEL DELIVERY");
    }

    @Test
    void routingLineAndUnderlinedTitleBeforeUpperCaseHeaders() {
        AcceptedMessage m = accepted("m.md", "[A2A] Agent-1 → Agent-2\n\nSprint hand-over\n================\n\n"
                + "**FROM:** Agent-1\n**TO:** Agent-3\n**PRIORITY:** urgent\n\nThe body.\n");
        assertThat(m.recipients()).containsExactly("Agent-3");
        assertThat(m.message().from()).isEqualTo("Agent-1");
        assertThat(m.message().subject()).isEqualTo("Sprint hand-over");
        assertThat(m.message().priority()).isEqualTo(Priority.URGENT);
        assertThat(m.message().content()).isEqualTo("The body.");
    }

    @Test
    void jsonDropIsExactlyOneObject() {
        for (String text : List.of("{\"to\":\"Agent-1\",\"content\":\"a\"}{\"to\":\"Agent-2\",\"content\":\"b\"}",
                "{\"to\":\"Agent-1\",\"content\":\"a\"} GARBAGE", "{\"to\":\"Agent-1\",\"content\":\"a\"}\n[1]")) {
            IntakeDecision d = validator.decide(new Drop("outbox", "two.json", null,
                    text.getBytes(StandardCharsets.UTF_8), 1L));
            assertThat(d.isRejected()).as(text).isTrue();
            assertThat(d.rejection().code()).as(text).isEqualTo(ReasonCode.MALFORMED);
        }
        assertThat(accepted("one.json", "{\"to\":\"Agent-1\",\"content\":\"a\"}\n\n").message().content()).isEqualTo("a");
    }

    @Test
    void crlfInsideJsonContentKeepsItsText() {
        AcceptedMessage m = accepted("win.json", "{\"to\":\"Agent-1\",\"content\":\"line1\\r\\nline2\\rline3\"}");
        assertThat(m.message().content()).isEqualTo("line1\nline2\nline3");
    }
}
