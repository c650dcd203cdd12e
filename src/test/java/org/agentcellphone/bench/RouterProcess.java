package org.agentcellphone.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.agentcellphone.support.Cli;

/** A router started as its own process through {@code bin/cellphone run}, as users run it. */
final class RouterProcess {

    private final Process process;
    private final Path log;

    private RouterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * {@code bin/cellphone} on a throwaway home, with no health or metrics server. Run by {@code bin/cellphone bench}
     * it is the command as users run it (the built jar and its class data archive); inside the test suite
     * ({@code cellphone.skip-build}) the classes just compiled, as a build would race with the run.
     */
    static ProcessBuilder cellphone(Path home, String... args) {
        ProcessBuilder pb = Cli.builder(home, List.of(args));
        if (!Boolean.getBoolean("cellphone.skip-build")) {
            pb.environment().remove("CELLPHONE_SKIP_BUILD");
        }
        return pb;
    }

    /** Starts a router on {@code home} and waits until its routes consume. */
    static RouterProcess start(Path home, Path log) throws IOException, InterruptedException {
        Files.deleteIfExists(log);
        Process p = cellphone(home, "run").redirectErrorStream(true).redirectOutput(log.toFile()).start();
        RouterProcess router = new RouterProcess(p, log);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!router.logContains("router running")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                throw new IllegalStateException("the router did not start; see " + log);
            }
            Thread.sleep(20);
        }
        return router;
    }

    boolean logContains(String text) throws IOException {
        return Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(text);
    }

    long pid() {
        return process.pid();
    }

    /** Peak resident set size so far, from /proc (VmHWM), in MiB; -1 where /proc is not available. */
    double peakRssMb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
                if (line.startsWith("VmHWM:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    /** kill -9: no shutdown hook runs, nothing is cleaned up. */
    void killHard() throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).start().waitFor();
        process.waitFor(30, TimeUnit.SECONDS);
    }

    /** SIGTERM: the graceful stop of Ctrl-C. */
    void stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }
}
