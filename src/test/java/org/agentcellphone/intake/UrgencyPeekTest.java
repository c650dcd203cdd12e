package org.agentcellphone.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class UrgencyPeekTest {

    private static boolean peek(String text) {
        return UrgencyPeek.looksUrgent(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aJsonPriorityFieldIsReadFromTheFirstBytes() {
        assertThat(peek("{\"id\":\"1\",\"to\":\"Agent-1\",\"priority\":\"urgent\",\"content\":\"x\"}")).isTrue();
        assertThat(peek("{ \"priority\" : \"HIGH\", \"to\": \"Agent-1\" }")).isTrue();
        assertThat(peek("{\"to\":\"Agent-1\",\"priority\":\"regular\",\"content\":\"urgent, critical, asap\"}"))
                .as("the content's words are not its priority").isFalse();
        assertThat(peek("{\"to\":\"Agent-1\",\"content\":\"urgent\"}")).as("no priority field").isFalse();
    }

    @Test
    void aMarkdownPriorityHeaderIsReadDecoratedOrNot() {
        assertThat(peek("# Note\n**Priority:** \uD83D\uDEA8 URGENT\n**To:** Agent-1\n\nbody")).isTrue();
        assertThat(peek("To: Agent-1\nPriority: HIGH - Continue Excellence\n\nbody")).isTrue();
        assertThat(peek("To: Agent-1\nPriority: normal\n\nan urgent body")).isFalse();
    }

    @Test
    void aPriorityPastTheHeadOrNoBytesAtAllIsNotLookedFor() {
        assertThat(peek("x".repeat(UrgencyPeek.HEAD_BYTES) + "\"priority\":\"urgent\"")).isFalse();
        assertThat(UrgencyPeek.looksUrgent(null)).isFalse();
        assertThat(UrgencyPeek.looksUrgent(new byte[0])).isFalse();
    }
}
