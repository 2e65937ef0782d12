import { createHash } from "node:crypto";
import type { Db } from "@db/client";
import type { UiLocale } from "@db/schema/enums";
import { isSupportedLocale } from "~/modules/i18n/config";
import { i18nServer } from "~/modules/i18n/i18next.server";
import { publicOrigin } from "~/utils/env.server";

/** `?lng=en` (as everywhere in the hub), then the cookie and Accept-Language. */
export async function feedLocale(db: Db, request: Request): Promise<UiLocale> {
  const locale = await i18nServer(db).getLocale(request);
  return isSupportedLocale(locale) ? locale : "de";
}

/** The origin of links in feeds: the installation's public address, never the request's Host. */
export function requestOrigin(_request: Request): string {
  return publicOrigin();
}

export function uidDomain(_request: Request): string {
  return new URL(publicOrigin()).hostname;
}

function etagOf(body: string): string {
  return `"${createHash("sha256").update(body).digest("base64url").slice(0, 32)}"`;
}

function notModified(request: Request, etag: string, lastModified: number | null): boolean {
  const ifNoneMatch = request.headers.get("If-None-Match");
  // If-None-Match wins over If-Modified-Since (RFC 9110 §13.2.2).
  if (ifNoneMatch)
    return ifNoneMatch
      .split(",")
      .some((tag) => tag.trim().replace(/^W\//, "") === etag || tag.trim() === "*");
  const since = request.headers.get("If-Modified-Since");
  if (since && lastModified) {
    const sinceMs = Date.parse(since);
    return !Number.isNaN(sinceMs) && Math.floor(lastModified / 1000) * 1000 <= sinceMs;
  }
  return false;
}

export interface FeedResponseOptions {
  contentType: string;
  lastModified?: number | null;
  cacheControl: string;
  /** `attachment` offers a download; `inline` suits a subscription URL. */
  disposition?: { type: "attachment" | "inline"; filename: string };
  extraHeaders?: Record<string, string>;
}

/**
 * A feed body with ETag (a hash of the body) and Last-Modified; a conditional GET that matches gets
 * 304 with no body, so apps that poll often cost little.
 */
export function feedResponse(request: Request, body: string, options: FeedResponseOptions): Response {
  const etag = etagOf(body);
  const headers = new Headers({
    "Cache-Control": options.cacheControl,
    ETag: etag,
    Vary: "Accept-Language, Cookie",
    ...options.extraHeaders,
  });
  if (options.lastModified) headers.set("Last-Modified", new Date(options.lastModified).toUTCString());
  if (notModified(request, etag, options.lastModified ?? null))
    return new Response(null, { status: 304, headers });
  headers.set("Content-Type", options.contentType);
  if (options.disposition) {
    headers.set(
      "Content-Disposition",
      `${options.disposition.type}; filename="${options.disposition.filename.replace(/[^A-Za-z0-9._-]/g, "_")}"`,
    );
  }
  return new Response(request.method === "HEAD" ? null : body, { status: 200, headers });
}

export const CALENDAR_CONTENT_TYPE = "text/calendar; charset=utf-8";
