import type { LoaderFunctionArgs } from "@remix-run/node";
import { findCategoryBySlug, findNeighbourhoodBySlug, lastPublicChange } from "~/modules/feeds/feeds.server";
import { JSON_FEED_DEFAULT_LIMIT, JSON_FEED_MAX_LIMIT, listJsonFeed } from "~/modules/feeds/json-feed.server";
import { feedResponse, requestOrigin } from "~/modules/feeds/responses.server";
import { getDb } from "~/utils/db.server";
import { TIME_ZONE } from "~/utils/time";

function badRequest(message: string): Response {
  return new Response(JSON.stringify({ error: message }), {
    status: 400,
    headers: { "Content-Type": "application/json; charset=utf-8", "Access-Control-Allow-Origin": "*" },
  });
}

function positiveInt(value: string | null, fallback: number, max: number): number | null {
  if (value === null || value === "") return fallback;
  if (!/^[1-9][0-9]{0,5}$/.test(value)) return null;
  const n = Number(value);
  return n <= max ? n : null;
}

/**
 * `/feeds/activities.json`: the public activities still running, for municipal apps and state
 * portals. Fields are documented on /feeds. Paged (`page`, `limit` ≤ 500), filterable by
 * `neighbourhood` and `category` slug; ETag and Last-Modified for cheap polling; CORS open (public data).
 */
export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const db = getDb();
  const page = positiveInt(url.searchParams.get("page"), 1, 100_000);
  if (page === null) throw badRequest("page must be a whole number from 1");
  const limit = positiveInt(url.searchParams.get("limit"), JSON_FEED_DEFAULT_LIMIT, JSON_FEED_MAX_LIMIT);
  if (limit === null) throw badRequest(`limit must be a whole number from 1 to ${JSON_FEED_MAX_LIMIT}`);
  const nbSlug = url.searchParams.get("neighbourhood");
  const neighbourhood = nbSlug ? findNeighbourhoodBySlug(db, nbSlug) : null;
  if (nbSlug && !neighbourhood) throw badRequest("unknown neighbourhood");
  const categorySlug = url.searchParams.get("category");
  const category = categorySlug ? findCategoryBySlug(db, categorySlug) : null;
  if (categorySlug && !category) throw badRequest("unknown category");

  const origin = requestOrigin(request);
  const { total, items } = listJsonFeed(
    db,
    { neighbourhoodId: neighbourhood?.id, categoryId: category?.id, page, limit },
    origin,
  );
  const pageCount = Math.max(1, Math.ceil(total / limit));
  const pageUrl = (n: number) => {
    const next = new URL(url.pathname, origin);
    for (const [k, v] of url.searchParams) if (k !== "page") next.searchParams.set(k, v);
    next.searchParams.set("page", String(n));
    return next.toString();
  };
  const next = page < pageCount ? pageUrl(page + 1) : null;
  const body = JSON.stringify({
    version: 1,
    documentation: `${origin}/feeds`,
    timeZone: TIME_ZONE,
    page,
    pageSize: limit,
    pageCount,
    total,
    next,
    items,
  });
  return feedResponse(request, body, {
    contentType: "application/json; charset=utf-8",
    lastModified: lastPublicChange(db),
    cacheControl: "public, max-age=300",
    extraHeaders: {
      "Access-Control-Allow-Origin": "*",
      "Access-Control-Expose-Headers": "ETag, Last-Modified, Link",
      ...(next ? { Link: `<${next}>; rel="next"` } : {}),
    },
  });
}
