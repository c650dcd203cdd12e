package org.agentcellphone.gui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;

/** Typing into real chat windows: whole texts in the right window, never interleaved, urgent first. */
class GuiTypingTest extends GuiHarness {

    @Test
    void eachTextLandsWholeInItsOwnWindowUrgentWithCtrlEnterRegularWithEnterAndTheClipboardIsRestored()
            throws Exception {
        TestHome home = guiHome("home", "cellphone.delivery.mode = gui\n", rosterWithCoordinates());
        startRouter(home, true);

        assertThat(send(home, "-a", "Agent-2", "-m", "hello two\nsecond line ✓").exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-6", "-m", "urgent for six", "--urgent", "--mode", "pyautogui")
                .exitCode()).isZero();
        assertThat(send(home, "-a", "Agent-7", "-m", "inbox only", "--mode", "inbox").exitCode()).isZero();
        assertThat(send(home, "--onboard", "-a", "Agent-3").exitCode()).isZero();

        List<JsonNode> two = awaitEvents("Agent-2", 1);
        assertThat(two.get(0).path("key").asText()).isEqualTo("enter");
        assertThat(two.get(0).path("input").asText()).isEqualTo("chat");
        assertThat(two.get(0).path("text").asText()).isEqualTo("[C2A] Agent-2\n\nhello two\nsecond line ✓");

        List<JsonNode> six = awaitEvents("Agent-6", 1);
        assertThat(six.get(0).path("key").asText()).isEqualTo("ctrl+enter");
        assertThat(six.get(0).path("text").asText()).isEqualTo("[C2A] Agent-6 | URGENT\n\nurgent for six");

        List<JsonNode> three = awaitEvents("Agent-3", 2);
        assertThat(three.get(0).path("key").asText()).as("onboarding opens a new tab first").isEqualTo("ctrl+t");
        assertThat(three.get(1).path("key").asText()).isEqualTo("ctrl+enter");
        assertThat(three.get(1).path("input").asText()).isEqualTo("onboarding");
        assertThat(three.get(1).path("text").asText()).startsWith("[C2A] Agent-3 | URGENT\n\n").contains("Agent-3");

        home.awaitInboxCount("Agent-7", 1);
        Thread.sleep(1000);
        assertThat(events("Agent-7")).as("a message in inbox mode is not typed").isEmpty();
        for (String agent : List.of("Agent-1", "Agent-4", "Agent-5", "Agent-8")) {
            assertThat(events(agent)).as(agent + "'s window got nothing").isEmpty();
        }
        assertThat(home.inbox("Agent-2")).as("the inbox copy is written as well").hasSize(1);
        JsonNode record = awaitGuiOutcome(home, "Agent-2");
        assertThat(record.path("gui").path("status").asText()).isEqualTo("typed");
        assertThat(record.path("mode").isNull()).as("the sender chose no mode").isTrue();
        assertThat(record.path("wake").asText()).as("cellphone.delivery.mode = gui chose it").isEqualTo("gui");
        // typed is the notified receipt, by gui
        var wake = new org.agentcellphone.store.Receipts(home.home).wakeOf(record.path("id").asText(), "Agent-2");
        assertThat(wake).get().extracting(org.agentcellphone.store.Receipts.Wake::status).isEqualTo("notified");
        assertThat(wake).get().extracting(org.agentcellphone.store.Receipts.Wake::by).isEqualTo("gui");
        assertThat(clipboard()).isEqualTo(ChatWindows.USER_CLIPBOARD);
    }

    @Test
    void eightConcurrentSendersOfFiveMessagesEachNeverInterleave() throws Exception {
        TestHome home = guiHome("home", "", rosterWithCoordinates());
        startRouter(home, true);
        List<Process> senders = new ArrayList<>();
        for (int s = 1; s <= 8; s++) {
            String loop = "for i in 1 2 3 4 5; do \"$0\" -a Agent-" + s + " --mode gui -m \"sender " + s
                    + " message $i: the whole text must arrive in one piece\" > /dev/null || exit 1; done";
            senders.add(Cli.shell(home.root, loop, tmp.resolve("sender-" + s + ".log")));
        }
        for (Process sender : senders) {
            assertThat(sender.waitFor(3, TimeUnit.MINUTES)).isTrue();
            assertThat(sender.exitValue()).as("sender exit code").isZero();
        }
        for (int s = 1; s <= 8; s++) {
            List<JsonNode> got = awaitEvents("Agent-" + s, 5);
            Set<String> texts = new HashSet<>();
            for (JsonNode event : got) {
                assertThat(event.path("key").asText()).isEqualTo("enter");
                String text = event.path("text").asText();
                assertThat(text).matches("\\[C2A\\] Agent-" + s + "\n\nsender " + s
                        + " message [1-5]: the whole text must arrive in one piece");
                texts.add(text);
            }
            assertThat(texts).as("Agent-" + s + " got its own five messages, each once").hasSize(5);
        }
        Thread.sleep(1000);
        for (int s = 1; s <= 8; s++) {
            assertThat(events("Agent-" + s)).hasSize(5);
        }
    }

    @Test
    void anUrgentMessageOvertakesRegularOnesWaitingInTheGuiLane() throws Exception {
        TestHome home = guiHome("home", "", rosterWithCoordinates());
        startRouter(home, true);
        for (int i = 1; i <= 6; i++) {
            home.drop("r" + i + ".json", "{\"id\":\"regular-" + i + "\",\"to\":\"Agent-1\",\"mode\":\"gui\","
                    + "\"content\":\"regular " + i + "\"}");
        }
        awaitEvents("Agent-1", 1);
        home.drop("u.json", "{\"id\":\"the-urgent\",\"to\":\"Agent-2\",\"mode\":\"gui\",\"priority\":\"urgent\","
                + "\"content\":\"urgent\"}");
        awaitEvents("Agent-1", 6);
        awaitEvents("Agent-2", 1);
        List<String> typedOrder = new ArrayList<>();
        await().atMost(Duration.ofSeconds(30)).until(() -> typedRecords(home).size() == 7);
        typedRecords(home).stream()
                .sorted(java.util.Comparator.comparing(r -> r.path("gui").path("typed_at").asText()))
                .forEach(r -> typedOrder.add(r.path("id").asText()));
        assertThat(typedOrder.indexOf("the-urgent")).as("typed in this order: " + typedOrder).isLessThanOrEqualTo(3);
        assertThat(typedOrder.stream().filter(id -> id.startsWith("regular")).toList())
                .as("regular ones keep their order").containsExactly("regular-1", "regular-2", "regular-3",
                        "regular-4", "regular-5", "regular-6");
    }

}
