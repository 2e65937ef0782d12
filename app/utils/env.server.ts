import { isIP } from "node:net";
import { z } from "zod";

/**
 * Set by `npm run demo` (scripts/start.js --demo) for the process it starts: the demo start seeds demo
 * data into an empty database and starts only demo databases (docs/decisions/026-demo-and-first-start.md).
 */
export const DEMO_START_ENV = "MITEINANDER_DEMO";

/** What express's `trust proxy` understands: an address, a CIDR range, or one of its named ranges. */
function isProxyEntry(entry: string): boolean {
  if (["loopback", "linklocal", "uniquelocal"].includes(entry)) return true;
  const [address, bits, ...rest] = entry.split("/");
  if (rest.length > 0 || !address || !isIP(address)) return false;
  if (bits === undefined) return true;
  if (!/^\d{1,3}$/.test(bits)) return false;
  return Number(bits) <= (isIP(address) === 4 ? 32 : 128);
}

const EnvSchema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    DATABASE_PATH: z.string().min(1).default("data/app.db"),
    /**
     * Public origin of the installation (e.g. https://miteinander.gelsenkirchen.de): every link in an
     * e-mail, feed or page is built from it, never from the request's Host header.
     */
    APP_URL: z
      .string()
      .max(300)
      .url("must be an absolute address like https://miteinander.example.de")
      .refine((v) => /^https?:\/\//.test(v), "must start with https:// (or http:// for a local test)")
      .optional(),
    /** smtp(s)://user:pass@host:port — without it, e-mails stay in the outbox (read at /admin/outbox). */
    SMTP_URL: z.string().url().optional(),
    /**
     * Reverse proxies whose X-Forwarded-For is believed, comma-separated: addresses, CIDR ranges or
     * `loopback`. Empty: the client address is the connection's, whatever a header says.
     */
    TRUSTED_PROXIES: z
      .string()
      .max(2000)
      .default("")
      .refine(
        (v) => proxyList(v).every(isProxyEntry),
        "must list addresses or ranges like 127.0.0.1, 10.0.0.0/8, ::1 or loopback, separated by commas",
      ),
    [DEMO_START_ENV]: z.enum(["1"]).optional(),
  })
  .superRefine((env, ctx) => {
    if (env.NODE_ENV === "production" && !env.APP_URL) {
      ctx.addIssue({
        code: z.ZodIssueCode.custom,
        path: ["APP_URL"],
        message:
          "is required in production: the public address of the hub, e.g. APP_URL=https://miteinander.example.de (links in e-mails are built from it). `npm run demo` sets it for a local demo.",
      });
    }
  });

export type Env = z.infer<typeof EnvSchema>;

function proxyList(value: string | undefined): string[] {
  return (value ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
}

/** The problems of an environment, one line each (`APP_URL: is required in production …`); empty when fine. */
export function environmentProblems(env: NodeJS.ProcessEnv = process.env): string[] {
  // The environment is the operator's, not a client's: no size limits to check first.
  // eslint-disable-next-line no-restricted-syntax
  const parsed = EnvSchema.safeParse(env);
  if (parsed.success) return [];
  return parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
}

/** The validated environment. A wrong value fails with a message naming the variable. */
export function getEnv(env: NodeJS.ProcessEnv = process.env): Env {
  // eslint-disable-next-line no-restricted-syntax -- the operator's environment, see above
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${environmentProblems(env).join("; ")}`);
  }
  return parsed.data;
}

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
