package org.agentcellphone.bench;

import org.agentcellphone.cli.Cellphone;

/**
 * {@code bin/cellphone bench|soak}: the product's command line with the measuring verbs added. They live with the
 * tests, outside the product's classes, and share the tests' helpers.
 */
public final class BenchApp {

    private BenchApp() {
    }

    public static void main(String[] args) {
        System.exit(Cellphone.run(args, new BenchCommand(), new SoakCommand()));
    }
}
