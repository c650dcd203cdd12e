package org.agentcellphone.agents;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RosterFileTest {

    static final Path FILE = Path.of("config/agents.yaml");

    @Test
    void rosterFileGivesRolesStateAndCoordinates() {
        Roster roster = RosterFile.parse(FILE, """
                captain: Agent-2
                agents:
                  - id: Agent-1
                    role: Integration
                    chat_input: [-1269, 481]
                    onboarding_input: [-1265, 171]
                  - id: Agent-2
                    role: Architecture
                  - id: Agent-3
                    role: DevOps
                    active: false
                """);
        assertThat(roster.captain()).isEqualTo("Agent-2");
        assertThat(roster.ids()).containsExactly("Agent-1", "Agent-2", "Agent-3");
        assertThat(roster.find("agent-1").orElseThrow().chatInput()).isEqualTo(new Point(-1269, 481, "config/agents.yaml"));
        assertThat(roster.find("Agent-1").orElseThrow().onboardingInput()).isEqualTo(new Point(-1265, 171, "config/agents.yaml"));
        // inactive agents receive no broadcast; the captain comes last
        assertThat(roster.broadcastOrder(null)).containsExactly("Agent-1", "Agent-2");
        assertThat(roster.broadcastOrder("Agent-1")).containsExactly("Agent-2");
    }

    @Test
    void brokenYamlNamesFileAndLine() {
        assertThatThrownBy(() -> RosterFile.parse(FILE, "captain: Agent-4\nagents:\n  - id: [Agent-1\n"))
                .isInstanceOf(RosterFile.Invalid.class).hasMessageStartingWith("config/agents.yaml:")
                .hasMessageContaining("not valid YAML");
    }

    @Test
    void everyProblemNamesItsLine() {
        assertThatThrownBy(() -> RosterFile.parse(FILE, "agents:\n  - id: Agent-1\n    colour: blue\n"))
                .hasMessage("config/agents.yaml:3: unknown agent key 'colour'");
        assertThatThrownBy(() -> RosterFile.parse(FILE, "agents:\n  - id: Agent-1\n    chat_input: [1, x]\n"))
                .hasMessage("config/agents.yaml:3: a screen point must be [x, y] with two whole numbers");
        assertThatThrownBy(() -> RosterFile.parse(FILE, "agents:\n  - id: ../evil\n"))
                .hasMessageStartingWith("config/agents.yaml:2: agent id '../evil'");
        assertThatThrownBy(() -> RosterFile.parse(FILE, "captain: Agent-9\nagents:\n  - id: Agent-1\n"))
                .hasMessage("config/agents.yaml:1: captain 'Agent-9' is not in the roster");
        assertThatThrownBy(() -> RosterFile.parse(FILE, "agents:\n  - id: Agent-1\n    active: maybe\n"))
                .hasMessage("config/agents.yaml:3: 'active' must be true or false, not 'maybe'");
    }

    @Test
    void wakeAndTmuxNameHowAnAgentIsWokenAndAPaneImpliesTmux() {
        Roster roster = RosterFile.parse(FILE, String.join("\n", "captain: Agent-2", "agents:",
                "  - id: Agent-1", "    wake: tmux", "    tmux: swarm:agent-1.0",
                "  - id: Agent-2", "    tmux: '%12'",
                "  - id: Agent-3", "    wake: none",
                "  - id: Agent-4", ""));
        assertThat(roster.find("Agent-1").orElseThrow().wake()).isEqualTo("tmux");
        assertThat(roster.find("Agent-1").orElseThrow().tmux()).isEqualTo("swarm:agent-1.0");
        assertThat(roster.find("Agent-2").orElseThrow().wake()).as("a pane named is a pane to wake").isEqualTo("tmux");
        assertThat(roster.find("Agent-3").orElseThrow().wake()).isEqualTo("none");
        assertThat(roster.find("Agent-4").orElseThrow().wake()).isNull();

        assertThatThrownBy(() -> RosterFile.parse(FILE, "agents:\n  - id: Agent-1\n    wake: tmux\n"))
                .hasMessageContaining("agents.yaml:2").hasMessageContaining("no 'tmux' target");
        assertThatThrownBy(() -> RosterFile.parse(FILE, "agents:\n  - id: Agent-1\n    wake: pager\n"))
                .hasMessageContaining("agents.yaml:3").hasMessageContaining("tmux, gui or none");
        assertThatThrownBy(() -> RosterFile.parse(FILE, "agents:\n  - id: Agent-1\n    tmux: -t evil\n"))
                .hasMessageContaining("agents.yaml:3").hasMessageContaining("tmux target");
    }

    @Test
    void hostSaysWhichHostsRouterDeliversToAnAgentAndNoneMeansEveryHost() {
        Roster roster = RosterFile.parse(FILE, String.join("\n", "captain: Agent-1", "agents:",
                "  - {id: Agent-1, host: build-1.example.com}", "  - {id: Agent-2}", ""));
        assertThat(roster.find("Agent-1").orElseThrow().host()).isEqualTo("build-1.example.com");
        assertThat(roster.find("Agent-1").orElseThrow().livesOn("build-1.example.com")).isTrue();
        assertThat(roster.find("Agent-1").orElseThrow().livesOn("build-2")).isFalse();
        assertThat(roster.find("Agent-2").orElseThrow().livesOn("build-2")).as("no host: every host").isTrue();
        assertThatThrownBy(() -> RosterFile.parse(FILE, "captain: Agent-1\nagents:\n  - id: Agent-1\n    host: ../x\n"))
                .hasMessage("config/agents.yaml:4: 'host' must be a host name (letters, digits, '.', '_', '-'), "
                        + "not '../x'");
    }

    @Test
    void noFileMeansTheOriginalEightWithCaptainAgentFour() throws Exception {
        Roster roster = RosterFile.load(Path.of("/nonexistent-home"));
        assertThat(roster.ids()).hasSize(8);
        assertThat(roster.captain()).isEqualTo("Agent-4");
        assertThat(roster.broadcastOrder(null)).containsExactly("Agent-1", "Agent-2", "Agent-3", "Agent-5",
                "Agent-6", "Agent-7", "Agent-8", "Agent-4");
    }
}
