package org.agentcellphone.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.List;
import java.util.concurrent.Callable;
import org.agentcellphone.cli.ExitCode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cellphone soak}: kill -9 of the router mid-stream and concurrent writer processes; counts lost and doubled. */
@Command(name = "soak", description = {"Kill the router with kill -9 mid-stream, then run writer processes at once;",
    "counts every message lost, duplicated or dead-lettered. Exits 1 unless all are 0."})
final class SoakCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "10000", description = "Messages of the kill phase (default 10000).")
    int messages;

    @Option(names = "--kills", paramLabel = "K", defaultValue = "5", description = "kill -9 of the router (default 5).")
    int kills;

    @Option(names = "--writers", paramLabel = "W", defaultValue = "8", description = "Writer processes (default 8).")
    int writers;

    @Option(names = "--per-writer", paramLabel = "N", defaultValue = "1000", description = "Messages per writer (default 1000).")
    int perWriter;

    @Override
    public Integer call() throws Exception {
        Soak soak = new Soak(messages, kills, writers, perWriter, Files.createTempDirectory("cellphone-soak"),
                System.nanoTime());
        List<Soak.Outcome> outcomes = soak.run();
        PrintWriter out = spec.commandLine().getOut();
        soak.log().forEach(line -> out.println("  " + line));
        boolean clean = true;
        for (Soak.Outcome o : outcomes) {
            out.printf("%-22s expected %6d  delivered %6d  lost %d  duplicated %d  dead-lettered %d %s%n", o.phase(),
                    o.expected(), o.delivered(), o.lost(), o.duplicated(), o.deadLettered(), o.detail());
            clean &= o.clean();
        }
        out.println(clean ? "soak: 0 lost, 0 duplicated" : "soak: FAILED");
        out.flush();
        return clean ? ExitCode.OK.code() : ExitCode.DELIVERY_FAILED.code();
    }
}
