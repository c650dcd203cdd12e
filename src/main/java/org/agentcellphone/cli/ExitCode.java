package org.agentcellphone.cli;

/** The command line's exit codes (SPEC §5), shared by every command. */
public final class ExitCode {
    public static final int OK = 0;
    public static final int DELIVERY_FAILED = 1;
    public static final int USAGE = 2;
    public static final int MISSING_OPTION = 3;
    public static final int MODE_MISMATCH = 4;
    /** {@code --get-next-task} found nothing to claim. */
    public static final int NO_TASKS = 5;
    public static final int TIMEOUT = 7;
    public static final int QUEUE_FULL = 8;
    public static final int INTERNAL = 9;
    public static final int INTERRUPTED = 130;

    private ExitCode() {
    }
}
