import { isIP } from "node:net";
import { z } from "zod";
import { MUNICIPALITY as DEMO_CITY } from "@db/seed/reference/gelsenkirchen";
import { LOG_LEVELS } from "./logger.server";

/*
 * Every environment variable the hub reads, in one schema. `npm start` checks it before anything else
 * and stops with one line per problem (server/main.ts); the modules read their part through getEnv()
 * (the mail settings through notifications/config.server.ts). An empty value counts as unset, so
 * `SMTP_URL=` in a systemd EnvironmentFile means "none".
 */

/**
 * Set by `npm run demo` (scripts/start.js --demo) for the process it starts: the demo start seeds demo
 * data into an empty database and starts only demo databases (docs/decisions/026-demo-and-first-start.md).
 */
export const DEMO_START_ENV = "MITEINANDER_DEMO";

/** Urgent requests per volunteer and seven days when URGENT_MAX_PER_WEEK is not set (issue 16). */
export const DEFAULT_URGENT_MAX_PER_WEEK = 2;

const optionalText = (schema: z.ZodType<string> = z.string()) =>
  z.preprocess((v) => (typeof v === "string" && v.trim() === "" ? undefined : v), schema.optional());

const integer = (min: number, max: number, fallback: number) =>
  z.preprocess(
    (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
    z.coerce
      .number({ invalid_type_error: "must be a whole number" })
      .int("must be a whole number")
      .min(min, `must be at least ${min}`)
      .max(max, `must be at most ${max}`)
      .default(fallback),
  );

const url = (protocols: string[], example: string) =>
  optionalText(
    z
      .string()
      .max(2000, "must be at most 2,000 characters long")
      .refine(
        (value) => {
          try {
            return protocols.includes(new URL(value).protocol);
          } catch {
            return false;
          }
        },
        `must be a full address starting with ${protocols.map((p) => `${p}//`).join(" or ")} (e.g. ${example})`,
      ),
  );

/** What express's `trust proxy` understands: an address, a CIDR range, or one of its named ranges. */
function isProxyEntry(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || !address || !isIP(address)) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (isIP(address) === 4 ? 32 : 128);
}

function proxyList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

// ---- Outside services (docs/decisions/086-outside-services.md) -----------------------------------
// Both optional: without TRANSLATE_URL there is no translation help, without GEOCODER_URL every distance
// is measured between neighbourhood centroids.
export const OUTSIDE_SERVICES_ENV = {
  /** A LibreTranslate-compatible server (its /translate is called). */
  TRANSLATE_URL: url(["https:", "http:"], "https://translate.stadt.de"),
  /** Sent as `api_key` when the translate server asks for one. */
  TRANSLATE_API_KEY: optionalText(z.string().max(500, "must be at most 500 characters long")),
  /** A Nominatim-compatible search API (its /search is called). */
  GEOCODER_URL: url(["https:", "http:"], "https://nominatim.stadt.de"),
};

export const EnvSchema = z.object({
  ...OUTSIDE_SERVICES_ENV,
  NODE_ENV: z
    .enum(["development", "production", "test"], {
      errorMap: () => ({ message: "must be development, production or test" }),
    })
    .default("development"),
  PORT: integer(1, 65535, 3000),
  DATABASE_PATH: optionalText().default("data/app.db"),
  MIGRATIONS_PATH: optionalText(),
  /**
   * Public origin of the installation (e.g. https://miteinander.gelsenkirchen.de): every link in an
   * e-mail, feed or page is built from it, never from the request's Host header. Required in production.
   */
  APP_URL: url(["https:", "http:"], "https://miteinander.stadt.de"),
  /**
   * The municipality the hub serves, as its people write it (e.g. Gelsenkirchen): named in the text under
   * every page and in the place of events in calendar feeds and search-engine data. Unset: neutral words
   * ("vor Ort") and no town in event places. `npm run demo` defaults it to the demo data's town.
   */
  CITY_NAME: optionalText(
    z
      .string()
      .max(100, "must be at most 100 characters long")
      .refine(
        (v) => ![...v].some((c) => c.charCodeAt(0) < 32 || "<>{}\u007f".includes(c)),
        "must be a plain name without <, >, { or }",
      ),
  ),
  /** smtp(s)://user:pass@host:port — without it, e-mails stay in the outbox (read at /admin/outbox). */
  SMTP_URL: url(["smtp:", "smtps:"], "smtp://user:password@mail.stadt.de:587"),
  /** Sender of every e-mail, e.g. `miteinander <no-reply@stadt.example>`. */
  MAIL_FROM: optionalText(
    z
      .string()
      .min(3, "must name a sender, e.g. miteinander <no-reply@stadt.de>")
      .max(300, "must be at most 300 characters long"),
  ),
  /** Signs unsubscribe links. Without it, a secret is generated once and kept beside the database. */
  APP_SECRET: optionalText(z.string().min(32, "must be at least 32 characters long")),
  MAX_ACTIVE_REQUESTS: integer(1, 256, 4),
  /** How often one volunteer may be asked for urgent help within seven days (0 = never). */
  URGENT_MAX_PER_WEEK: integer(0, 20, DEFAULT_URGENT_MAX_PER_WEEK),
  LOG_LEVEL: optionalText(
    z.string().refine((v) => (LOG_LEVELS as readonly string[]).includes(v.toLowerCase()), {
      message: `must be one of ${LOG_LEVELS.join(", ")}`,
    }),
  ),
  /** A bearer token that opens /metrics to other hosts (a Prometheus server); loopback needs none. */
  METRICS_TOKEN: optionalText(
    z
      .string()
      .min(32, "must be at least 32 characters long")
      .max(1000, "must be at most 1,000 characters long")
      .regex(/^[\x21-\x7e]+$/, "must be printable characters without spaces"),
  ),
  /**
   * Reverse proxies whose X-Forwarded-For is believed, comma-separated: addresses, CIDR ranges or
   * `loopback`. Empty: the client address is the connection's, whatever a header says.
   */
  TRUSTED_PROXIES: z
    .string()
    .max(2000, "must be at most 2,000 characters long")
    .default("")
    .refine(
      (v) => proxyList(v).every(isProxyEntry),
      "must list addresses or ranges like 127.0.0.1, 10.0.0.0/8, ::1 or loopback, separated by commas",
    ),
  /** Where scheduled backups go (default: backups/ beside the database). */
  BACKUP_DIR: optionalText(),
  BACKUP_KEEP_DAILY: integer(1, 366, 7),
  BACKUP_KEEP_WEEKLY: integer(0, 520, 4),
  /** A shell command run after each backup, with the file in $BACKUP_FILE (e.g. an rsync or S3 upload). */
  BACKUP_AFTER: optionalText(),
  BACKUP_AFTER_TIMEOUT_SECONDS: integer(1, 24 * 3600, 1800),
  [DEMO_START_ENV]: optionalText(z.enum(["1"], { errorMap: () => ({ message: "must be 1 or unset" }) })),
});

const APP_URL_REQUIRED =
  "is required in production: the public address of the hub, e.g. APP_URL=https://miteinander.example.de (links in e-mails are built from it). `npm run demo` sets it for a local demo.";

/**
 * APP_URL in production: checked apart from the schema, so that it is named whatever else is wrong (a
 * refinement of the whole object would only run once every other variable is right).
 */
function missingInProduction(source: Record<string, string | undefined>): string[] {
  const production = source.NODE_ENV?.trim() === "production";
  return production && !source.APP_URL?.trim() ? [`APP_URL: ${APP_URL_REQUIRED}`] : [];
}

export type Env = z.infer<typeof EnvSchema>;

export type EnvCheck = { ok: true; env: Env } | { ok: false; problems: string[] };

/**
 * Parses an environment. Problems are one line each (`APP_URL: is required in production …`), naming
 * the variable and never echoing a value.
 */
export function checkEnv(source: Record<string, string | undefined> = process.env): EnvCheck {
  // The environment is the operator's, not a client's: no size limits to check first.
  // eslint-disable-next-line no-restricted-syntax
  const parsed = EnvSchema.safeParse(source);
  const problems = [
    ...(parsed.success
      ? []
      : parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"}: ${issue.message}`)),
    ...missingInProduction(source),
  ];
  if (parsed.success && problems.length === 0) return { ok: true, env: parsed.data };
  return { ok: false, problems };
}

/**
 * The validated environment, parsed again whenever one of its variables changed (tests point modules
 * at their own files). A wrong value throws with the variable's name. The result is frozen: it is shared.
 */
export function getEnv(source: Record<string, string | undefined> = process.env): Env {
  // Remembered while the variables it reads keep their values: parsing them costs ~0.4 ms, and pages
  // ask several times per request.
  const key = ENV_KEYS.map((name) => source[name] ?? "\u0000").join("\u0001");
  if (source === lastEnv?.source && key === lastEnv.key) return lastEnv.env;
  const result = checkEnv(source);
  if (!result.ok) throw new Error(`Invalid environment: ${result.problems.join("; ")}`);
  lastEnv = { source, key, env: Object.freeze(result.env) };
  return lastEnv.env;
}

/** Every variable the schema (and the production check) reads. */
const ENV_KEYS = Object.keys(EnvSchema.shape);
let lastEnv: { source: Record<string, string | undefined>; key: string; env: Env } | null = null;

/** True in the process `npm run demo` started. */
export function isDemoStart(env: NodeJS.ProcessEnv = process.env): boolean {
  return env[DEMO_START_ENV] === "1";
}

/**
 * The public origin every absolute link is built from: APP_URL (required in production, checked at
 * start), else the local address a development server listens on. Never the request's Host header:
 * a reset link built from it would point wherever the requester wanted.
 */
export function publicOrigin(env: NodeJS.ProcessEnv = process.env): string {
  return (env.APP_URL || `http://localhost:${env.PORT || 3000}`).replace(/\/+$/, "");
}

/**
 * The municipality's name (CITY_NAME, trimmed), or null when unset; a demo start without it names the
 * demo data's town.
 */
export function cityName(env: Record<string, string | undefined> = process.env): string | null {
  const name = env.CITY_NAME?.trim();
  if (name) return name;
  return env[DEMO_START_ENV] === "1" ? DEMO_CITY : null;
}

/** The host (with port) of the public origin, as a Host header names it. */
export function publicHost(env: NodeJS.ProcessEnv = process.env): string {
  return new URL(publicOrigin(env)).host;
}

/** Plain http on this machine only: localhost, 127.0.0.0/8 or ::1. */
function isLoopbackHttp(origin: string): boolean {
  const url = new URL(origin);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  return (
    url.protocol === "http:" && (host === "localhost" || host === "::1" || /^127\.\d+\.\d+\.\d+$/.test(host))
  );
}

/**
 * Secure cookies (with the `__Host-` prefix) and HSTS: always in production, except for a demo started
 * on this machine over plain http (`npm run demo` on http://localhost), where a browser would otherwise
 * drop the cookies some clients need.
 */
export function usesSecureTransport(env: NodeJS.ProcessEnv = process.env): boolean {
  if (env.NODE_ENV !== "production") return false;
  return !(isDemoStart(env) && isLoopbackHttp(publicOrigin(env)));
}

/** The `trust proxy` setting for express: the listed proxies, or nobody. */
export function trustedProxies(env: NodeJS.ProcessEnv = process.env): string[] | false {
  const list = proxyList(env.TRUSTED_PROXIES);
  return list.length > 0 ? list : false;
}

/**
 * URGENT_MAX_PER_WEEK: at most this many urgent requests reach one volunteer in any seven days. A value
 * the start's check refused never gets here; read per use, so a test can change it.
 */
export function urgentMaxPerWeek(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.URGENT_MAX_PER_WEEK;
  if (raw === undefined || raw === "") return DEFAULT_URGENT_MAX_PER_WEEK;
  const value = Number(raw);
  return Number.isInteger(value) && value >= 0 && value <= 20 ? value : DEFAULT_URGENT_MAX_PER_WEEK;
}
