import { createCookie } from "@remix-run/node";
import type { Db } from "@db/client";
import { getOptionalUser } from "~/modules/auth/session.server";
import { RemixI18Next } from "remix-i18next/server";
import { bundledBackend } from "./backend";
import { DEFAULT_LOCALE, i18nOptions, SUPPORTED_LOCALES } from "./config";
import { usesSecureTransport } from "~/utils/env.server";

/** The browser's chosen language, remembered for a year. */
export const localeCookie = createCookie("lng", {
  path: "/",
  sameSite: "lax",
  httpOnly: true,
  maxAge: 60 * 60 * 24 * 365,
  secure: usesSecureTransport(),
});

const serverByDb = new WeakMap<Db, RemixI18Next>();

/** The language detection of a request, for the database whose sessions it reads (one per handle). */
export function i18nServer(db: Db): RemixI18Next {
  let server = serverByDb.get(db);
  if (!server) {
    server = new RemixI18Next({
      detection: {
        supportedLanguages: [...SUPPORTED_LOCALES],
        fallbackLanguage: DEFAULT_LOCALE,
        cookie: localeCookie,
        // The browser's choice first, then the account's (a new browser of a known person), then the
        // browser's Accept-Language as a first guess.
        order: ["searchParams", "cookie", "custom", "header"],
        async findLocale(request) {
          const user = await getOptionalUser(db, request);
          return user?.locale ?? null;
        },
      },
      i18next: { ...i18nOptions },
      plugins: [bundledBackend],
    });
    serverByDb.set(db, server);
  }
  return server;
}
