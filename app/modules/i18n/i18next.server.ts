import { createCookie } from "@remix-run/node";
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

export const i18nServer = new RemixI18Next({
  detection: {
    supportedLanguages: [...SUPPORTED_LOCALES],
    fallbackLanguage: DEFAULT_LOCALE,
    cookie: localeCookie,
    // The browser's choice first, then the account's (a new browser of a known person), then the
    // browser's Accept-Language as a first guess.
    order: ["searchParams", "cookie", "custom", "header"],
    async findLocale(request) {
      const user = await getOptionalUser(request);
      return user?.locale ?? null;
    },
  },
  i18next: { ...i18nOptions },
  plugins: [bundledBackend],
});
