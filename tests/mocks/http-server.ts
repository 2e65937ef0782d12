/**
 * The msw handlers of tests/mocks served over real HTTP on loopback, for the processes msw cannot
 * reach from inside: the e2e run's production server (playwright.config.ts starts this file) and
 * `MOCKS=1 npm run dev` (tests/mocks/dev-plugin.ts). One server answers for every outside host: the
 * translate server's POST /translate and the geocoder's GET /search, as MOCK_SCENARIO (or --scenario)
 * says — success unless told otherwise. GET /healthz tells a starter that it is up.
 *
 *   npx tsx tests/mocks/http-server.ts [--port 4100] [--scenario slow]
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { getResponse } from "msw";
import { geocoderHandlers } from "./geocoder";
import { SCENARIOS, type Scenario } from "./scenarios";
import { translateHandlers } from "./translate";

export interface MockHttpServer {
  /** e.g. http://127.0.0.1:41234 — TRANSLATE_URL and GEOCODER_URL both point here. */
  url: string;
  close(): Promise<void>;
}

/** A request body is never large here; a bigger one is cut off rather than held. */
const MAX_BODY_BYTES = 1024 * 1024;

function readBody(request: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) request.destroy(new Error("body too large"));
      else chunks.push(chunk);
    });
    request.on("end", () => resolve(Buffer.concat(chunks)));
    request.on("error", reject);
  });
}

export function parseScenario(value: string | undefined): Scenario {
  if (value === undefined || value === "") return "success";
  if ((SCENARIOS as readonly string[]).includes(value)) return value as Scenario;
  throw new Error(`Unknown mock scenario "${value}"; one of: ${SCENARIOS.join(", ")}`);
}

export async function startMockHttpServer(
  options: { port?: number; host?: string; scenario?: Scenario } = {},
): Promise<MockHttpServer> {
  const host = options.host ?? "127.0.0.1";
  const scenario = options.scenario ?? "success";
  let base = "";
  let handlers: ReturnType<typeof translateHandlers> = [];
  const server: Server = createServer((incoming, outgoing) => {
    void (async () => {
      if (incoming.url === "/healthz") {
        outgoing.writeHead(200, { "Content-Type": "text/plain" }).end("ok");
        return;
      }
      const body =
        incoming.method === "GET" || incoming.method === "HEAD" ? undefined : await readBody(incoming);
      const headers = new Headers();
      for (const [name, value] of Object.entries(incoming.headers)) {
        if (typeof value === "string") headers.set(name, value);
        else if (Array.isArray(value)) for (const v of value) headers.append(name, v);
      }
      const request = new Request(`${base}${incoming.url ?? "/"}`, {
        method: incoming.method,
        headers,
        body: body === undefined ? undefined : new Uint8Array(body),
      });
      const response = await getResponse(handlers, request);
      if (!response) {
        outgoing.writeHead(404, { "Content-Type": "text/plain" }).end("No mock for this request");
        return;
      }
      outgoing.writeHead(response.status, Object.fromEntries(response.headers));
      outgoing.end(Buffer.from(await response.arrayBuffer()));
    })().catch((error: unknown) => {
      if (!outgoing.headersSent) outgoing.writeHead(500);
      outgoing.end(error instanceof Error ? error.message : String(error));
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  base = `http://${host}:${(server.address() as AddressInfo).port}`;
  handlers = [...translateHandlers(scenario, base), ...geocoderHandlers(scenario, base)];
  return {
    url: base,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

// Started as a program (by Playwright): serve until told to stop.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : undefined;
  };
  const scenario = parseScenario(arg("scenario") ?? process.env.MOCK_SCENARIO);
  const mock = await startMockHttpServer({ port: Number(arg("port") ?? 0), scenario });
  console.log(`Mock translate server and geocoder (${scenario}) on ${mock.url}`);
  const stop = () => void mock.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
