import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { createUserSession } from "~/modules/auth/session.server";
import { getDb } from "~/utils/db.server";
import type { Notice } from "~/utils/notice";
import { popFlash } from "~/utils/notice.server";

export const ORIGIN = "http://localhost";

/** The `name=value` pair of a Set-Cookie header, ready for a Cookie header. */
export function cookiePair(setCookie: string): string {
  return setCookie.split(";")[0]!;
}

/** A Cookie header value for a fresh session of this user (as if they had just logged in). */
export async function sessionCookieFor(userId: string): Promise<string> {
  return cookiePair(
    await createUserSession(
      getDb(),
      userId,
      new Request(`${ORIGIN}/login`, { headers: { "User-Agent": "vitest" } }),
    ),
  );
}

export interface RequestOptions {
  method?: string;
  cookie?: string | null;
  form?: Record<string, string | string[]>;
  headers?: Record<string, string>;
}

export function buildRequest(path: string, options: RequestOptions = {}): Request {
  const headers = new Headers(options.headers);
  if (options.cookie) headers.set("Cookie", options.cookie);
  const method = options.method ?? (options.form ? "POST" : "GET");
  let body: URLSearchParams | undefined;
  if (options.form) {
    body = new URLSearchParams();
    for (const [key, value] of Object.entries(options.form)) {
      for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
    }
    headers.set("Content-Type", "application/x-www-form-urlencoded");
  }
  return new Request(`${ORIGIN}${path}`, { method, headers, body });
}

/** What a loader or action answered, whether it returned or threw, in one shape. */
export interface RouteResult {
  status: number;
  location: string | null;
  headers: Headers;
  data: unknown;
}

function isDataWithInit(value: unknown): value is { data: unknown; init: ResponseInit | null } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { type?: unknown }).type === "DataWithResponseInit"
  );
}

async function settle(run: () => unknown): Promise<RouteResult> {
  let value: unknown;
  try {
    value = await run();
  } catch (error) {
    value = error;
    if (!(error instanceof Response)) throw error;
  }
  if (value instanceof Response) {
    return {
      status: value.status,
      location: value.headers.get("Location"),
      headers: value.headers,
      data: null,
    };
  }
  if (isDataWithInit(value)) {
    return {
      status: value.init?.status ?? 200,
      location: null,
      headers: new Headers(value.init?.headers),
      data: value.data,
    };
  }
  return { status: 200, location: null, headers: new Headers(), data: value };
}

type Loader = (args: LoaderFunctionArgs) => unknown;
type Action = (args: ActionFunctionArgs) => unknown;

export interface CallOptions extends RequestOptions {
  params?: Record<string, string>;
  clientIp?: string;
}

export function callLoader(loader: Loader, path: string, options: CallOptions = {}): Promise<RouteResult> {
  const request = buildRequest(path, { ...options, method: "GET", form: undefined });
  return settle(() =>
    loader({
      request,
      params: options.params ?? {},
      context: { clientIp: options.clientIp ?? "203.0.113.1" },
    }),
  );
}

export function callAction(action: Action, path: string, options: CallOptions = {}): Promise<RouteResult> {
  const request = buildRequest(path, {
    ...options,
    method: options.method ?? "POST",
    form: options.form ?? {},
  });
  return settle(() =>
    action({
      request,
      params: options.params ?? {},
      context: { clientIp: options.clientIp ?? "203.0.113.1" },
    }),
  );
}

/**
 * The notices a redirect leaves for the next page (utils/notice.server.ts), read the way the root
 * loader reads them; null when it leaves none.
 */
export async function noticesOf(result: RouteResult): Promise<Notice[] | null> {
  const cookie = result.headers.getSetCookie().find((c) => /^(__Host-)?notice=/.test(c));
  if (!cookie) return null;
  const { flash } = await popFlash(buildRequest("/", { cookie: cookiePair(cookie) }));
  return flash?.notices ?? null;
}
