package org.agentcellphone.cli;

/** A refusal with its exit code; printed as one line on stderr (one JSON object with --json). */
public class CliException extends RuntimeException {

    private final ExitCode exitCode;

    public CliException(ExitCode exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    public ExitCode exitCode() {
        return exitCode;
    }
}
