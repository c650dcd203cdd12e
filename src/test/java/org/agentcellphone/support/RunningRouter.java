package org.agentcellphone.support;

import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The router as its own process on a home, started and running when made; closing it stops it (SIGTERM). */
public final class RunningRouter implements AutoCloseable {

    public final Process process;

    private RunningRouter(Process process) {
        this.process = process;
    }

    /** Starts {@code bin/cellphone run}, its output in {@code log}, and waits until it says it runs. */
    public static RunningRouter start(Path home, Path log) throws Exception {
        return start(home, log, java.util.Map.of());
    }

    /** As above, with environment variables of its own ({@code CELLPHONE_HTTP_ENABLED=true} to serve health). */
    public static RunningRouter start(Path home, Path log, java.util.Map<String, String> environment)
            throws Exception {
        ProcessBuilder pb = Cli.builder(home, java.util.List.of("run")).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        pb.environment().putAll(environment);
        RunningRouter router = new RunningRouter(pb.start());
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                .until(() -> Files.readString(log).contains("router running") || !router.process.isAlive());
        return router;
    }

    /** {@code kill -9}: no shutdown hook, no cleanup. */
    public void kill9() throws Exception {
        Cli.kill9(process);
    }

    @Override
    public void close() throws Exception {
        process.destroy();
        process.waitFor(30, TimeUnit.SECONDS);
    }
}
