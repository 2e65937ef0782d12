/**
 * One way to call an outside service (docs/decisions/086-outside-services.md): a timeout on every call
 * (2 s), the installation's User-Agent, the shared circuit breaker (nobody calls a service that is
 * paused), a cap on the answer's size, and every outcome — timeout, 429, 5xx, an answer that is not
 * JSON, or JSON that is not what was asked for — recorded for the breaker and the admin page. No retries
 * here: whoever can wait (the scheduler) retries; a page cannot.
 */
import type { Db } from "@db/client";
import type { OutsideService } from "@db/schema/enums";
import { outsideConfig } from "./outside-config.server";
import {
  breakerOpenUntil,
  recordFailure,
  recordSuccess,
  type FailureKind,
  type ServiceFailure,
} from "./service-state.server";

export const OUTSIDE_TIMEOUT_MS = 2_000;
/** No answer of these services is anywhere near this; a larger one is not read to the end. */
const MAX_ANSWER_BYTES = 512 * 1024;

export type ReadResult<T> = { ok: true; value: T } | { ok: false; failure: ServiceFailure };

export type OutsideResult<T> =
  | { ok: true; value: T }
  | { ok: false; failure: ServiceFailure }
  /** The breaker is open: nothing was sent. */
  | { ok: false; paused: true; until: number };

export interface OutsideCall<T> {
  db: Db;
  service: OutsideService;
  url: string;
  method: "GET" | "POST";
  /** A JSON body (POST). */
  json?: unknown;
  /** Turns the parsed JSON answer into the value, or says what is wrong with it. */
  read: (json: unknown) => ReadResult<T>;
  timeoutMs?: number;
  /** The caller's own deadline (e.g. several calls sharing one page's budget). */
  signal?: AbortSignal;
  now?: () => number;
}

function failure(kind: FailureKind, detail: string, retryAfterMs?: number): ServiceFailure {
  return retryAfterMs === undefined ? { kind, detail } : { kind, detail, retryAfterMs };
}

/** Retry-After as seconds or an HTTP date, in ms from now; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null, now: number): number | undefined {
  if (!value) return undefined;
  const trimmed = value.trim().slice(0, 64);
  if (/^\d{1,7}$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Drops an answer's body without waiting for it (some streams only settle when read to the end). */
function discard(response: Response): void {
  void response.body?.cancel().catch(() => undefined);
}

async function readCapped(response: Response): Promise<string | null> {
  const declared = Number(response.headers.get("content-length") ?? "0");
  if (declared > MAX_ANSWER_BYTES) {
    discard(response);
    return null;
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > MAX_ANSWER_BYTES) {
      void reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString("utf8");
}

function isAbort(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}

/** Calls an outside service once. Never throws; never waits longer than the timeout. */
export async function callOutside<T>(call: OutsideCall<T>): Promise<OutsideResult<T>> {
  const now = call.now ?? Date.now;
  const pausedUntil = breakerOpenUntil(call.db, call.service, now());
  if (pausedUntil !== null) return { ok: false, paused: true, until: pausedUntil };

  const timeout = AbortSignal.timeout(call.timeoutMs ?? OUTSIDE_TIMEOUT_MS);
  const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
  const headers: Record<string, string> = {
    "User-Agent": outsideConfig().userAgent,
    Accept: "application/json",
  };
  if (call.json !== undefined) headers["Content-Type"] = "application/json";

  let outcome: ReadResult<T>;
  try {
    const response = await fetch(call.url, {
      method: call.method,
      headers,
      body: call.json === undefined ? undefined : JSON.stringify(call.json),
      signal,
      redirect: "error",
    });
    if (response.status === 429) {
      discard(response);
      outcome = {
        ok: false,
        failure: failure("rate_limited", "429", parseRetryAfter(response.headers.get("retry-after"), now())),
      };
    } else if (response.status >= 500) {
      discard(response);
      outcome = { ok: false, failure: failure("server_error", String(response.status)) };
    } else if (!response.ok) {
      discard(response);
      outcome = { ok: false, failure: failure("refused", String(response.status)) };
    } else {
      const text = await readCapped(response);
      let json: unknown = undefined;
      let parsed = false;
      if (text !== null) {
        try {
          json = JSON.parse(text);
          parsed = true;
        } catch {
          parsed = false;
        }
      }
      outcome = parsed
        ? call.read(json)
        : {
            ok: false,
            failure: failure("malformed", text === null ? "answer too large" : "answer is not JSON"),
          };
    }
  } catch (error) {
    outcome = {
      ok: false,
      failure: isAbort(error)
        ? failure("timeout", `no answer within ${call.timeoutMs ?? OUTSIDE_TIMEOUT_MS} ms`)
        : failure("unreachable", error instanceof Error ? error.message : String(error)),
    };
  }

  if (outcome.ok) recordSuccess(call.db, call.service, now());
  else recordFailure(call.db, call.service, now(), outcome.failure);
  return outcome;
}
