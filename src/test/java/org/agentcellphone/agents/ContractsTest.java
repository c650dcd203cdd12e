package org.agentcellphone.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractsTest {

    @TempDir
    Path workspaces;

    @Test
    void highestPriorityThenOldestIsHandedOutFirst() throws Exception {
        Contracts contracts = new Contracts(new org.agentcellphone.files.Home(workspaces.getParent()));
        contracts.add("old medium", null, Task.Priority.MEDIUM, 1);
        contracts.add("low", null, Task.Priority.LOW, 1);
        contracts.add("first high", null, Task.Priority.HIGH, 1);
        contracts.add("critical", null, Task.Priority.CRITICAL, 1);
        contracts.add("second high", null, Task.Priority.HIGH, 1);
        assertThat(contracts.claimNext("Agent-1").orElseThrow().details().title()).isEqualTo("critical");
        assertThat(contracts.claimNext("Agent-2").orElseThrow().details().title()).isEqualTo("first high");
        assertThat(contracts.claimNext("Agent-1").orElseThrow().details().title()).isEqualTo("second high");
        assertThat(contracts.claimNext("Agent-1").orElseThrow().details().title()).isEqualTo("old medium");
        assertThat(contracts.claimNext("Agent-1").orElseThrow().details().title()).isEqualTo("low");
        assertThat(contracts.claimNext("Agent-1")).isEmpty();
    }

    @Test
    void onlyTheAssigneeCompletesATask() throws Exception {
        Contracts contracts = new Contracts(new org.agentcellphone.files.Home(workspaces.getParent()));
        String id = contracts.add("build it", "all of it", Task.Priority.HIGH, 5).id();
        Task claimed = contracts.claimNext("Agent-7").orElseThrow();
        assertThat(claimed.details().assignedTo()).isEqualTo("Agent-7");
        assertThat(claimed.file()).startsWith(contracts.claimed("Agent-7"));
        assertThatThrownBy(() -> contracts.complete(id, "Agent-2"))
                .hasMessage("task " + id + " is assigned to Agent-7; only Agent-7 can complete it");
        Task done = contracts.complete(id, "Agent-7");
        assertThat(done.state()).isEqualTo(Task.State.COMPLETED);
        assertThat(done.file()).startsWith(contracts.completed());
        assertThat(contracts.find(id).orElseThrow().details().completedAt()).isNotNull();
        assertThatThrownBy(() -> contracts.complete(id, "Agent-7")).hasMessageContaining("is completed, not claimed");
    }
}
