import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

// The e2e tests drive Debian's Chromium (playwright.config.ts); Playwright's browser download is never used.
const CHROMIUM = "/usr/bin/chromium";

function chromiumVersion(): string {
  // stderr ignored: Debian's wrapper script prints shell noise there on some machines.
  return execFileSync(CHROMIUM, ["--version"], {
    encoding: "utf8",
    stdio: ["ignore", "pipe", "ignore"],
  }).trim();
}

if (existsSync(CHROMIUM)) {
  console.log(`Using ${chromiumVersion()} (${CHROMIUM})`);
  process.exit(0);
}

if (process.getuid?.() !== 0) {
  console.error(
    `${CHROMIUM} is missing. The e2e tests need Debian's Chromium; install it with:\n\n` +
      "  sudo apt-get update && sudo apt-get install -y chromium\n",
  );
  process.exit(1);
}

console.log(`${CHROMIUM} is missing: installing Debian's chromium package (takes a few minutes)…`);
const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
for (const args of [["update"], ["install", "-y", "chromium"]]) {
  const result = spawnSync("apt-get", args, { stdio: "inherit", env });
  if (result.status !== 0) {
    console.error(`apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal}).`);
    process.exit(1);
  }
}

if (!existsSync(CHROMIUM)) {
  console.error(`apt-get installed chromium, but ${CHROMIUM} is still missing.`);
  process.exit(1);
}
console.log(`Installed ${chromiumVersion()} (${CHROMIUM})`);
