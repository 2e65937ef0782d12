import { setupServer } from "msw/node";

/**
 * The one msw server of the unit and integration tests. Handlers for each external host live in
 * `tests/mocks/<host>.ts` and are added here; a test adds its own with `server.use(...)`, which
 * are reset after every test. Requests nobody handles fail the test (see setup-file.ts).
 */
export const server = setupServer();
