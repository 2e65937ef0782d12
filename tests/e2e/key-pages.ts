import type { Page } from "@playwright/test";
import { expect, type DemoAccount } from "./fixtures";

/**
 * A page: a fixed path, or the first link matching `link` on another page (`from`; "previous" is the
 * page before it in the list, for detail pages two hops down). Detail pages are found through their
 * lists, so the specs follow whatever the demo data holds.
 */
export type Target = string | { from: string; link: RegExp };

export type Who = DemoAccount | "visitor";

/** The key pages of every role, for the axe scan and the narrow-screen check. */
export const KEY_PAGES: Record<Who, Target[]> = {
  visitor: [
    "/",
    "/activities",
    { from: "/activities", link: /^\/activities\/\d+$/ },
    "/privacy",
    "/how-it-works",
    "/login",
    "/register",
    "/register/organisation",
    "/feeds",
  ],
  volunteer: [
    "/volunteer",
    "/volunteer/profile",
    "/volunteer/find",
    "/volunteer/commitments",
    "/volunteer/hours",
    "/volunteer/proof",
    "/volunteer/offers",
    "/volunteer/offers/new",
    "/matches",
    { from: "/matches", link: /^\/matches\/\d+$/ },
    "/inbox",
    "/account",
  ],
  organisation: [
    "/organisation",
    { from: "/organisation", link: /^\/organisations\/\d+$/ },
    { from: "previous", link: /^\/organisations\/\d+\/places$/ },
    { from: "/organisation", link: /^\/organisations\/\d+\/members$/ },
    { from: "/organisation", link: /^\/organisations\/\d+\/activities\/new$/ },
    { from: "/organisation", link: /^\/organisations\/\d+\/activities$/ },
    { from: "previous", link: /^\/organisations\/\d+\/activities\/\d+$/ },
    { from: "previous", link: /^\/organisations\/\d+\/activities\/\d+\/edit$/ },
  ],
  coordinator: [
    "/coordination",
    "/coordination/needs",
    { from: "/coordination/needs", link: /^\/coordination\/needs\/\d+$/ },
    "/coordination/needs/new",
    "/coordination/dashboard",
    "/coordination/dashboard/needs",
    "/coordination/verification",
    "/coordination/organisations",
    "/coordination/reports",
    "/coordination/audit",
    "/coordination/import",
  ],
  admin: [
    "/admin",
    "/admin/users",
    "/admin/outbox",
    "/admin/settings",
    "/admin/invites",
    "/admin/system",
    "/admin/neighbourhoods",
    { from: "/admin/neighbourhoods", link: /^\/admin\/neighbourhoods\/\d+$/ },
    "/admin/categories",
    { from: "/admin/categories", link: /^\/admin\/categories\/\d+$/ },
  ],
};

/** Each role's five most used pages, for the screenshots a reviewer looks at without running the app. */
export const MOST_USED: Record<Who, Target[]> = {
  visitor: [
    "/",
    "/activities",
    { from: "/activities", link: /^\/activities\/\d+$/ },
    "/how-it-works",
    "/login",
  ],
  volunteer: [
    "/volunteer",
    "/volunteer/find",
    "/volunteer/commitments",
    "/volunteer/hours",
    "/volunteer/proof",
  ],
  organisation: [
    "/organisation",
    { from: "/organisation", link: /^\/organisations\/\d+\/activities$/ },
    { from: "previous", link: /^\/organisations\/\d+\/activities\/\d+$/ },
    { from: "/organisation", link: /^\/organisations\/\d+\/activities\/new$/ },
    { from: "/organisation", link: /^\/organisations\/\d+$/ },
  ],
  coordinator: [
    "/coordination",
    "/coordination/needs",
    { from: "/coordination/needs", link: /^\/coordination\/needs\/\d+$/ },
    "/coordination/needs/new",
    "/coordination/dashboard",
  ],
  admin: ["/admin", "/admin/users", "/admin/invites", "/admin/outbox", "/admin/settings"],
};

async function firstLink(page: Page, from: string, link: RegExp): Promise<string> {
  await page.goto(from);
  const hrefs = await page
    .locator("main a[href]")
    .evaluateAll((as) => as.map((a) => a.getAttribute("href") ?? ""));
  const href = hrefs.map((h) => h.split(/[?#]/)[0]!).find((h) => link.test(h));
  expect(href, `a link matching ${link} on ${from}`).toBeTruthy();
  return href!;
}

/** The paths of the targets, in order (the page must be logged in as their role already). */
export async function resolveTargets(page: Page, targets: Target[]): Promise<string[]> {
  const paths: string[] = [];
  for (const target of targets) {
    if (typeof target === "string") paths.push(target);
    else
      paths.push(
        await firstLink(page, target.from === "previous" ? paths.at(-1)! : target.from, target.link),
      );
  }
  return paths;
}

/** The path of one target (resolving the pages before it only as far as it needs them). */
export async function resolveTarget(page: Page, targets: Target[], index: number): Promise<string> {
  const target = targets[index]!;
  if (typeof target === "string") return target;
  const from = target.from === "previous" ? await resolveTarget(page, targets, index - 1) : target.from;
  return firstLink(page, from, target.link);
}

/** The path with the UI language chosen by `?lng=`, which the server reads before cookie and account. */
export function withLanguage(path: string, lng: string): string {
  return `${path}${path.includes("?") ? "&" : "?"}lng=${lng}`;
}
