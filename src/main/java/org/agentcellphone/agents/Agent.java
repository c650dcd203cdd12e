package org.agentcellphone.agents;

/**
 * One member of the roster.
 *
 * @param chatInput       screen point of the agent's chat input, or null when unknown
 * @param onboardingInput screen point used for onboarding, or null when unknown
 * @param wake            how the agent is woken when a message arrives ({@code tmux}, {@code gui} or {@code none}),
 *                        or null: as {@code cellphone.delivery.mode} says
 * @param tmux            the tmux target of the agent's pane ({@code swarm:3}, {@code %12}), or null
 * @param host            the host whose router delivers to the agent (several machines sharing one database), or
 *                        null: every host's router, as on one machine
 */
public record Agent(String id, String role, String description, boolean active, Point chatInput,
                    Point onboardingInput, String wake, String tmux, String host) {

    /** The ways of waking an agent that a roster may name. */
    public static final java.util.List<String> WAKES = java.util.List.of("tmux", "gui", "none");

    public Agent(String id, String role, String description, boolean active, Point chatInput, Point onboardingInput) {
        this(id, role, description, active, chatInput, onboardingInput, null, null, null);
    }

    public Agent(String id, String role, String description, boolean active, Point chatInput,
                 Point onboardingInput, String wake, String tmux) {
        this(id, role, description, active, chatInput, onboardingInput, wake, tmux, null);
    }

    /** Whether the router of {@code routerHost} delivers to this agent. */
    public boolean livesOn(String routerHost) {
        return host == null || host.equals(routerHost);
    }
}
