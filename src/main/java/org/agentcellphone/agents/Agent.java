package org.agentcellphone.agents;

/**
 * One member of the roster.
 *
 * @param chatInput       screen point of the agent's chat input, or null when unknown
 * @param onboardingInput screen point used for onboarding, or null when unknown
 */
public record Agent(String id, String role, String description, boolean active, Point chatInput,
                    Point onboardingInput) {
}
