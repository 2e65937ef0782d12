/**
 * Notices after a redirect: the command redirects with `redirectWithNotice(url, notice)`, which puts
 * the notice in a short-lived signed cookie; the root loader reads it once (`popFlash`) and clears it,
 * and the root layout shows it. Works without JavaScript (a redirect and a cookie) and with it (Remix
 * runs the root loader again after an action). docs/decisions/097-notices-and-form-kit.md
 */
import { randomBytes } from "node:crypto";
import { createCookie, redirect, type Cookie } from "@remix-run/node";
import { getAppSecret } from "~/modules/notifications/app-secret.server";
import { usesSecureTransport } from "./env.server";
import { parseWithinLimits } from "./field-limits";
import { FlashSchema, type Flash, type Notice } from "./notice";

/** Long enough for a slow redirect, short enough that a notice nobody saw does not turn up later. */
const MAX_AGE_SECONDS = 60;

let cached: { cookie: Cookie; secret: string; secure: boolean } | null = null;

/** Signed with the server secret; `__Host-` and Secure like the session cookie (see session.server.ts). */
function noticeCookie(): Cookie {
  const secret = getAppSecret();
  const secure = usesSecureTransport();
  if (!cached || cached.secret !== secret || cached.secure !== secure) {
    cached = {
      secret,
      secure,
      cookie: createCookie(secure ? "__Host-notice" : "notice", {
        path: "/",
        httpOnly: true,
        sameSite: "lax",
        secure,
        secrets: [secret],
        maxAge: MAX_AGE_SECONDS,
      }),
    };
  }
  return cached.cookie;
}

/** The Set-Cookie value that carries `notices` to the next page. */
export async function noticeCookieHeader(...notices: Notice[]): Promise<string> {
  const flash = parseWithinLimits(FlashSchema, { id: randomBytes(6).toString("base64url"), notices });
  // The notices are written by the server: one that does not fit is a mistake in the code.
  if (!flash.success) throw new Error(`Not a notice: ${JSON.stringify(flash.issues)}`);
  return noticeCookie().serialize(flash.data);
}

/** A redirect that shows `notice` (and any further ones) on the page it leads to, once. */
export async function redirectWithNotice(
  url: string,
  notice: Notice | Notice[],
  init: ResponseInit = {},
): Promise<Response> {
  const headers = new Headers(init.headers);
  const list = Array.isArray(notice) ? notice : [notice];
  headers.append("Set-Cookie", await noticeCookieHeader(...list));
  return redirect(url, { ...init, headers });
}

/**
 * The notices waiting for this request, and the Set-Cookie that clears them; nothing when there is no
 * cookie. A cookie whose signature or content does not check out is dropped (and cleared) unread.
 */
export async function popFlash(request: Request): Promise<{ flash: Flash | null; setCookie: string | null }> {
  const header = request.headers.get("Cookie");
  // Most requests carry no notice: they do not need the secret or a cookie parser.
  if (!header || !header.includes("notice=")) return { flash: null, setCookie: null };
  const cookie = noticeCookie();
  const value: unknown = await cookie.parse(header);
  const parsed = parseWithinLimits(FlashSchema, value);
  const setCookie = await cookie.serialize("", { maxAge: 0, expires: new Date(0) });
  return { flash: parsed.success ? parsed.data : null, setCookie };
}
