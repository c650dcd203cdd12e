package org.agentcellphone.agents;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.agentcellphone.model.Json;

/**
 * Where GUI delivery types to each agent. {@code config/agents.yaml} ({@code chat_input}, {@code onboarding_input})
 * comes first; the original system's {@code cursor_agent_coords.json} in the home fills what the roster leaves out
 * ({@code agents.<id>.chat_input_coordinates}, {@code onboarding_input_coords} or {@code onboarding_coordinates}).
 */
public final class Coordinates {

    public static final String ORIGINAL_FILE = "cursor_agent_coords.json";

    private final Map<String, Point> chat = new LinkedHashMap<>();
    private final Map<String, Point> onboarding = new LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    private Coordinates() {
    }

    public static Coordinates load(Path home, Roster roster) {
        Coordinates c = new Coordinates();
        for (Agent a : roster.agents()) {
            if (a.chatInput() != null) {
                c.chat.put(a.id(), a.chatInput());
            }
            if (a.onboardingInput() != null) {
                c.onboarding.put(a.id(), a.onboardingInput());
            }
        }
        c.readOriginalFile(home.resolve(ORIGINAL_FILE), roster);
        return c;
    }

    public Point chatInput(String agent) {
        return chat.get(agent);
    }

    public Point onboardingInput(String agent) {
        return onboarding.get(agent);
    }

    /** What could not be read from the original system's file (it is then ignored, in part or whole). */
    public List<String> problems() {
        return List.copyOf(problems);
    }

    private void readOriginalFile(Path file, Roster roster) {
        JsonNode agents;
        try {
            agents = Json.MAPPER.readTree(Files.readAllBytes(file)).path("agents");
        } catch (NoSuchFileException absent) {
            return;
        } catch (IOException e) {
            problems.add(ORIGINAL_FILE + " is not readable JSON (" + e.getMessage().lines().findFirst().orElse("")
                    + "); it is ignored");
            return;
        }
        if (!agents.isObject()) {
            problems.add(ORIGINAL_FILE + " has no \"agents\" object; it is ignored");
            return;
        }
        for (String id : roster.ids()) {
            JsonNode entry = agents.path(id);
            if (entry.isMissingNode()) {
                continue;
            }
            chat.computeIfAbsent(id, k -> point(entry, id, "chat_input_coordinates"));
            onboarding.computeIfAbsent(id, k -> {
                Point p = point(entry, id, "onboarding_input_coords");
                return p != null ? p : point(entry, id, "onboarding_coordinates");
            });
        }
    }

    private Point point(JsonNode entry, String id, String key) {
        JsonNode xy = entry.path(key);
        if (xy.isMissingNode()) {
            return null;
        }
        if (xy.isArray() && xy.size() == 2 && xy.get(0).canConvertToInt() && xy.get(1).canConvertToInt()
                && xy.get(0).isIntegralNumber() && xy.get(1).isIntegralNumber()) {
            return new Point(xy.get(0).asInt(), xy.get(1).asInt(), ORIGINAL_FILE);
        }
        problems.add(ORIGINAL_FILE + ": " + id + "." + key + " is not [x, y] in whole pixels; it is ignored");
        return null;
    }
}
