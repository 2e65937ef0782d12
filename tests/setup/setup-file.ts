import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, inject } from "vitest";
import { installConsoleErrorGuard } from "../helpers/console";
import { server } from "../mocks/server";

// Runs before each test file is imported. The app opens its DB lazily (getDb() reads DATABASE_PATH on
// first use), so pointing DATABASE_PATH at a fresh copy of the template here gives every file its own DB.
const dbDir = mkdtempSync(join(tmpdir(), "miteinander-test-"));
const dbPath = join(dbDir, "test.db");
copyFileSync(inject("templateDbPath"), dbPath);
process.env.DATABASE_PATH = dbPath;

// Outgoing HTTP must be mocked: an unhandled request is an error, never a real network call.
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

installConsoleErrorGuard();

// On Linux the file can be removed even while the app's connection is still open.
afterAll(() => rmSync(dbDir, { recursive: true, force: true }));
