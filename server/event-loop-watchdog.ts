import { performance } from "node:perf_hooks";
import type { Logger } from "pino";
import type { InFlight, RequestInFlight } from "./request-log";

/*
 * The event-loop watchdog (issue 20, A4; docs/decisions/070-operations.md): when the event loop was busy
 * for more than 500 ms at a stretch, every other request waited that long. The watchdog logs the request
 * that did it — method, route pattern and how long the loop was busy — so the next such request is found
 * in a day. Nothing else of the request (no URL, body, user or address).
 *
 * How it knows: a timer every 100 ms. A timer cannot fire while the loop is busy, so when it fires, the
 * event loop's utilization since the last tick (libuv's own count of busy and idle time) says how long
 * the loop was busy in between; idle time (a paused process, a slow disk awaited) does not count. The
 * request to blame lived through that whole stretch. If several did (requests are answered concurrently),
 * each is named, with how many others ran alongside.
 */

/** More than this many milliseconds of a busy loop between two ticks is reported. */
export const WATCHDOG_THRESHOLD_MS = 500;
const TICK_MS = 100;

export interface WatchdogOptions {
  inFlight: InFlight;
  logger: () => Logger;
  thresholdMs?: number;
  tickMs?: number;
}

/** Starts the watchdog; returns the function that stops it. The timer does not keep the process alive. */
export function watchEventLoop({
  inFlight,
  logger,
  thresholdMs = WATCHDOG_THRESHOLD_MS,
  tickMs = TICK_MS,
}: WatchdogOptions): () => void {
  let lastTick = performance.now();
  let lastUtilization = performance.eventLoopUtilization();
  inFlight.takeRecent();
  const timer = setInterval(() => {
    const now = performance.now();
    const utilization = performance.eventLoopUtilization();
    const busyMs = performance.eventLoopUtilization(utilization, lastUtilization).active;
    const windowStart = lastTick;
    lastTick = now;
    lastUtilization = utilization;
    const recent = inFlight.takeRecent();
    if (busyMs <= thresholdMs) return;
    report(logger(), busyMs, culprits(recent, windowStart, now, thresholdMs));
  }, tickMs);
  timer.unref();
  return () => clearInterval(timer);
}

/** The requests that were there for (nearly) all of a busy stretch: only they can have caused it. */
function culprits(
  requests: RequestInFlight[],
  windowStart: number,
  windowEnd: number,
  thresholdMs: number,
): RequestInFlight[] {
  return requests.filter((request) => {
    const overlap =
      Math.min(request.finishedAt ?? windowEnd, windowEnd) - Math.max(request.startedAt, windowStart);
    return overlap >= thresholdMs;
  });
}

function report(log: Logger, busyMs: number, requests: RequestInFlight[]): void {
  const blockedMs = Math.round(busyMs);
  if (requests.length === 0) {
    log.warn({ blockedMs }, "event loop blocked outside any request");
    return;
  }
  for (const request of requests) {
    log.warn(
      {
        method: request.method,
        route: request.route,
        blockedMs,
        ...(requests.length > 1 ? { alongside: requests.length - 1 } : {}),
      },
      "request blocked the event loop",
    );
  }
}
