import { z } from "zod";
import { OUTSIDE_SERVICES_ENV, publicOrigin } from "~/utils/env.server";

const OutsideEnvSchema = z.object(OUTSIDE_SERVICES_ENV);

export interface OutsideConfig {
  /** LibreTranslate-compatible server, without a trailing slash; null: no translation help. */
  translateUrl: string | null;
  translateApiKey: string | null;
  /** Nominatim-compatible search API, without a trailing slash; null: centroids only. */
  geocoderUrl: string | null;
  /** Names the installation to the services it calls (Nominatim's usage policy asks for it). */
  userAgent: string;
}

/**
 * The outside services from the environment, read on every call (a test or the dev server with
 * MOCKS=1 may set them after start). The values were validated when the server started.
 */
export function outsideConfig(env: NodeJS.ProcessEnv = process.env): OutsideConfig {
  // The environment is the operator's, not a client's: no size limits to check first.
  // eslint-disable-next-line no-restricted-syntax
  const parsed = OutsideEnvSchema.safeParse(env);
  const e = parsed.success ? parsed.data : {};
  const trim = (url: string | undefined) => (url ? url.replace(/\/+$/, "") : null);
  return {
    translateUrl: trim(e.TRANSLATE_URL),
    translateApiKey: e.TRANSLATE_API_KEY ?? null,
    geocoderUrl: trim(e.GEOCODER_URL),
    userAgent: `miteinander (+${publicOrigin(env)})`,
  };
}

export function translationHelpAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return outsideConfig(env).translateUrl !== null;
}

export function geocoderAvailable(env: NodeJS.ProcessEnv = process.env): boolean {
  return outsideConfig(env).geocoderUrl !== null;
}

/** The host a service is reached at (what the pages name when they say where data goes), or null. */
export function serviceHost(url: string | null): string | null {
  return url ? new URL(url).host : null;
}
