package org.agentcellphone.cli;

/** A refusal with its exit code; printed as one line on stderr (one JSON object with --json). */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }
}
