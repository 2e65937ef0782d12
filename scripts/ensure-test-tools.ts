import { execFileSync, spawnSync } from "node:child_process";
import { existsSync } from "node:fs";

/*
 * The Debian packages the tests run against, installed with apt-get when they are missing and this is
 * root (as .ci/run does), never downloaded by a test tool:
 * - chromium: the e2e tests (playwright.config.ts). Without it they cannot run: exit 1 with the command.
 * - caddy: the reverse-proxy test (tests/integration/caddy.test.ts). Without it that one test file is
 *   skipped, and this says so and why, once, before the tests start.
 *
 * Usage: tsx scripts/ensure-test-tools.ts chromium|caddy
 */

interface Tool {
  /** The Debian packages to install: the tool's own, and what the tests need beside it. */
  packages: string[];
  binary: string;
  versionArgs: string[];
  purpose: string;
  /** Whether the tests can run without it (the tests that need it skip themselves). */
  optional: boolean;
}

const TOOLS: Record<string, Tool> = {
  chromium: {
    // Without chromium's recommendations (printing, sound, desktop services, Perl: minutes of installing
    // on a fresh machine), except fonts-liberation: the layout tests measure text and were written with it.
    packages: ["chromium", "fonts-liberation"],
    binary: "/usr/bin/chromium",
    versionArgs: ["--version"],
    purpose: "The e2e tests need Debian's Chromium",
    optional: false,
  },
  caddy: {
    packages: ["caddy"],
    binary: "/usr/bin/caddy",
    versionArgs: ["version"],
    purpose: "The reverse-proxy test (tests/integration/caddy.test.ts) needs Debian's Caddy",
    optional: true,
  },
};

function versionOf(tool: Tool): string | null {
  try {
    // stderr ignored: Debian's Chromium wrapper prints shell noise there on some machines.
    return execFileSync(tool.binary, tool.versionArgs, {
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    })
      .trim()
      .split("\n")[0]!;
  } catch {
    return null;
  }
}

/** Installs the package; returns why it could not, or null. */
function install(tool: Tool): string | null {
  if (process.getuid?.() !== 0) return "not root";
  console.log(`${tool.binary} is missing: installing Debian's ${tool.packages.join(", ")}…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  for (const args of [["update"], ["install", "-y", "--no-install-recommends", ...tool.packages]]) {
    const result = spawnSync("apt-get", args, { stdio: "inherit", env });
    if (result.error) return `apt-get could not run (${result.error.message})`;
    if (result.status !== 0)
      return `apt-get ${args.join(" ")} failed (exit ${result.status ?? result.signal})`;
  }
  return versionOf(tool) ? null : `apt-get installed ${tool.packages[0]}, but ${tool.binary} does not run`;
}

function ensure(name: string): boolean {
  const tool = TOOLS[name];
  if (!tool) {
    console.error(`Unknown tool "${name}"; known: ${Object.keys(TOOLS).join(", ")}`);
    return false;
  }
  const present = existsSync(tool.binary) ? versionOf(tool) : null;
  if (present) {
    console.log(`Using ${present} (${tool.binary})`);
    return true;
  }
  const problem = install(tool);
  if (!problem) {
    console.log(`Installed ${versionOf(tool)} (${tool.binary})`);
    return true;
  }
  const how = `sudo apt-get update && sudo apt-get install -y --no-install-recommends ${tool.packages.join(" ")}`;
  if (tool.optional) {
    console.warn(
      `${tool.purpose}; it is missing and could not be installed (${problem}), so that test is SKIPPED.\n` +
        `Install it with:\n\n  ${how}\n`,
    );
    return true;
  }
  console.error(
    `${tool.purpose}; it is missing and could not be installed (${problem}). Install it with:\n\n  ${how}\n`,
  );
  return false;
}

const names = process.argv.slice(2);
if (names.length === 0) {
  console.error(`Usage: tsx scripts/ensure-test-tools.ts ${Object.keys(TOOLS).join("|")} …`);
  process.exit(1);
}
process.exit(names.map(ensure).every(Boolean) ? 0 : 1);
