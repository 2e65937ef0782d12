/**
 * Notices after a redirect (utils/notice.server.ts): a command's redirect carries the notice in a signed
 * cookie; the root loader hands it to the page once and clears it; a cookie that was changed on the way
 * is ignored.
 */
import { describe, expect, it } from "vitest";
import { loader as rootLoader } from "~/root";
import { redirectWithNotice } from "~/utils/notice.server";
import { callLoader, cookiePair, type RouteResult } from "../helpers/route-calls";

const notice = { key: "volunteer:profile.notice.saved" };

async function noticeCookieOf(response: Response): Promise<string> {
  const cookie = response.headers.getSetCookie().find((c) => c.startsWith("notice="));
  expect(cookie).toBeDefined();
  return cookie!;
}

const flashOf = (result: RouteResult) => (result.data as { flash: unknown }).flash;

describe("notices after a redirect", () => {
  it("travel in an HttpOnly, SameSite=Lax cookie for the whole site, short-lived", async () => {
    const response = await redirectWithNotice("/volunteer/profile#calendar", notice);
    expect(response.status).toBe(302);
    expect(response.headers.get("Location")).toBe("/volunteer/profile#calendar");
    const cookie = await noticeCookieOf(response);
    expect(cookie).toMatch(/; Path=\//);
    expect(cookie).toMatch(/; HttpOnly/);
    expect(cookie).toMatch(/; SameSite=Lax/);
    expect(cookie).toMatch(/; Max-Age=60/);
    // Tests run over http, as the session cookie does there (see usesSecureTransport).
    expect(cookie).not.toMatch(/; Secure/);
  });

  it("are shown once: the root loader hands them over and clears the cookie", async () => {
    const cookie = cookiePair(await noticeCookieOf(await redirectWithNotice("/", notice)));
    const first = await callLoader(rootLoader, "/volunteer/profile", { cookie: `lng=de; ${cookie}` });
    expect(flashOf(first)).toMatchObject({ notices: [notice] });
    const cleared = first.headers.getSetCookie().find((c) => c.startsWith("notice="));
    expect(cleared).toMatch(/^notice=; /);
    expect(cleared).toMatch(/Max-Age=0|Expires=Thu, 01 Jan 1970/);
    // The browser has dropped the cookie: the next page shows nothing and sets nothing.
    const next = await callLoader(rootLoader, "/volunteer/profile", { cookie: "lng=de" });
    expect(flashOf(next)).toBeNull();
    expect(next.headers.getSetCookie()).toEqual([]);
  });

  it("carry values and several notices, each redirect with its own id", async () => {
    const one = await redirectWithNotice("/", [
      { key: "events:manage.notices.savedNotified", values: { count: 3 } },
      { key: "events:manage.notices.certificateFlagged", tone: "warning" },
    ]);
    const two = await redirectWithNotice("/", notice);
    const read = async (r: Response) =>
      flashOf(await callLoader(rootLoader, "/", { cookie: cookiePair(await noticeCookieOf(r)) })) as {
        id: string;
        notices: unknown[];
      };
    const [a, b] = [await read(one), await read(two)];
    expect(a.notices).toEqual([
      { key: "events:manage.notices.savedNotified", values: { count: 3 } },
      { key: "events:manage.notices.certificateFlagged", tone: "warning" },
    ]);
    expect(a.id).not.toBe(b.id);
  });

  it("ignore (and clear) a cookie that was changed or made up, showing nothing", async () => {
    const pair = cookiePair(await noticeCookieOf(await redirectWithNotice("/", notice)));
    const [name, value] = [
      pair.slice(0, pair.indexOf("=")),
      decodeURIComponent(pair.slice(pair.indexOf("=") + 1)),
    ];
    const [payload, signature] = [
      value.slice(0, value.lastIndexOf(".")),
      value.slice(value.lastIndexOf(".") + 1),
    ];
    const forged = Buffer.from(
      JSON.stringify({ id: "x", notices: [{ key: "auth:errors.emailTaken" }] }),
    ).toString("base64");
    const tampered = [
      `${name}=${encodeURIComponent(`${forged}.${signature}`)}`,
      `${name}=${encodeURIComponent(`${payload}.${signature.slice(0, -2)}xx`)}`,
      `${name}=${encodeURIComponent(forged)}`,
      `${name}=${encodeURIComponent("{}")}`,
    ];
    for (const cookie of tampered) {
      const result = await callLoader(rootLoader, "/", { cookie });
      expect(flashOf(result)).toBeNull();
      expect(result.headers.getSetCookie().find((c) => c.startsWith("notice="))).toMatch(/^notice=; /);
    }
  });

  it("refuse, in the code that writes them, anything but a translation key and short values", async () => {
    await expect(redirectWithNotice("/", { key: "Gespeichert!" })).rejects.toThrow();
    await expect(
      redirectWithNotice("/", { key: "common:x", link: { href: "//evil.example", label: "common:x" } }),
    ).rejects.toThrow();
    await expect(
      redirectWithNotice("/", { key: "common:x", values: { name: "x".repeat(201) } }),
    ).rejects.toThrow();
  });
});
