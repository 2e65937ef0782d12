import type { NextFunction, Request, Response } from "express";
import { refusalText } from "~/modules/i18n/refusal-texts.server";

/*
 * At most `maxActive` requests are inside Remix at once; the others wait their turn in arrival order.
 * See docs/decisions/024-serving-memory.md.
 *
 * On two cores, 32 renders interleaved at their await points finish no sooner than 4 at a time, but
 * each one lives eight times as long: its loader data, React tree and stream survive the young
 * generation's collections, are promoted, and the old generation grows to hundreds of MB. A waiting
 * request costs a socket and a parsed header, nothing more.
 */

export interface ConcurrencyLimitOptions {
  /** Requests inside Remix at once (default 4). */
  maxActive?: number;
  /** Requests allowed to wait; one more is answered 503 with Retry-After (default 2048). */
  maxQueued?: number;
  /**
   * A request gives back its place when its answer is out, or after this long (default 10 s): a slow
   * reader of a large download must not hold a place the others wait for.
   */
  releaseAfterMs?: number;
}

export function limitConcurrency(options: ConcurrencyLimitOptions = {}) {
  const maxActive = options.maxActive ?? 4;
  const maxQueued = options.maxQueued ?? 2048;
  const releaseAfterMs = options.releaseAfterMs ?? 10_000;
  let active = 0;
  const queue: (() => void)[] = [];

  const admit = (res: Response, next: NextFunction) => {
    active += 1;
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      clearTimeout(timer);
      active -= 1;
      queue.shift()?.();
    };
    const timer = setTimeout(release, releaseAfterMs);
    res.once("finish", release);
    res.once("close", release);
    next();
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if (active < maxActive) return admit(res, next);
    if (queue.length >= maxQueued) {
      res.writeHead(503, {
        "Content-Type": "text/plain; charset=utf-8",
        "Cache-Control": "no-store",
        "Retry-After": "1",
      });
      res.end(`${refusalText("busy", req.headers)}\n`);
      return;
    }
    const start = () => {
      // The client gave up while waiting: nothing to do, pass the place on.
      if (req.destroyed || res.writableEnded) return queue.shift()?.();
      admit(res, next);
    };
    queue.push(start);
  };
}
