package org.agentcellphone.mcp;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.modelcontextprotocol.json.McpJsonMapper;
import io.modelcontextprotocol.json.jackson2.JacksonMcpJsonMapper;
import io.modelcontextprotocol.server.McpServer;
import io.modelcontextprotocol.server.McpServerFeatures;
import io.modelcontextprotocol.server.McpSyncServer;
import io.modelcontextprotocol.server.transport.StdioServerTransportProvider;
import io.modelcontextprotocol.spec.McpSchema;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One agent's tools served over MCP on a pair of streams (stdin/stdout) by the official MCP Java SDK, until the
 * client closes its end. A tool that refuses, or fails, answers with a tool error; the session goes on.
 */
public final class AgentServer {

    private static final Logger LOG = LoggerFactory.getLogger(AgentServer.class);

    private final AgentTools tools;
    private final String version;

    public AgentServer(AgentTools tools, String version) {
        this.tools = tools;
        this.version = version;
    }

    /** Serves until the session ends (the client closed {@code in}); the protocol alone is written to {@code out}. */
    public void serve(InputStream in, OutputStream out) throws InterruptedException {
        McpJsonMapper json = new JacksonMcpJsonMapper(new ObjectMapper());
        SessionEnd session = new SessionEnd(new StdioServerTransportProvider(json, in, out));
        McpSyncServer server = McpServer.sync(session)
                .serverInfo("agent-cellphone", version)
                .jsonMapper(json)
                .instructions("You are " + tools.agent() + " of a team of agents. Messages for you arrive in your "
                        + "inbox: call check_inbox when you start and between tasks, read_message to read one, "
                        + "acknowledge when its sender asked for it. send_message reaches the other agents "
                        + "(list_agents names them) and always comes from you.")
                .capabilities(McpSchema.ServerCapabilities.builder().tools(false).build())
                .tools(specifications(json))
                .build();
        try {
            session.await();
        } finally {
            server.closeGracefully();
        }
    }

    private List<McpServerFeatures.SyncToolSpecification> specifications(McpJsonMapper json) {
        return tools.tools().stream().map(tool -> McpServerFeatures.SyncToolSpecification.builder()
                .tool(McpSchema.Tool.builder()
                        .name(tool.name())
                        .title(tool.title())
                        .description(tool.description())
                        .inputSchema(json, tool.inputSchema())
                        .annotations(new McpSchema.ToolAnnotations(tool.title(), tool.readOnly(), false,
                                tool.readOnly(), false, null))
                        .build())
                .callHandler((exchange, request) -> call(tool, request))
                .build()).toList();
    }

    private McpSchema.CallToolResult call(AgentTools.Tool tool, McpSchema.CallToolRequest request) {
        try {
            AgentTools.Result result = tool.call().call(new Arguments(request.arguments()));
            return McpSchema.CallToolResult.builder().addTextContent(result.text())
                    .structuredContent(result.structured()).isError(false).build();
        } catch (ToolRefused refused) {
            return error(refused.getMessage());
        } catch (IOException | RuntimeException failed) {
            LOG.warn("{} failed for {}", tool.name(), tools.agent(), failed);
            return error(tool.name() + " failed: " + failed);
        }
    }

    private static McpSchema.CallToolResult error(String message) {
        return McpSchema.CallToolResult.builder().addTextContent(message).isError(true).build();
    }
}
