package org.agentcellphone.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs {@code bin/cellphone} as a user does: a separate JVM, on a given home. */
public final class Cli {

    /** The checkout: where bin/cellphone said it is (bench and soak), else the working folder (the test run). */
    public static final Path REPO = Path.of(System.getProperty("cellphone.repo", "")).toAbsolutePath();
    public static final Path SCRIPT = REPO.resolve("bin/cellphone");

    private Cli() {
    }

    public static ProcessBuilder builder(Path home, List<String> args) {
        List<String> command = new ArrayList<>();
        command.add(SCRIPT.toString());
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        environment(pb, home);
        return pb;
    }

    /** Starts the router in the background, its output in {@code log}. */
    public static Process startRouter(Path home, Path log) throws IOException {
        return builder(home, List.of("run")).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    /**
     * Runs a bash script as a separate process on {@code home}; inside it, {@code "$0"} is {@code bin/cellphone}.
     * Its output goes to {@code log}.
     */
    public static Process shell(Path home, String script, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder("bash", "-c", script, SCRIPT.toString());
        environment(pb, home);
        return pb.redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void environment(ProcessBuilder pb, Path home) {
        pb.environment().put("CELLPHONE_HOME", home.toString());
        // the test run has just compiled the project; a build from inside it would race with surefire
        pb.environment().put("CELLPHONE_SKIP_BUILD", "1");
        // routers of several tests may run at once: none binds the metrics port unless its test asks (home config)
        pb.environment().putIfAbsent("CELLPHONE_HTTP_ENABLED", "false");
    }

    public record Result(int exitCode, String out, String err) {
    }

    /** Runs one command to its end; one that has not ended after two minutes fails the test (it is killed). */
    public static Result run(Path home, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("cellphone-out", ".txt");
        Path err = Files.createTempFile("cellphone-err", ".txt");
        try {
            Process p = builder(home, List.of(args)).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                throw new IllegalStateException("cellphone " + String.join(" ", args) + " did not finish within 120 s;"
                        + " its output: " + new String(Files.readAllBytes(out)) + new String(Files.readAllBytes(err)));
            }
            return new Result(p.exitValue(), new String(Files.readAllBytes(out)), new String(Files.readAllBytes(err)));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** {@code kill -9}: no shutdown hook, no cleanup. */
    public static void kill9(Process process) throws IOException, InterruptedException {
        new ProcessBuilder("kill", "-9", String.valueOf(process.pid())).inheritIO().start().waitFor();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
