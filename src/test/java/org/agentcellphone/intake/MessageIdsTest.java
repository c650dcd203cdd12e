package org.agentcellphone.intake;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class MessageIdsTest {

    private static Drop drop(String name, String text, long mtime) {
        return new Drop("message_queue/outbox", name, null, text.getBytes(StandardCharsets.UTF_8), mtime);
    }

    @Test
    void theSameFileReadTwiceGetsTheSameId() {
        assertThat(MessageIds.derive(drop("a.md", "hello", 5))).isEqualTo(MessageIds.derive(drop("a.md", "hello", 5)));
    }

    @Test
    void twoDropsWithEqualTextAreTwoMessages() {
        assertThat(MessageIds.derive(drop("a.md", "hello", 5))).isNotEqualTo(MessageIds.derive(drop("b.md", "hello", 5)));
        assertThat(MessageIds.derive(drop("a.md", "hello", 5))).isNotEqualTo(MessageIds.derive(drop("a.md", "hello", 6)));
    }

    @Test
    void validIdsAreShortSafeWords() {
        assertThat(MessageIds.isValid("msg_2025.08-31")).isTrue();
        assertThat(MessageIds.isValid("../x")).isFalse();
        assertThat(MessageIds.isValid("..")).isFalse();
        assertThat(MessageIds.isValid("a b")).isFalse();
        assertThat(MessageIds.isValid("x".repeat(129))).isFalse();
        assertThat(MessageIds.isValid(MessageIds.derive(drop("a", "b", 1)))).isTrue();
    }
}
