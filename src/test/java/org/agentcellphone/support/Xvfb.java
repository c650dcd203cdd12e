package org.agentcellphone.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** A virtual X display for the GUI tests: a real X server without a screen. */
public final class Xvfb implements AutoCloseable {

    public static final int WIDTH = 1600;
    public static final int HEIGHT = 1000;

    private final Process process;
    private final String display;

    private Xvfb(Process process, String display) {
        this.process = process;
        this.display = display;
    }

    public static boolean installed() {
        for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin").split(":")) {
            if (Files.isExecutable(Path.of(dir, "Xvfb"))) {
                return true;
            }
        }
        return false;
    }

    /** Starts a server on a free display number (Xvfb picks it and reports it on -displayfd). */
    public static Xvfb start() throws IOException {
        Process p = new ProcessBuilder("Xvfb", "-displayfd", "1", "-screen", "0", WIDTH + "x" + HEIGHT + "x24",
                "-nolisten", "tcp").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream()));
        String number = out.readLine();
        if (number == null || !number.strip().matches("\\d+")) {
            p.destroyForcibly();
            throw new IOException("Xvfb did not report its display number");
        }
        return new Xvfb(p, ":" + number.strip());
    }

    /** The value of DISPLAY for processes that should draw on this server. */
    public String display() {
        return display;
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }
}
