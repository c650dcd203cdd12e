package org.agentcellphone.gui;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.util.List;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;

/** GUI typing that cannot happen: no display, coordinates off every screen or missing. The inbox copy stays. */
class GuiFailuresTest extends GuiHarness {

    @Test
    void withoutADisplayTheInboxCopyIsDeliveredAndTheRecordSaysWhyTypingFailed() throws Exception {
        TestHome home = guiHome("home", "", rosterWithCoordinates());
        startRouter(home, false);
        assertThat(send(home, "-a", "Agent-5", "-m", "no screen here", "--mode", "gui").exitCode()).isZero();
        home.awaitInboxCount("Agent-5", 1);
        JsonNode record = awaitGuiOutcome(home, "Agent-5");
        assertThat(record.path("gui").path("status").asText()).isEqualTo("failed");
        assertThat(record.path("gui").path("reason").asText()).contains("no display");
        assertThat(home.failedEntries()).as("never dead-lettered for the GUI").isEmpty();
        assertThat(events("Agent-5")).isEmpty();
    }

    @Test
    void coordinatesOutsideEveryScreenAreRefusedNotTypedAndTheOriginalCoordinatesFileIsRead() throws Exception {
        // no coordinates in the roster: they come from the original system's file, Agent-8's on a monitor we lack
        TestHome home = guiHome("home", "", null);
        StringBuilder coords = new StringBuilder("{\"version\": \"2.0.0\", \"agents\": {");
        for (int n = 1; n <= 8; n++) {
            if (n == 7) {
                continue;
            }
            int[] chat = n == 8 ? new int[] {-1269, 481} : chatInput(n);
            coords.append(n > 1 ? "," : "").append("\"Agent-").append(n).append("\": {\"chat_input_coordinates\": [")
                    .append(chat[0]).append(", ").append(chat[1]).append("], \"onboarding_input_coords\": [")
                    .append(onboardingInput(n)[0]).append(", ").append(onboardingInput(n)[1])
                    .append("], \"active\": true}");
        }
        coords.append("}}");
        Files.writeString(home.root.resolve("cursor_agent_coords.json"), coords);
        startRouter(home, true);

        assertThat(send(home, "-a", "Agent-8", "-m", "off screen", "--mode", "gui").exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-7", "-m", "nowhere to type", "--mode", "gui").exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-1", "-m", "on screen", "--mode", "gui").exitCode()).isZero();
        List<JsonNode> one = awaitEvents("Agent-1", 1);
        assertThat(one.get(0).path("text").asText()).isEqualTo("[C2A] Agent-1\n\non screen");
        JsonNode record = awaitGuiOutcome(home, "Agent-8");
        assertThat(record.path("gui").path("status").asText()).isEqualTo("failed");
        assertThat(record.path("gui").path("reason").asText())
                .contains("(-1269, 481)", "cursor_agent_coords.json", "outside every screen");
        JsonNode none = awaitGuiOutcome(home, "Agent-7");
        assertThat(none.path("gui").path("status").asText()).isEqualTo("failed");
        assertThat(none.path("gui").path("reason").asText()).contains("no chat_input coordinates for Agent-7");
        assertThat(home.inbox("Agent-7")).hasSize(1);
        Thread.sleep(500);
        for (int n = 2; n <= 8; n++) {
            assertThat(events("Agent-" + n)).as("nothing typed into Agent-" + n + "'s window").isEmpty();
        }

        Cli.Result shown = send(home, "--coordinates");
        assertThat(shown.out()).contains("Agent-8", "(-1269, 481)", "cursor_agent_coords.json");
    }

    // ---- the desktop: a 4 x 2 grid of chat windows

}
