package org.agentcellphone.delivery;

import org.agentcellphone.agents.Agent;
import org.agentcellphone.agents.Roster;
import org.agentcellphone.model.Envelope;

/** Who is woken how: the roster's {@code wake} and {@code tmux}, and the default of {@code cellphone.delivery.mode}. */
public final class WakePolicy {

    private final Roster roster;
    private final String defaultMode;

    /** {@code defaultMode}: {@code inbox} (not woken) or {@code gui}. */
    public WakePolicy(Roster roster, String defaultMode) {
        this.roster = roster;
        this.defaultMode = defaultMode;
    }

    public WakeMethod of(Envelope e) {
        return WakeMethod.of(e, roster, defaultMode);
    }

    /** Why an agent to be woken in tmux is not: the roster names no pane for it. */
    static String noPane(String agent) {
        return "no tmux pane for " + agent + " in the roster (tmux: <target> in config/agents.yaml)";
    }

    /** The agent's tmux target, or null when the roster names none. */
    public String paneOf(String agent) {
        return roster.find(agent).map(Agent::tmux).orElse(null);
    }
}
