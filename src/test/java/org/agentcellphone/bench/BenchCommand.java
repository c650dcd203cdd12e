package org.agentcellphone.bench;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.util.Map;
import java.util.concurrent.Callable;
import org.agentcellphone.cli.CliException;
import org.agentcellphone.cli.ExitCode;
import org.agentcellphone.model.Json;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cellphone bench}: the benchmark, on a throwaway home, against a baseline measured in the same run. */
@Command(name = "bench", description = {"Measure the router against a durable-write baseline measured in the same run",
    "(throughput ratio, urgent latency behind a backlog, CLI send time, MCP startup and send, router RSS)."})
final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--messages", paramLabel = "N", defaultValue = "10000", description = "Messages (default 10000).")
    int messages;

    @Option(names = "--json", description = "Print one JSON object instead of text.")
    boolean json;

    @Option(names = "--store", paramLabel = "STORE", defaultValue = "files", description = {"files (default): the "
        + "whole benchmark; postgresql: throughput on a shared PostgreSQL store started for the run, one router and",
        "two, against the same run's baseline and file-store router."})
    String store;

    @Override
    public Integer call() throws Exception {
        if (messages < 100) {
            throw new CliException(ExitCode.USAGE, "--messages must be at least 100");
        }
        if (store.equals("postgresql")) {
            return shared();
        }
        if (!store.equals("files")) {
            throw new CliException(ExitCode.USAGE, "--store must be files or postgresql, not '" + store + "'");
        }
        Benchmark bench = new Benchmark(messages, Files.createTempDirectory("cellphone-bench"));
        Map<String, Object> result = bench.run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.compact(result));
        } else {
            out.printf("Agent Cellphone benchmark, %d messages, %s cores%n", messages, result.get("cores"));
            out.printf("  durable-write baseline   %10s msgs/s  (write + fsync + rename + folder fsync)%n", result.get("baseline_msgs_per_s"));
            out.printf("  router throughput        %10s msgs/s  (drop to durable inbox file, warm router)%n", result.get("throughput_msgs_per_s"));
            out.printf("  ratio                    %10s%n", result.get("ratio"));
            out.printf("  cold router throughput   %10s msgs/s  (backlog waiting, timed from the router's start; ratio %s)%n", result.get("cold_throughput_msgs_per_s"), result.get("cold_ratio"));
            out.printf("  urgent latency p50       %10s ms      (behind %d waiting regular entries)%n", result.get("urgent_p50_ms"), bench.backlogAtFirstUrgent());
            out.printf("  urgent latency p99       %10s ms%n", result.get("urgent_p99_ms"));
            out.printf("  urgent by hand, shared   %10s ms p50, %s ms p99  (into the shared outbox behind %d unread drops there)%n", result.get("urgent_shared_outbox_p50_ms"), result.get("urgent_shared_outbox_p99_ms"), messages);
            out.printf("  urgent by hand, agent's  %10s ms p50, %s ms p99  (into an agent's outbox behind %d unread drops there)%n", result.get("urgent_agent_outbox_p50_ms"), result.get("urgent_agent_outbox_p99_ms"), messages);
            out.printf("  CLI send (median)        %10s ms%n", result.get("cli_send_ms"));
            out.printf("  MCP session startup      %10s ms      (spawn to initialized, median)%n", result.get("mcp_startup_ms"));
            out.printf("  MCP send_message p50     %10s ms      (through one session, router running)%n", result.get("mcp_send_p50_ms"));
            out.printf("  MCP send_message p99     %10s ms%n", result.get("mcp_send_p99_ms"));
            out.printf("  router peak RSS          %10s MB%n", result.get("router_peak_rss_mb"));
        }
        out.flush();
        return ExitCode.OK.code();
    }

    private Integer shared() throws Exception {
        Map<String, Object> result = new SharedBenchmark(messages, Files.createTempDirectory("cellphone-bench")).run();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(Json.compact(result));
        } else {
            out.printf("Agent Cellphone benchmark, shared store, %d messages, %s cores%n", messages, result.get("cores"));
            out.printf("  durable-write baseline   %10s msgs/s%n", result.get("baseline_msgs_per_s"));
            out.printf("  file store, one router   %10s msgs/s  (ratio %s)%n", result.get("files_msgs_per_s"),
                    result.get("files_ratio"));
            out.printf("  PostgreSQL, one router   %10s msgs/s  (ratio %s)%n",
                    result.get("postgresql_one_router_msgs_per_s"), result.get("postgresql_one_router_ratio"));
            out.printf("  PostgreSQL, two routers  %10s msgs/s  (ratio %s; two homes on this machine)%n",
                    result.get("postgresql_two_routers_msgs_per_s"), result.get("postgresql_two_routers_ratio"));
        }
        out.flush();
        return ExitCode.OK.code();
    }
}
