package org.agentcellphone;

import org.agentcellphone.cli.Cellphone;

/** Entry point of {@code bin/cellphone}. */
public final class App {

    private App() {
    }

    public static void main(String[] args) {
        System.exit(Cellphone.run(args));
    }
}
