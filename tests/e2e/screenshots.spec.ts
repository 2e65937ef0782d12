import { mkdirSync } from "node:fs";
import { stat } from "node:fs/promises";
import { expect, test } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { withLanguage } from "./key-pages";

// Screenshots for people to look at (right to left in Arabic, Cyrillic in Ukrainian), written to
// test-results/screenshots/. The test asserts only what a machine can: language, direction, a heading.

const DIR = "test-results/screenshots";
const SIZES = [
  { name: "desktop", width: 1280, height: 800 },
  { name: "phone", width: 390, height: 844 },
] as const;
const LANGUAGES = [
  { lng: "ar", dir: "rtl" },
  { lng: "uk", dir: "ltr" },
] as const;

const PAGES = [
  { name: "activities", path: "/activities", as: null },
  { name: "commitments", path: "/volunteer/commitments", as: "volunteer" },
] as const;

test.beforeAll(() => mkdirSync(DIR, { recursive: true }));

for (const { name, path, as } of PAGES) {
  test(`screenshots of ${path} in Arabic and Ukrainian`, async ({ page, loginAs }) => {
    if (as) await loginAs(as);
    for (const { lng, dir } of LANGUAGES) {
      for (const size of SIZES) {
        await page.setViewportSize({ width: size.width, height: size.height });
        await gotoHydrated(page, withLanguage(path, lng));
        await expect(page.locator("html")).toHaveAttribute("lang", lng);
        await expect(page.locator("html")).toHaveAttribute("dir", dir);
        await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
        const file = `${DIR}/${name}-${lng}-${size.name}.png`;
        await page.screenshot({ path: file, fullPage: true });
        expect((await stat(file)).size).toBeGreaterThan(10_000);
      }
    }
  });
}
