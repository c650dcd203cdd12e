package org.agentcellphone.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A router started as its own process through {@code bin/cellphone run}, as users run it. */
final class RouterProcess {

    private final Process process;
    private final Path log;

    private RouterProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static Path script() {
        return Path.of(System.getProperty("cellphone.repo", ".")).resolve("bin/cellphone");
    }

    static ProcessBuilder cellphone(Path home, String... args) {
        String[] command = new String[args.length + 1];
        command[0] = script().toString();
        System.arraycopy(args, 0, command, 1, args.length);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("CELLPHONE_HOME", home.toString());
        // a throwaway home: no health or metrics server (it would clash with the port of a router in real use)
        pb.environment().put("CELLPHONE_HTTP_ENABLED", "false");
        if (Boolean.getBoolean("cellphone.skip-build")) {
            // inside the test suite: the classes were just compiled, a build would race with it
            pb.environment().put("CELLPHONE_SKIP_BUILD", "1");
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
