package org.agentcellphone.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UrgentPriorityTest {

    static final int BACKLOG = 3000;

    @TempDir
    Path tmp;

    @Test
    void urgentMessageOvertakesRegularBacklog() throws Exception {
        try (TestHome home = new TestHome(tmp.resolve("home")).startRouter()) {
            for (int i = 0; i < BACKLOG; i++) {
                home.drop(String.format("r%05d.json", i), "{\"id\":\"r" + i + "\",\"to\":\"Agent-1\",\"content\":\"regular " + i + "\"}");
            }
            await().atMost(Duration.ofSeconds(120)).until(() -> TestHome.list(home.home.outbox(), "*").isEmpty());
            int waiting = TestHome.list(home.home.pending(), "*.json").size();
            home.drop("urgent.json", "{\"id\":\"u1\",\"to\":\"Agent-1\",\"priority\":\"urgent\",\"content\":\"now\"}");
            await().atMost(Duration.ofSeconds(180)).until(() -> home.records().size() == BACKLOG + 1);

            JsonNode urgent = home.record("u1", "Agent-1");
            Instant urgentAccepted = Instant.parse(urgent.path("accepted_at").asText());
            Instant urgentDelivered = Instant.parse(urgent.path("delivered_at").asText());
            List<Instant> regularDelivered = new ArrayList<>();
            List<JsonNode> regulars = new ArrayList<>();
            for (Path record : home.records()) {
                JsonNode r = Json.MAPPER.readTree(record.toFile());
                if (!r.path("id").asText().equals("u1")) {
                    regularDelivered.add(Instant.parse(r.path("delivered_at").asText()));
                    regulars.add(r);
                }
            }
            long overtaken = regularDelivered.stream().filter(t -> t.isAfter(urgentDelivered)).count();
            long deliveredWhileUrgentWaited = regularDelivered.stream()
                    .filter(t -> t.isAfter(urgentAccepted) && t.isBefore(urgentDelivered)).count();
            System.out.printf("backlog when the urgent was dropped: %d, overtaken: %d, delivered while it waited: %d%n",
                    waiting, overtaken, deliveredWhileUrgentWaited);
            // the lane finishes the delivery it is in (and any that complete while the urgent entry is being
            // written to pending/ and queued), then takes the urgent one: a handful at most, never the backlog
            assertThat(deliveredWhileUrgentWaited).isLessThanOrEqualTo(Math.max(5, waiting / 100));
            assertThat(waiting).as("backlog waiting when the urgent message was dropped").isGreaterThan(100);
            assertThat(overtaken).isGreaterThanOrEqualTo(waiting / 2);
            // within one priority, acceptance order: sorted by acceptance, the delivery times never go back
            regulars.sort(java.util.Comparator.comparingLong(r -> r.path("seq").asLong()));
            Instant previous = Instant.EPOCH;
            for (JsonNode r : regulars) {
                Instant delivered = Instant.parse(r.path("delivered_at").asText());
                assertThat(delivered).as(r.path("id").asText()).isAfterOrEqualTo(previous);
                previous = delivered;
            }
            assertThat(home.inbox("Agent-1")).hasSize(BACKLOG + 1);
        }
    }

    @Test
    void anUrgentDropIsAcceptedBeforeTheRegularDropsWaitingInItsOwnFolder() throws Exception {
        int waiting = 1500;
        try (TestHome home = new TestHome(tmp.resolve("home"))) {
            Path agentOutbox = home.home.agentOutbox("Agent-2");
            for (int i = 0; i < waiting; i++) {
                home.drop(String.format("r%05d.json", i), "{\"id\":\"r" + i + "\",\"to\":\"Agent-" + (i % 8 + 1)
                        + "\",\"content\":\"regular, not urgent " + i + "\"}");
                home.drop(agentOutbox, String.format("a%05d.json", i), ("{\"id\":\"a" + i
                        + "\",\"to\":\"Agent-" + (i % 8 + 1) + "\",\"content\":\"regular " + i + "\"}")
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            }
            // written last, named last: in arrival order and in name order behind every regular drop of its folder
            home.drop("z-urgent.json", "{\"id\":\"u-shared\",\"to\":\"Agent-1\",\"priority\":\"urgent\","
                    + "\"content\":\"now\"}");
            home.drop(agentOutbox, "z-urgent.md", "**To:** Agent-3\n**Priority:** \uD83D\uDEA8 URGENT\n\nnow, by hand\n"
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8));
            // past the settle time every drop is complete however its times fell (a rename within the clock's tick
            // leaves its change time equal to its write time): the order is intake's alone
            Thread.sleep(600);
            home.startRouter();
            await().atMost(Duration.ofSeconds(240)).until(() -> home.records().size() == 2 * waiting + 2);

            long sharedUrgent = home.record("u-shared", "Agent-1").path("seq").asLong();
            JsonNode byHand = null;
            List<Long> shared = new ArrayList<>();
            List<Long> own = new ArrayList<>();
            for (Path record : home.records()) {
                JsonNode r = Json.MAPPER.readTree(record.toFile());
                String id = r.path("id").asText();
                if (id.startsWith("r")) {
                    shared.add(r.path("seq").asLong());
                } else if (id.startsWith("a")) {
                    own.add(r.path("seq").asLong());
                } else if (!id.equals("u-shared")) {
                    byHand = r;
                }
            }
            assertThat(byHand).as("the agent's urgent Markdown drop").isNotNull();
            assertThat(byHand.path("priority").asText()).isEqualTo("urgent");
            assertThat(shared).hasSize(waiting).allMatch(seq -> seq > sharedUrgent);
            long ownUrgent = byHand.path("seq").asLong();
            assertThat(own).hasSize(waiting).allMatch(seq -> seq > ownUrgent);
            assertThat(home.failedEntries()).isEmpty();
        }
    }
}
