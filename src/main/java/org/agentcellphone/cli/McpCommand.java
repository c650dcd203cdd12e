package org.agentcellphone.cli;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import org.agentcellphone.mcp.AgentServer;
import org.agentcellphone.mcp.AgentTools;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code cellphone mcp --agent A}: one agent's session as an MCP server on stdin/stdout. */
@Command(name = "mcp", description = {"Serve an agent's tools over MCP on stdin/stdout, for its coding tool.",
    "Claude Code, Cursor, Codex and others start it from their MCP configuration (see the README). Every",
    "message it sends is from AGENT. No running router is needed to send; the router delivers when it runs.",
    "stdout carries the protocol only; messages for people go to stderr. Ends when the client closes stdin."})
final class McpCommand extends BaseCommand {

    @Option(names = {"-a", "--agent"}, required = true, paramLabel = "AGENT", order = 0,
            description = "Whose session: an agent id of the roster (any case), or 'captain'.")
    String agent;

    @Override
    protected ExitCode execute() throws Exception {
        String id = agentId(agent);
        AgentTools tools = new AgentTools(home(), id, settings());
        // the protocol owns stdout: anything else printed by mistake goes to stderr
        OutputStream protocol = new BufferedOutputStream(new FileOutputStream(FileDescriptor.out));
        System.setOut(new PrintStream(System.err, true));
        System.err.println("cellphone mcp: serving " + id + " (home " + home().root().toAbsolutePath() + ")");
        new AgentServer(tools, "1.0").serve(System.in, protocol);
        return ExitCode.OK;
    }
}
