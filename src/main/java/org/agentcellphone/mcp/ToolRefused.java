package org.agentcellphone.mcp;

/** A tool call that cannot be done as asked: its message, for the agent, says what is wrong. */
public final class ToolRefused extends RuntimeException {

    public ToolRefused(String message) {
        super(message);
    }
}
