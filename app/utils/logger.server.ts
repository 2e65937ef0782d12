/**
 * The server's one logger: JSON lines on stdout (pino), one object per line, for journald, Loki or
 * any log search. `LOG_LEVEL` (default info) sets the threshold. In development, when stdout is a
 * terminal, the lines are printed readably instead (pino-pretty, a development dependency).
 *
 * What is never logged: request bodies, query strings, raw URLs (they carry ids and tokens), cookies,
 * client addresses, e-mail addresses, names. Request lines carry the route pattern instead of the URL
 * (server/request-log.ts); errors carry their message and stack, which name no person.
 */
import { createRequire } from "node:module";
import pino, { type DestinationStream, type Logger } from "pino";

export const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

export interface LoggerOptions {
  level?: LogLevel;
  /** Where the lines go (default stdout); tests pass a stream they read. */
  destination?: DestinationStream;
  pretty?: boolean;
}

/** The level from LOG_LEVEL; under vitest "warn" unless set, so test output stays readable. */
export function defaultLogLevel(env: Record<string, string | undefined> = process.env): LogLevel {
  const level = env.LOG_LEVEL?.trim().toLowerCase();
  if (level && (LOG_LEVELS as readonly string[]).includes(level)) return level as LogLevel;
  return env.VITEST ? "warn" : "info";
}

/** Readable lines only for a person at a terminal while developing; machines always get JSON. */
export function wantsPrettyLogs(env: Record<string, string | undefined> = process.env): boolean {
  return env.NODE_ENV === "development" && Boolean(process.stdout.isTTY) && !env.VITEST;
}

function prettyStream(): DestinationStream | undefined {
  try {
    // Loaded only here: a production install (`npm install --omit=dev`) does not have it.
    const require = createRequire(import.meta.url);
    const pretty = require("pino-pretty") as (options: object) => DestinationStream;
    return pretty({ colorize: true, translateTime: "SYS:HH:MM:ss.l", ignore: "pid,hostname" });
  } catch {
    return undefined;
  }
}

export function createLogger(options: LoggerOptions = {}): Logger {
  const destination =
    options.destination ?? ((options.pretty ?? wantsPrettyLogs()) ? prettyStream() : undefined);
  return pino(
    {
      level: options.level ?? defaultLogLevel(),
      base: { service: "miteinander" },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      // Defence in depth: should an object with these keys ever be logged, its values are not.
      redact: {
        paths: [
          "password",
          "token",
          "cookie",
          "authorization",
          "email",
          "*.password",
          "*.token",
          "*.cookie",
          "*.authorization",
          "*.email",
          "headers",
          "*.headers",
        ],
        censor: "[removed]",
      },
    },
    destination ?? pino.destination({ dest: 1, sync: false }),
  );
}

let current: Logger | undefined;

/** The process's logger, created on first use. */
export function logger(): Logger {
  current ??= createLogger();
  return current;
}

/** Replaces the process's logger (tests; the server when it is told another level). */
export function setLogger(next: Logger): void {
  current = next;
}

/** Writes what is buffered, e.g. before the process exits. */
export function flushLogs(): void {
  current?.flush();
}

/** An error as loggable fields: message and stack only (no properties that might carry data). */
export function errorFields(error: unknown): { err: { message: string; stack?: string } } {
  if (error instanceof Error) return { err: { message: error.message, stack: error.stack } };
  return { err: { message: String(error) } };
}
