package org.agentcellphone.cli;

import java.nio.file.FileSystemException;
import org.agentcellphone.agents.RosterFile;
import org.agentcellphone.config.Settings;
import org.agentcellphone.files.Home;
import org.agentcellphone.router.RouterLock;
import org.agentcellphone.store.PostgresStore;
import picocli.CommandLine;

/** The one place where a failure becomes an exit code and the line the user reads. */
final class ExitCodes implements CommandLine.IExitCodeExceptionMapper {

    @Override
    public int getExitCode(Throwable failure) {
        return of(failure).code();
    }

    static ExitCode of(Throwable failure) {
        if (failure instanceof CliException refused) {
            return refused.exitCode();
        }
        if (failure instanceof CommandLine.MissingParameterException) {
            return ExitCode.MISSING_OPTION;
        }
        if (failure instanceof CommandLine.ParameterException || failure instanceof RosterFile.Invalid
                || failure instanceof Settings.Invalid || failure instanceof Home.OutsideHome) {
            return ExitCode.USAGE;
        }
        if (failure instanceof RouterLock.Taken) {
            return ExitCode.TIMEOUT;
        }
        if (failure instanceof InterruptedException) {
            return ExitCode.INTERRUPTED;
        }
        if (failure instanceof PostgresStore.Unavailable) {
            return ExitCode.STORE_UNAVAILABLE;
        }
        return ExitCode.INTERNAL;
    }

    /** What the user reads: the refusal itself, or for an unexpected failure what failed where. */
    static String message(Throwable failure) {
        if (failure instanceof RosterFile.Invalid) {
            return "broken roster " + failure.getMessage();
        }
        if (of(failure) != ExitCode.INTERNAL) {
            return failure.getMessage();
        }
        if (failure instanceof FileSystemException fs) {
            return "internal error: " + fs.getClass().getSimpleName() + " on " + fs.getFile()
                    + (fs.getReason() == null ? "" : " (" + fs.getReason() + ")");
        }
        return "internal error: " + failure;
    }
}
