package org.agentcellphone.delivery;

import org.agentcellphone.store.PendingEntry;

/**
 * A delivered message still to be typed into its recipient's session: its job file (in {@code gui/} or
 * {@code wake/}), how, and for tmux the lane of the pane.
 */
public record WakeJob(PendingEntry job, WakeMethod method, String lane) {
}
