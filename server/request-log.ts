import { randomUUID } from "node:crypto";
import type { NextFunction, Request, Response } from "express";
import type { Logger } from "pino";

/*
 * One log line per request (docs/decisions/070-operations.md): request id, method, route pattern,
 * status, duration, bytes sent. Never the URL, its query, headers, the body or the client's address.
 * The request id is the proxy's X-Request-Id when a trusted proxy sent one, else a new one.
 * The same numbers feed the request-duration histogram of /metrics.
 */

/** An id a proxy in front may already have given the request (Caddy, nginx): kept if it looks sane. */
const INCOMING_ID = /^[A-Za-z0-9._:-]{8,64}$/;

export interface RequestLogOptions {
  logger: () => Logger;
  patternOf: (pathname: string) => string;
  observe?: (labels: { method: string; route: string; status: number }, seconds: number) => void;
}

/** What is known of a request while it runs: enough for the event-loop watchdog to name it. */
export interface RequestInFlight {
  method: string;
  route: string;
  /** performance.now() when it came in, and when it was answered (undefined while it runs). */
  startedAt: number;
  finishedAt?: number;
}

/**
 * Requests that have come in and not yet been answered: what a graceful shutdown waits for, and what
 * the event-loop watchdog (server/event-loop-watchdog.ts) looks at. Requests answered since the
 * watchdog last looked are kept until it looks again.
 */
export class InFlight {
  private running = new Set<RequestInFlight>();
  private answered: RequestInFlight[] = [];
  private waiters: (() => void)[] = [];

  get size(): number {
    return this.running.size;
  }

  enter(request: Pick<RequestInFlight, "method" | "route">): RequestInFlight {
    const entry: RequestInFlight = { ...request, startedAt: performance.now() };
    this.running.add(entry);
    return entry;
  }

  leave(entry: RequestInFlight): void {
    if (!this.running.delete(entry)) return;
    entry.finishedAt = performance.now();
    // Bounded: without a watchdog to take them, only the newest stay.
    if (this.answered.length >= 1024) this.answered.shift();
    this.answered.push(entry);
    if (this.running.size === 0) for (const wake of this.waiters.splice(0)) wake();
  }

  /** The requests running now and those answered since the last call. */
  takeRecent(): RequestInFlight[] {
    const recent = [...this.answered, ...this.running];
    this.answered = [];
    return recent;
  }

  /** Resolves true when none is left, false when `timeoutMs` passed first. */
  drained(timeoutMs: number): Promise<boolean> {
    if (this.running.size === 0) return Promise.resolve(true);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), timeoutMs);
      this.waiters.push(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }
}

/**
 * Whether the connection comes from a proxy TRUSTED_PROXIES lists (server/app.ts sets express's `trust
 * proxy` from it; express keeps the compiled check as "trust proxy fn", the one `req.ip` uses). Only
 * such a proxy's X-Request-Id is taken: anyone else could put a chosen id into the log.
 */
function fromTrustedProxy(req: Request): boolean {
  const trusts = req.app.get("trust proxy fn") as ((address: string, hop: number) => boolean) | undefined;
  const address = req.socket.remoteAddress;
  return typeof trusts === "function" && address !== undefined && trusts(address, 0);
}

const KNOWN_METHODS = new Set(["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"]);

export function logRequests(options: RequestLogOptions & { inFlight?: InFlight }) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const started = process.hrtime.bigint();
    const incoming = fromTrustedProxy(req) ? req.headers["x-request-id"] : undefined;
    const id = typeof incoming === "string" && INCOMING_ID.test(incoming) ? incoming : randomUUID();
    res.setHeader("X-Request-Id", id);
    const method = KNOWN_METHODS.has(req.method) ? req.method : "OTHER";
    const route = options.patternOf(req.path);
    const entry = options.inFlight?.enter({ method, route });
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      if (entry) options.inFlight?.leave(entry);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      // A response the client stopped reading before its end is logged with the status it began with.
      const aborted = !res.writableFinished;
      const status = res.statusCode;
      options.observe?.({ method, route, status }, seconds);
      const line = {
        reqId: id,
        method,
        route,
        status,
        durationMs: Math.round(seconds * 10_000) / 10,
        bytes: Number(res.getHeader("content-length")) || undefined,
        ...(aborted ? { aborted: true } : {}),
      };
      const log = options.logger();
      if (status >= 500) log.error(line, "request");
      else log.info(line, "request");
    };
    res.once("finish", finish);
    res.once("close", finish);
    next();
  };
}
