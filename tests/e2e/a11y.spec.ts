import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "./fixtures";
import { scan, WCAG_TAGS } from "./axe";
import { gotoHydrated } from "./hydration";
import { KEY_PAGES, resolveTargets, type Who } from "./key-pages";

// axe-core on the key pages of every role, in German (left to right) and Arabic (right to left).

const LANGUAGES = ["de", "ar"] as const;

test.describe.configure({ mode: "parallel" });

for (const [who, targets] of Object.entries(KEY_PAGES) as [Who, (typeof KEY_PAGES)[Who]][]) {
  for (const lng of LANGUAGES) {
    test(`axe: ${who} pages in ${lng} have no WCAG 2.2 AA violations`, async ({ page, loginAs }) => {
      test.slow(); // up to ten pages, each loaded, hydrated and scanned
      if (who !== "visitor") await loginAs(who);
      for (const path of await resolveTargets(page, targets)) {
        expect.soft(await scan(page, path, lng), `axe on ${path} (${lng})`).toEqual([]);
      }
    });
  }
}

test("a refused form: the error summary gets the focus, links to each field and passes axe", async ({
  page,
}) => {
  await gotoHydrated(page, "/register");
  await page.getByRole("button", { name: "Konto anlegen" }).click();
  const summary = page.locator(".error-summary");
  await expect(summary).toBeFocused();
  const links = summary.getByRole("link");
  expect(await links.count()).toBeGreaterThan(0);
  for (const href of await links.evaluateAll((as) => as.map((a) => a.getAttribute("href")!))) {
    const field = page.locator(href);
    await expect(field, `${href} is a field`).toHaveAttribute("aria-invalid", "true");
    await expect(field).toHaveAttribute("aria-describedby", new RegExp(`${href.slice(1)}-error`));
  }
  await links.first().press("Enter");
  await expect(page.locator((await links.first().getAttribute("href"))!)).toBeFocused();
  const result = await new AxeBuilder({ page }).withTags(WCAG_TAGS).setLegacyMode(true).analyze();
  expect(
    result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
});

test("'how it works' is reachable from the navigation, the footer and the home page, with a section per role", async ({
  page,
}) => {
  await gotoHydrated(page, "/");
  await expect(
    page.getByRole("navigation", { name: "Hauptnavigation" }).getByRole("link", { name: "So geht's" }),
  ).toHaveAttribute("href", "/how-it-works");
  await expect(
    page.getByRole("contentinfo").getByRole("link", { name: "So funktioniert miteinander" }),
  ).toHaveAttribute("href", "/how-it-works");
  await page.getByRole("main").getByRole("link", { name: "So funktioniert es" }).click();
  await expect(page).toHaveURL(/\/how-it-works$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("So funktioniert miteinander");
  await expect(page.getByRole("heading", { level: 2 })).toHaveText([
    /Sie möchten mitmachen/,
    "Sie möchten helfen",
    "Sie sind ein Verein oder eine Gruppe",
    "Sie koordinieren ein Quartier",
  ]);
});
