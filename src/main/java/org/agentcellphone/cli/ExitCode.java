package org.agentcellphone.cli;

/** The command line's exit codes, shared by every command; the help's footer is made from this list. */
public enum ExitCode {
    OK(0, "ok"),
    DELIVERY_FAILED(1, "a delivery failed (send --wait), or drain left entries unfinished"),
    USAGE(2, "bad usage, combination or setting"),
    MISSING_OPTION(3, "a required option is missing"),
    NO_TASKS(5, "no task to claim"),
    NOT_FOUND(6, "no such message (track, read, ack)"),
    TIMEOUT(7, "lock or wait timeout"),
    QUEUE_FULL(8, "queue full"),
    INTERNAL(9, "internal error"),
    STORE_UNAVAILABLE(10, "the shared database cannot be reached (several hosts, cellphone.store = postgresql)"),
    INTERRUPTED(130, "interrupted (Ctrl-C)");

    private final int code;
    private final String meaning;

    ExitCode(int code, String meaning) {
        this.code = code;
        this.meaning = meaning;
    }

    public int code() {
        return code;
    }

    public String meaning() {
        return meaning;
    }
}
