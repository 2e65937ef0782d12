import { defineConfig } from "vitest/config";
import { alias } from "./vite.config";

// The Remix plugin stays out of vitest: tests import modules directly.
export default defineConfig({
  resolve: { alias },
  test: {
    include: ["app/**/*.test.ts", "db/**/*.test.ts", "server/**/*.test.ts", "tests/integration/**/*.test.ts"],
    globalSetup: ["tests/setup/global-setup.ts"],
    setupFiles: ["tests/setup/setup-file.ts"],
    pool: "forks",
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
