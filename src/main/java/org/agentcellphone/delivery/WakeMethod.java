package org.agentcellphone.delivery;

import java.util.Locale;
import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Envelope;

/** How a message, once in its inbox, wakes its recipient: not at all, typed into a chat window, or into a tmux pane. */
public enum WakeMethod {
    NONE, GUI, TMUX;

    public String wire() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The sender's choice first ({@code mode: inbox} is never typed anywhere; {@code gui} or {@code tmux} asks for
     * that way), then the recipient's {@code wake} in the roster, then {@code cellphone.delivery.mode}.
     */
    public static WakeMethod of(Envelope e, Roster roster, String defaultMode) {
        String asked = e.message().mode();
        if (asked != null) {
            return named(asked);
        }
        return roster.find(e.recipient()).map(a -> of(a, defaultMode)).orElse(named(defaultMode));
    }

    /** How an agent is woken when a message names no way: its {@code wake} in the roster, else the default mode. */
    public static WakeMethod of(Agent agent, String defaultMode) {
        return named(agent.wake() != null ? agent.wake() : defaultMode);
    }

    private static WakeMethod named(String asked) {
        return switch (asked) {
            case "gui" -> GUI;
            case "tmux" -> TMUX;
            default -> NONE;
        };
    }
}
