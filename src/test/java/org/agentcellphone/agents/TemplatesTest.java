package org.agentcellphone.agents;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TemplatesTest {

    @TempDir
    Path home;

    @Test
    void knownPlaceholdersAreFilledMissingOnesEmptyUnknownOnesLeftVisible() {
        String text = Templates.render("Hi {agent_id} ({role}). {custom_message}{style} {mood}",
                Map.of("agent_id", "Agent-7", "role", "Web"));
        assertThat(text).isEqualTo("Hi Agent-7 (Web).  {mood}");
    }

    @Test
    void valuesAreInsertedLiterally() {
        assertThat(Templates.render("{custom_message}", Map.of("custom_message", "costs $5 \\\\ {role}")))
                .isEqualTo("costs $5 \\\\ {role}");
    }

    @Test
    void homeTemplateReplacesTheBuiltInOne() throws Exception {
        assertThat(Templates.load(home, "onboarding")).contains("{agent_id}").contains("{contract_info}");
        Files.createDirectories(home.resolve("config/templates"));
        Files.writeString(home.resolve("config/templates/onboarding.md"), "Own text for {agent_id}");
        assertThat(Templates.load(home, "onboarding")).isEqualTo("Own text for {agent_id}");
    }
}
