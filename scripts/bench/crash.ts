/**
 * `npm run bench -- crash [--cycles N]`: SIGKILLs the production server mid-load N times (default 200)
 * and checks after every restart that the database is intact and no acknowledged write is lost.
 * Last line: one JSON object (cycles, acknowledged_writes, lost_writes, integrity_failures, duration_s…).
 */
import { parseArgs } from "node:util";
import { runCrashCycles } from "./lib/crash-harness";
import { ensureFreshBuild } from "./lib/production-server";

const { values } = parseArgs({
  options: { cycles: { type: "string", default: "200" }, concurrency: { type: "string", default: "6" } },
  allowPositionals: true,
});

const log = (line: string) => console.error(line);
await ensureFreshBuild(log);
const report = await runCrashCycles({
  cycles: Number(values.cycles),
  concurrency: Number(values.concurrency),
  // Progress every 10th cycle; anything else (a lost write, a 5xx) always.
  log: (line) => {
    const cycle = /^cycle (\d+)\//.exec(line);
    if (!cycle || Number(cycle[1]) % 10 === 0) log(line);
  },
});
console.log(JSON.stringify(report));
process.exit(
  report.lost_writes === 0 && report.integrity_failures === 0 && report.server_errors === 0 ? 0 : 1,
);
