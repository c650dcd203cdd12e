package org.agentcellphone.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.agentcellphone.store.Drop;

class MessageIdsTest {

    private static Drop drop(String name, String text, long mtime) {
        return new Drop("message_queue/outbox", name, null, text.getBytes(StandardCharsets.UTF_8), mtime);
    }

    @Test
    void theSameFileReadTwiceGetsTheSameId() {
        assertThat(drop("a.md", "hello", 5).derivedId()).isEqualTo(drop("a.md", "hello", 5).derivedId());
    }

    @Test
    void twoDropsWithEqualTextAreTwoMessages() {
        assertThat(drop("a.md", "hello", 5).derivedId()).isNotEqualTo(drop("b.md", "hello", 5).derivedId());
        assertThat(drop("a.md", "hello", 5).derivedId()).isNotEqualTo(drop("a.md", "hello", 6).derivedId());
    }

    @Test
    void validIdsAreShortSafeWords() {
        assertThat(MessageIds.isValid("msg_2025.08-31")).isTrue();
        assertThat(MessageIds.isValid("../x")).isFalse();
        assertThat(MessageIds.isValid("..")).isFalse();
        assertThat(MessageIds.isValid("a b")).isFalse();
        assertThat(MessageIds.isValid("x".repeat(129))).isFalse();
        assertThat(MessageIds.isValid(drop("a", "b", 1).derivedId())).isTrue();
    }
}
