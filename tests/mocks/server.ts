import { setupServer } from "msw/node";
import { geocoderHandlers } from "./geocoder";
import { translateHandlers } from "./translate";

/**
 * The one msw server of the unit and integration tests. Handlers for each external host live in
 * `tests/mocks/<host>.ts`; each host answers successfully unless a test says otherwise with
 * `server.use(...translateHandlers("slow"))`, which is reset after every test. Requests nobody
 * handles fail the test (see setup-file.ts): no test reaches the real network.
 */
export const server = setupServer(...translateHandlers(), ...geocoderHandlers());
