import { mkdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { MOST_USED, resolveTarget, withLanguage, type Target, type Who } from "./key-pages";

// Screenshots for people to look at, written to test-results/screenshots/: each role's five most used
// pages on a phone (390 px) and a desktop (1280 px) in German, and two pages right to left in Arabic and in
// Cyrillic in Ukrainian. One test per page. The test asserts only what a machine can: language, direction,
// a heading, a file of some size.

const DIR = "test-results/screenshots";
const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));
test.describe.configure({ mode: "parallel" });

function slug(path: string): string {
  return path.replace(/^\//, "").replace(/\/\d+/g, "").replace(/\//g, "-") || "home";
}

for (const [who, targets] of Object.entries(MOST_USED) as [Who, Target[]][]) {
  targets.forEach((target, index) => {
    const name = typeof target === "string" ? target : target.link.source;
    test(`screenshots: ${who} ${index + 1} ${name}`, async ({ page, loginAs }) => {
      if (who !== "visitor") await loginAs(who);
      const path = await resolveTarget(page, targets, index);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await gotoHydrated(page, withLanguage(path, "de"));
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        const file = `${DIR}/${who}-${index + 1}-${slug(path)}-${size.width}.png`;
        await page.screenshot({ path: file, fullPage: true });
        expect((await stat(file)).size).toBeGreaterThan(10_000);
      }
    });
  });
}

const LANGUAGES = [
  { lng: "ar", dir: "rtl" },
  { lng: "uk", dir: "ltr" },
] as const;

const PAGES = [
  { name: "activities", path: "/activities", as: null },
  { name: "commitments", path: "/volunteer/commitments", as: "volunteer" },
] as const;

for (const { name, path, as } of PAGES) {
  for (const { lng, dir } of LANGUAGES) {
    test(`screenshots of ${path} in ${lng}`, async ({ page, loginAs }) => {
      if (as) await loginAs(as);
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await gotoHydrated(page, withLanguage(path, lng));
        await expect(page.locator("html")).toHaveAttribute("lang", lng);
        await expect(page.locator("html")).toHaveAttribute("dir", dir);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const file = `${DIR}/${name}-${lng}-${size.width}.png`;
        await page.screenshot({ path: file, fullPage: true });
        expect((await stat(file)).size).toBeGreaterThan(10_000);
      }
    });
  }
}
