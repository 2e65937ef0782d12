/**
 * `MOCKS=1 npm run dev`: the outside services answer from tests/mocks, so that translation help and
 * geocoding can be tried without running LibreTranslate or Nominatim. The Vite dev server then
 * - serves the msw handlers on a loopback port (http-server.ts) and points TRANSLATE_URL and
 *   GEOCODER_URL at it, unless they are set already (MOCK_SCENARIO picks how the mocks answer:
 *   success, slow, rateLimited, serverError, malformedJson, wrongLanguage);
 * - runs the background loop (app/modules/scheduler/background.server.ts), which `npm run dev` does not
 *   otherwise: addresses are geocoded within a minute of being saved, as in production.
 * Without MOCKS=1 this plugin does nothing; it never applies to a build.
 */
import type { Plugin } from "vite";
import type * as DbClient from "../../db/client";
import type * as Background from "../../app/modules/scheduler/background.server";

/**
 * Remix's plugin runs a second Vite server in the same process: the mocks start once, and stop when
 * the process does.
 */
const STARTED = Symbol.for("miteinander.devMocks");

export function devMocks(): Plugin {
  return {
    name: "miteinander-dev-mocks",
    apply: "serve",
    async configureServer(server) {
      if (process.env.MOCKS !== "1") return;
      const global = globalThis as { [STARTED]?: Promise<void> };
      global[STARTED] ??= (async () => {
        const { parseScenario, startMockHttpServer } = await import("./http-server");
        const scenario = parseScenario(process.env.MOCK_SCENARIO);
        const mock = await startMockHttpServer({ scenario });
        process.env.TRANSLATE_URL ||= mock.url;
        process.env.GEOCODER_URL ||= mock.url;
        server.config.logger.info(
          `  MOCKS=1: translate server and geocoder mocked (${scenario}) on ${mock.url}; ` +
            `TRANSLATE_URL=${process.env.TRANSLATE_URL} GEOCODER_URL=${process.env.GEOCODER_URL}`,
        );
      })();
      await global[STARTED];
      // Only the server that listens (not the one Remix's plugin runs for itself) starts the loop.
      server.httpServer?.once("listening", () => {
        void (async () => {
          // Loaded through Vite, so that they are the same modules the app's requests use.
          const client = (await server.ssrLoadModule("/db/client.ts")) as typeof DbClient;
          const background = (await server.ssrLoadModule(
            "/app/modules/scheduler/background.server.ts",
          )) as typeof Background;
          const db = client.openDatabase(process.env.DATABASE_PATH ?? "data/app.db");
          client.migrateDatabase(db);
          background.startBackgroundWork({ db });
          server.config.logger.info("  MOCKS=1: background loop running (geocoding every minute)");
        })().catch((error: unknown) => server.config.logger.error(`MOCKS=1: ${String(error)}`));
      });
    },
  };
}
