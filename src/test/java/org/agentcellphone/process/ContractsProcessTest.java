package org.agentcellphone.process;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.agents.Contracts;
import org.agentcellphone.agents.Task;
import org.agentcellphone.model.Json;
import org.agentcellphone.support.Cli;
import org.agentcellphone.support.TestHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Task claims from separate processes at the same time. */
class ContractsProcessTest {

    @TempDir
    Path tmp;

    @Test
    void firstClaimIsTheHighestPriorityAndEightConcurrentClaimersTakeEveryTaskExactlyOnce() throws Exception {
        TestHome home = new TestHome(tmp.resolve("home"));
        Contracts contracts = new Contracts(home.home);
        for (int i = 0; i < 19; i++) {
            contracts.add("task " + i, null, i % 2 == 0 ? Task.Priority.LOW : Task.Priority.MEDIUM, i);
        }
        String critical = contracts.add("the critical one", null, Task.Priority.CRITICAL, 100).id();

        // the first claim, whoever makes it, is the highest-priority task (added last, so not merely the oldest)
        Cli.Result first = Cli.run(home.root, "--get-next-task", "-a", "Agent-8", "--json");
        assertThat(first.exitCode()).isZero();
        JsonNode firstTask = Json.MAPPER.readTree(first.out());
        assertThat(firstTask.path("id").asText()).isEqualTo(critical);
        assertThat(firstTask.path("assigned_to").asText()).isEqualTo("Agent-8");

        // then eight processes race for the other nineteen
        List<Process> claimers = new ArrayList<>();
        for (int a = 1; a <= 8; a++) {
            String loop = "while true; do \"$0\" --get-next-task -a Agent-" + a + " --json; rc=$?; [ $rc -eq 0 ] || break; done; "
                    + "[ $rc -eq 5 ]";
            claimers.add(Cli.shell(home.root, loop, tmp.resolve("claimer-" + a + ".log")));
        }
        for (Process p : claimers) {
            assertThat(p.waitFor(300, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as("claimer ends with 'no tasks' (5)").isZero();
        }

        List<String> claimedIds = new ArrayList<>(List.of(critical));
        for (int a = 1; a <= 8; a++) {
            for (String line : Files.readAllLines(tmp.resolve("claimer-" + a + ".log"))) {
                if (line.startsWith("{")) {
                    JsonNode task = Json.MAPPER.readTree(line);
                    claimedIds.add(task.path("id").asText());
                    assertThat(task.path("assigned_to").asText()).isEqualTo("Agent-" + a);
                    assertThat(task.path("priority").asText()).isNotEqualTo("CRITICAL");
                }
            }
        }
        Set<String> unique = new HashSet<>(claimedIds);
        assertThat(claimedIds).hasSize(20);
        assertThat(unique).hasSize(20);
        assertThat(contracts.all()).allMatch(t -> t.state() == Task.State.CLAIMED);

        Cli.Result none = Cli.run(home.root, "--get-next-task", "-a", "Agent-1");
        assertThat(none.exitCode()).isEqualTo(5);
        assertThat(none.out()).contains("no tasks");
        assertThat(Cli.run(home.root, "--get-next-task").exitCode()).isEqualTo(3);
        assertThat(Cli.run(home.root, "--complete-task", critical).exitCode()).isEqualTo(3);
    }
}
