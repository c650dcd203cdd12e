package org.agentcellphone.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** GUI coordinates: the roster first, the original system's cursor_agent_coords.json for what it leaves out. */
class CoordinatesTest {

    @TempDir
    Path home;

    private static Roster rosterWithAgentOneAt(int x, int y) {
        List<Agent> agents = new ArrayList<>(Roster.defaults().agents());
        Agent one = agents.get(0);
        agents.set(0, new Agent(one.id(), one.role(), one.description(), true, new Point(x, y, "config/agents.yaml"), null));
        return new Roster(agents, "Agent-4");
    }

    @Test
    void rosterCoordinatesWinAndTheOriginalFileFillsTheRestInBothOfItsSpellings() throws Exception {
        Files.writeString(home.resolve("cursor_agent_coords.json"), """
                {"version": "2.0.0", "agents": {
                  "Agent-1": {"chat_input_coordinates": [-1269, 481], "onboarding_input_coords": [-1265, 171]},
                  "Agent-4": {"chat_input_coordinates": [-308, 1000], "onboarding_input_coords": [-304, 700]},
                  "Agent-7": {"chat_input_coordinates": [653, 940], "onboarding_coordinates": [653, 890]}}}
                """);
        Coordinates c = Coordinates.load(home, rosterWithAgentOneAt(10, 20));

        assertThat(c.chatInput("Agent-1")).isEqualTo(new Point(10, 20, "config/agents.yaml"));
        assertThat(c.onboardingInput("Agent-1"))
                .isEqualTo(new Point(-1265, 171, "cursor_agent_coords.json"));
        assertThat(c.chatInput("Agent-4")).isEqualTo(new Point(-308, 1000, "cursor_agent_coords.json"));
        assertThat(c.onboardingInput("Agent-7")).isEqualTo(new Point(653, 890, "cursor_agent_coords.json"));
        assertThat(c.chatInput("Agent-2")).isNull();
        assertThat(c.problems()).isEmpty();
    }

    @Test
    void bothCoordinateFilesOfTheOriginalSystemLoadForAllEightAgents() throws Exception {
        Path corpus = Path.of("src/test/resources/corpus/coordinates");
        for (String file : List.of("cursor_agent_coords.json", "config-coordinates.json")) {
            Files.copy(corpus.resolve(file), home.resolve("cursor_agent_coords.json"),
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Coordinates c = Coordinates.load(home, Roster.defaults());
            assertThat(c.problems()).as(file).isEmpty();
            for (String agent : Roster.defaults().ids()) {
                assertThat(c.chatInput(agent)).as(file + " " + agent).isNotNull();
                assertThat(c.onboardingInput(agent)).as(file + " " + agent).isNotNull();
            }
            assertThat(c.chatInput("Agent-1")).isEqualTo(new Point(-1269, 481, "cursor_agent_coords.json"));
            assertThat(c.chatInput("Agent-6")).isEqualTo(new Point(1612, 419, "cursor_agent_coords.json"));
        }
    }

    @Test
    void brokenValuesAndBrokenFilesAreReportedAndIgnored() throws Exception {
        Files.writeString(home.resolve("cursor_agent_coords.json"), """
                {"agents": {"Agent-2": {"chat_input_coordinates": [1.5, "x"]},
                            "Agent-3": {"chat_input_coordinates": [5, 6]}}}
                """);
        Coordinates c = Coordinates.load(home, Roster.defaults());
        assertThat(c.chatInput("Agent-2")).isNull();
        assertThat(c.chatInput("Agent-3")).isEqualTo(new Point(5, 6, "cursor_agent_coords.json"));
        assertThat(c.problems()).containsExactly(
                "cursor_agent_coords.json: Agent-2.chat_input_coordinates is not [x, y] in whole pixels; it is ignored");

        Files.writeString(home.resolve("cursor_agent_coords.json"), "{ not json");
        Coordinates broken = Coordinates.load(home, Roster.defaults());
        assertThat(broken.chatInput("Agent-3")).isNull();
        assertThat(broken.problems()).singleElement().asString().startsWith("cursor_agent_coords.json is not readable JSON");
    }
}
