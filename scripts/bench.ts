/**
 * `npm run bench -- <name> [args]`: runs scripts/bench/<name>.ts in its own process. Each benchmark
 * prints progress on stderr and one JSON object as the last line of stdout.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join, resolve } from "node:path";

const root = resolve(import.meta.dirname, "..");
const benchDir = join(root, "scripts/bench");
const available = readdirSync(benchDir)
  .filter((f) => f.endsWith(".ts"))
  .map((f) => f.slice(0, -3))
  .sort();
const [name, ...args] = process.argv.slice(2);

if (!name || !/^[a-z0-9-]+$/.test(name) || !existsSync(join(benchDir, `${name}.ts`))) {
  console.error(`Usage: npm run bench -- <name> [args]\nAvailable: ${available.join(", ")}`);
  process.exit(2);
}

const result = spawnSync(join(root, "node_modules/.bin/tsx"), [join(benchDir, `${name}.ts`), ...args], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
