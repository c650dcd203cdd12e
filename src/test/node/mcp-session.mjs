// One MCP session through the official TypeScript SDK client (@modelcontextprotocol/sdk): it spawns
// `bin/cellphone mcp --agent AGENT` over stdio, then takes one command per line on its stdin and answers each
// with one line of JSON on its stdout. The Java tests drive it (support/OfficialMcpClient).
//   {"op":"list"}                              -> {"tools":[...]}
//   {"op":"call","name":N,"arguments":{...}}   -> {"result":{...},"ms":M}   (the client's own round trip)
//   {"op":"errors"}                            -> {"errors":[...]}          (what the client's transport refused)
//   {"op":"close"}                             -> {"closed":true,"exit":C,"signal":S}  then it ends
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { readFileSync } from 'node:fs';
import readline from 'node:readline';

const [cellphone, agent] = process.argv.slice(2);
const sdk = JSON.parse(readFileSync(new URL('./node_modules/@modelcontextprotocol/sdk/package.json', import.meta.url)));
const out = value => process.stdout.write(JSON.stringify(value) + '\n');

const errors = [];
const transport = new StdioClientTransport({
  command: cellphone, args: ['mcp', '--agent', agent], env: process.env, stderr: 'inherit',
});
const client = new Client({ name: 'cellphone-tests', version: '1.0' });
// a line on the server's stdout that is not a JSON-RPC message ends up here
client.onerror = error => errors.push(String(error));

const started = performance.now();
await client.connect(transport);
out({ ready: true, connect_ms: performance.now() - started, pid: transport.pid, client_sdk: sdk.version, node: process.version,
      server: client.getServerVersion(), instructions: client.getInstructions() ?? null });

for await (const line of readline.createInterface({ input: process.stdin })) {
  const command = JSON.parse(line);
  try {
    if (command.op === 'list') {
      out({ tools: (await client.listTools()).tools });
    } else if (command.op === 'call') {
      const t0 = performance.now();
      const result = await client.callTool({ name: command.name, arguments: command.arguments ?? {} });
      out({ result, ms: performance.now() - t0 });
    } else if (command.op === 'errors') {
      out({ errors });
    } else if (command.op === 'close') {
      // the client ends stdin, then waits 2 s before it sends SIGTERM: a server that ends by itself exits 0
      const server = transport._process;
      await client.close();
      out({ closed: true, exit: server.exitCode, signal: server.signalCode });
      break;
    } else {
      out({ thrown: 'unknown op ' + command.op });
    }
  } catch (error) {
    out({ thrown: String(error) });
  }
}
process.exit(0);
