/**
 * The load generator, in a process of its own (so it does not share an event loop with either server):
 * `tsx scripts/bench/lib/load.ts <config.json>` runs autocannon and prints one JSON result line.
 * With `rotate`, each request takes the next entry of the list (e.g. a different volunteer and shift
 * for every sign-up).
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// autocannon ships no types; the little of its API used here is typed by hand.
interface RawRequest {
  method?: string;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  latency: { p50: number; p99: number };
  errors: number;
  timeouts: number;
  statusCodeStats?: Record<string, { count: number }>;
}
type Autocannon = (options: {
  url: string;
  connections: number;
  duration: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  requests?: { setupRequest: (request: RawRequest) => RawRequest }[];
}) => Promise<AutocannonResult>;
const autocannon = createRequire(import.meta.url)("autocannon") as Autocannon;

export interface LoadConfig {
  url: string;
  connections: number;
  durationS: number;
  warmupS?: number;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  rotate?: { path: string; headers: Record<string, string>; body?: string }[];
}

export interface LoadResult {
  rps: number;
  p50_ms: number;
  p99_ms: number;
  requests: number;
  errors: number;
  timeouts: number;
  statuses: Record<string, number>;
}

async function run(config: LoadConfig, durationS: number): Promise<AutocannonResult> {
  let next = 0;
  const rotate = config.rotate;
  return autocannon({
    url: config.url,
    connections: config.connections,
    duration: durationS,
    method: config.method ?? "GET",
    headers: config.headers,
    body: config.body,
    requests: rotate
      ? [
          {
            setupRequest: (request) => {
              const entry = rotate[next++ % rotate.length]!;
              return {
                ...request,
                path: entry.path,
                headers: { ...request.headers, ...entry.headers },
                body: entry.body ?? request.body,
              };
            },
          },
        ]
      : undefined,
  });
}

// A file, not an argument: a rotation of thousands of sign-ups is far beyond the argv limit (E2BIG).
const config = JSON.parse(readFileSync(process.argv[2]!, "utf8")) as LoadConfig;
if (config.warmupS) await run(config, config.warmupS);
const result = await run(config, config.durationS);
const statuses: Record<string, number> = {};
for (const [code, stat] of Object.entries(result.statusCodeStats ?? {})) statuses[code] = stat.count;
const out: LoadResult = {
  rps: Math.round(result.requests.average * 10) / 10,
  p50_ms: result.latency.p50,
  p99_ms: result.latency.p99,
  requests: result.requests.total,
  errors: result.errors,
  timeouts: result.timeouts,
  statuses,
};
console.log(JSON.stringify(out));
