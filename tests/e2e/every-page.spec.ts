import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { waitForHydration } from "./hydration";
import {
  LANGUAGES,
  chooseLanguage,
  logInThroughForm,
  markCurrentPage,
  textProblems,
  waitForNewPage,
  type Lng,
} from "./page-texts";
import type { Who } from "./key-pages";

// Every page of every role as a person reaches it: log in through the form, then click each link of the
// navigation, the footer and the home page — client-side navigations, where the browser has only what it
// loaded so far — in all five languages. A raw key, an unfilled {{placeholder}}, an error page, a page
// error or a console error (React reports hydration mismatches there) fails the test. Each page has its own
// time budget.

const PER_PAGE_MS = 12_000;
const ROLES: readonly Who[] = ["visitor", "volunteer", "organisation", "coordinator", "admin"];

/** Links not to follow: downloads, other sites, the page itself, and links that only jump inside a page. */
function followable(href: string): boolean {
  if (!href.startsWith("/") || href.startsWith("//")) return false;
  const path = href.split(/[?#]/)[0]!;
  return !/\.(csv|ics|pdf|json)$/.test(path) && path !== "/account/export" && !href.startsWith("/#");
}

/** One link per page kind: `/activities/12` and `/activities/31` are the same page with other data. */
function pageKind(href: string): string {
  const url = new URL(href, "http://x");
  return url.pathname.replace(/\/\d+(?=\/|$)/g, "/:id");
}

async function linksToVisit(page: Page): Promise<string[]> {
  const hrefs = await page
    .locator("header a[href], main a[href], footer a[href]")
    .evaluateAll((as) =>
      as.filter((a) => (a as HTMLElement).offsetParent !== null).map((a) => a.getAttribute("href") ?? ""),
    );
  const current = new URL(page.url()).pathname;
  const seen = new Set<string>([pageKind(current)]);
  const out: string[] = [];
  for (const href of hrefs) {
    if (!followable(href)) continue;
    const kind = pageKind(href);
    if (seen.has(kind)) continue;
    seen.add(kind);
    out.push(href);
  }
  return out;
}

async function expectReadable(page: Page, lng: Lng, where: string) {
  await expect(page.locator("html")).toHaveAttribute("lang", lng);
  expect.soft(await textProblems(page, lng), `${where} (${lng}) as a person reads it`).toEqual([]);
}

for (const lng of LANGUAGES) {
  for (const who of ROLES) {
    test(`${who} (${lng}): every page reached by a click reads as text`, async ({ page }) => {
      if (who === "visitor") {
        await page.goto("/");
        await waitForHydration(page);
        if (lng !== "de") await chooseLanguage(page, lng);
      } else {
        await logInThroughForm(page, who, lng);
      }
      const home = new URL(page.url()).pathname;
      await expectReadable(page, lng, `${home} right after logging in`);

      const links = await linksToVisit(page);
      expect(links.length, `links on ${home}`).toBeGreaterThan(2);
      test.setTimeout(30_000 + links.length * PER_PAGE_MS);

      for (const href of links) {
        const link = page.locator(`a[href="${href}"]:visible`).first();
        // Another test may have answered a proposal meanwhile (the suite shares one database): its link is gone.
        if ((await link.count()) === 0) continue;
        await markCurrentPage(page);
        await link.click();
        await waitForNewPage(page);
        await expectReadable(page, lng, `${href} (clicked on ${home})`);
        // Back to the home page the same way a person would: the browser's back button.
        await markCurrentPage(page);
        await page.goBack();
        await waitForNewPage(page);
        expect(new URL(page.url()).pathname).toBe(home);
      }
    });
  }
}
