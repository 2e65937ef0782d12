import { randomBytes } from "node:crypto";
import Database from "better-sqlite3";
import type { NextFunction, Request, Response } from "express";

/*
 * A cache for the pages every visitor sees the same way: the public activities list and detail, for
 * requests without a session. See docs/decisions/023-public-page-cache.md.
 *
 * Invalidation is exact and costs one indexed read: triggers (migration 0003) bump
 * `cache_versions.public_activities` on every insert, update or delete in a table these pages read,
 * whoever writes. An entry rendered at one version is served only at that version, and for at most
 * `ttlMs`, because the lists also depend on the clock (what is over, which shifts are still ahead).
 * Writes elsewhere (sessions, inbox, reminders) leave the cache alone.
 */

export interface PublicCacheOptions {
  databasePath: string;
  /**
   * The public host (APP_URL's): only requests addressed to it are cached. A page answered for another
   * Host header is served but never stored, so no request can put its own host into a cached page.
   */
  host?: string;
  ttlMs?: number;
  maxEntries?: number;
}

interface Entry {
  status: number;
  headers: [string, string | string[]][];
  body: Buffer;
  /** The body cut at each occurrence of the nonce, so a hit joins bytes instead of re-encoding the page. */
  bodyParts: Buffer[];
  version: number;
  storedAt: number;
  /** The CSP nonce the page was rendered with: replaced by a fresh one on every hit. */
  nonce: string | null;
}

/** The activities list and an activity page, as documents and as single-fetch data. */
const PUBLIC_PATH = /^\/activities(?:\/\d+)?(?:\.data)?$/;
/** Requests that carry nothing but the language choice are anonymous; any other cookie bypasses the cache. */
function onlyLocaleCookie(header: string): boolean {
  const pairs = header
    .split(";")
    .map((pair) => pair.trim())
    .filter(Boolean);
  return pairs.length <= 1 && pairs.every((pair) => pair.startsWith("lng="));
}

/** `body` cut at every occurrence of `separator` (the pieces between them, in order). */
export function splitBuffer(body: Buffer, separator: string | null): Buffer[] {
  if (!separator) return [body];
  const needle = Buffer.from(separator);
  const parts: Buffer[] = [];
  let from = 0;
  for (let at = body.indexOf(needle, from); at !== -1; at = body.indexOf(needle, from)) {
    parts.push(body.subarray(from, at));
    from = at + needle.length;
  }
  parts.push(body.subarray(from));
  return parts;
}

/** The inverse of splitBuffer with another separator. */
function joinWith(parts: Buffer[], separator: Buffer): Buffer {
  const pieces: Buffer[] = [];
  parts.forEach((part, i) => (i === 0 ? pieces.push(part) : pieces.push(separator, part)));
  return Buffer.concat(pieces);
}

export function cachePublicPages(options: PublicCacheOptions) {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 500;
  const entries = new Map<string, Entry>();
  /** Renders in progress, so that 32 visitors arriving at once cause one render, not 32. */
  const rendering = new Map<string, Promise<Entry | null>>();
  let connection: Database.Database | null = null;
  let read: Database.Statement | null = null;

  const currentVersion = (): number | null => {
    try {
      connection ??= new Database(options.databasePath, { fileMustExist: true });
      read ??= connection
        .prepare("SELECT version FROM cache_versions WHERE scope = 'public_activities'")
        .pluck();
      const version = read.get() as number | undefined;
      if (version !== undefined) return version;
      // The row was wiped (db:seed --reset): put it back, and serve this one request uncached.
      connection
        .prepare("INSERT OR IGNORE INTO cache_versions (scope, version) VALUES ('public_activities', 0)")
        .run();
      entries.clear();
      return null;
    } catch {
      // No database, or not migrated yet: serve uncached rather than guess.
      connection = null;
      read = null;
      return null;
    }
  };

  const serve = (res: Response, entry: Entry): void => {
    // Fresh nonce per response: a nonce seen once must not unlock scripts in the next visitor's page.
    const nonce = entry.nonce ? randomBytes(16).toString("base64") : null;
    const swap = (text: string) => (entry.nonce && nonce ? text.split(entry.nonce).join(nonce) : text);
    for (const [name, value] of entry.headers)
      res.setHeader(name, Array.isArray(value) ? value.map(swap) : swap(value));
    const body = nonce ? joinWith(entry.bodyParts, Buffer.from(nonce)) : entry.body;
    res.setHeader("X-Cache", "hit");
    res.setHeader("Content-Length", body.length);
    res.status(entry.status).end(body);
  };

  return (req: Request, res: Response, next: NextFunction): void => {
    if (
      req.method !== "GET" ||
      !PUBLIC_PATH.test(req.path) ||
      !onlyLocaleCookie(req.headers.cookie ?? "") ||
      (options.host !== undefined && req.headers.host !== options.host)
    )
      return next();
    const version = currentVersion();
    if (version === null) return next();
    const key = `${req.originalUrl}\n${req.headers.cookie ?? ""}\n${(req.headers["accept-language"] ?? "").slice(0, 100)}`;
    const now = Date.now();
    const fresh = (entry: Entry | null | undefined): entry is Entry =>
      !!entry && entry.version === version && now - entry.storedAt < ttlMs;
    const hit = entries.get(key);
    if (fresh(hit)) return serve(res, hit);
    if (hit) entries.delete(key);
    const pending = rendering.get(key);
    if (pending) {
      void pending.then((entry) => (fresh(entry) ? serve(res, entry) : next()));
      return;
    }

    let settle: (entry: Entry | null) => void = () => {};
    rendering.set(key, new Promise((resolve) => (settle = resolve)));
    const chunks: Buffer[] = [];
    const write = res.write.bind(res) as (...args: unknown[]) => boolean;
    const end = res.end.bind(res) as (...args: unknown[]) => Response;
    const capture = (chunk: unknown, encoding?: unknown) => {
      if (chunk === undefined || chunk === null || typeof chunk === "function") return;
      chunks.push(
        Buffer.isBuffer(chunk)
          ? chunk
          : Buffer.from(
              chunk as string,
              typeof encoding === "string" ? (encoding as BufferEncoding) : "utf8",
            ),
      );
    };
    res.write = ((chunk: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      return write(chunk, ...rest);
    }) as Response["write"];
    res.end = ((chunk?: unknown, ...rest: unknown[]) => {
      capture(chunk, rest[0]);
      return end(chunk, ...rest);
    }) as Response["end"];
    res.setHeader("X-Cache", "miss");
    res.once("close", () => {
      rendering.delete(key);
      const cacheControl = String(res.getHeader("Cache-Control") ?? "");
      if (
        !res.writableFinished ||
        res.statusCode !== 200 ||
        res.getHeader("Set-Cookie") !== undefined ||
        /no-store|private/.test(cacheControl)
      ) {
        return settle(null);
      }
      const headers = Object.entries(res.getHeaders())
        .filter(
          ([name]) =>
            !["x-cache", "content-length", "date", "connection", "keep-alive", "transfer-encoding"].includes(
              name,
            ),
        )
        .map(
          ([name, value]) =>
            [name, Array.isArray(value) ? value.map(String) : String(value)] as [string, string | string[]],
        );
      const csp = String(res.getHeader("Content-Security-Policy") ?? "");
      const body = Buffer.concat(chunks);
      const nonce = /'nonce-([^']+)'/.exec(csp)?.[1] ?? null;
      const entry: Entry = {
        status: 200,
        headers,
        body,
        bodyParts: splitBuffer(body, nonce),
        // The version read before rendering: a write during the render makes the entry stale at once.
        version,
        storedAt: now,
        nonce,
      };
      while (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
      entries.set(key, entry);
      settle(entry);
    });
    next();
  };
}
