import { delay, HttpResponse } from "msw";

/**
 * The ways an outside service answers, one handler set per scenario and host (translate.ts,
 * geocoder.ts): used by the integration tests, by the dev server with MOCKS=1 (MOCK_SCENARIO picks
 * one), and by the e2e run's loopback mock server (http-server.ts).
 */
export const SCENARIOS = [
  "success",
  "slow",
  "rateLimited",
  "serverError",
  "malformedJson",
  "wrongLanguage",
] as const;
export type Scenario = (typeof SCENARIOS)[number];

/** Far longer than the hub's 2 s timeout: the hub must give up, not wait. */
export const SLOW_MS = 8_000;

export interface MockOptions {
  /** Called with every request the handler receives (e.g. to assert what was sent). */
  onRequest?: (request: Request) => void;
  /** Retry-After of the 429 answer, in seconds. */
  retryAfterSeconds?: number;
}

/** The failure answers every host shares; `null` for the scenarios a host answers itself. */
export async function commonAnswer(scenario: Scenario, options: MockOptions): Promise<Response | null> {
  switch (scenario) {
    case "slow":
      await delay(SLOW_MS);
      return null;
    case "rateLimited":
      return HttpResponse.json(
        { error: "Too many requests" },
        { status: 429, headers: { "Retry-After": String(options.retryAfterSeconds ?? 120) } },
      );
    case "serverError":
      return HttpResponse.json({ error: "Internal server error" }, { status: 503 });
    case "malformedJson":
      return new HttpResponse('{"translatedText": ["halb', {
        headers: { "Content-Type": "application/json" },
      });
    default:
      return null;
  }
}
