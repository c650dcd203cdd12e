package org.agentcellphone.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small soak of the default suite: the full one is {@code bin/cellphone soak}. */
class SoakTest {

    @TempDir
    Path tmp;

    @Test
    void routerKilledTwiceMidStreamAndFourWriterProcessesLoseAndDuplicateNothing() throws Exception {
        Soak soak = new Soak(1500, 2, 4, 150, tmp.resolve("soak"), 42);
        List<Soak.Outcome> outcomes = soak.run();
        soak.log().forEach(System.out::println);
        outcomes.forEach(System.out::println);
        assertThat(soak.log()).filteredOn(line -> line.startsWith("kill -9")).hasSize(2);
        assertThat(outcomes).hasSize(2);
        for (Soak.Outcome outcome : outcomes) {
            assertThat(outcome.lost()).as(outcome.phase() + " lost").isZero();
            assertThat(outcome.duplicated()).as(outcome.phase() + " duplicated").isZero();
            assertThat(outcome.deadLettered()).as(outcome.phase() + " dead-lettered").isZero();
            assertThat(outcome.delivered()).isEqualTo(outcome.expected());
        }
    }
}
