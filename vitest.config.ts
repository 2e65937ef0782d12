import { defineConfig } from "vitest/config";
import { alias } from "./vite.config";
import SlowFilesFirst from "./tests/setup/slow-files-first";

// The Remix plugin stays out of vitest: tests import modules directly.
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "server/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-file.ts"],
    pool: "forks",
    // Two files at a time on the two cores (vitest's default is one fewer than the cores): much of the
    // suite waits on servers, child processes and disk. Timing checks compare CPU time, not wall time.
    maxWorkers: 2,
    sequence: { sequencer: SlowFilesFirst },
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
