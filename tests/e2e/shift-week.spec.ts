import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The week view of shifts as people use it: one test per page and setting (each its own time budget).

async function dayBoxes(page: Page) {
  const days = page.locator(".week-day");
  await expect(days).toHaveCount(7);
  return Promise.all([0, 1].map(async (i) => (await days.nth(i).boundingBox())!));
}

test("the public week in German on a laptop: days side by side, weeks turned and filtered in place", async ({
  page,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/activities", { waitUntil: "networkidle" });
  await page.getByRole("link", { name: "Schichten als Woche ansehen" }).click();
  await expect(page).toHaveURL(/\/activities\/week$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Schichten der Woche");
  const [monday, tuesday] = await dayBoxes(page);
  // Columns: Tuesday stands right of Monday, on the same line.
  expect(tuesday!.x).toBeGreaterThan(monday!.x);
  expect(Math.abs(tuesday!.y - monday!.y)).toBeLessThan(2);
  await expect(page.getByRole("heading", { level: 3 }).first()).toHaveText(/^Montag, \d+\. \w+/);
  await expect(page.locator(".week-shift").first()).toBeVisible();
  await page.screenshot({ path: "test-results/week-de-1280.png" });

  const heading = page.locator("#week-heading");
  const thisWeek = await heading.textContent();
  await page
    .getByRole("navigation", { name: "Wochen blättern" })
    .getByRole("link", { name: "Nächste Woche" })
    .click();
  await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
  await expect(heading).not.toHaveText(thisWeek!);
  await page.getByRole("link", { name: "Diese Woche" }).click();
  await expect(heading).toHaveText(thisWeek!);

  await page.getByLabel("Bereich").selectOption({ label: "Sport" });
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/category=sports/);
  for (const event of await page.locator(".week-shift__event a").allTextContents())
    expect(event).not.toBe("");

  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the public week in Arabic on a phone: a list per day, right to left, weeks by plain links", async ({
    page,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    // The language is chosen as a person does: the switcher's plain form (it keeps the page).
    await page.goto("/activities/week");
    await page.locator(".language-switcher select").selectOption("ar");
    await page.locator(".language-switcher").getByRole("button").click();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("نوبات الأسبوع");
    const [first, second] = await dayBoxes(page);
    // One day under the other, each as wide as the page.
    expect(second!.y).toBeGreaterThan(first!.y + first!.height - 1);
    expect(Math.abs(second!.x - first!.x)).toBeLessThan(2);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/week-ar-390.png" });
    await page.locator(".week-day").first().scrollIntoViewIfNeeded();
    await page.screenshot({ path: "test-results/week-ar-390-day.png" });

    await page.getByRole("link", { name: "الأسبوع التالي" }).click();
    await expect(page).toHaveURL(/week=\d{4}-\d{2}-\d{2}/);
    await expect(page.getByRole("link", { name: "هذا الأسبوع" })).toBeVisible();
    // The filter is a plain GET form.
    await page.locator("#week-language").selectOption("ar");
    await page.locator(".filter-form button[type=submit]").click();
    await expect(page).toHaveURL(/language=ar/);
    await expect(page.locator(".week-day")).toHaveCount(7);
  });
});

test("the public week in Arabic on a laptop runs right to left: Monday on the right", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/activities/week?lng=ar", { waitUntil: "networkidle" });
  const [monday, tuesday] = await dayBoxes(page);
  expect(tuesday!.x).toBeLessThan(monday!.x);
  await page.screenshot({ path: "test-results/week-ar-1280.png" });
});

test("a volunteer opens the week from their area and reaches a sign-up with the keyboard", async ({
  page,
  loginAs,
}) => {
  await loginAs("volunteer");
  await page.goto("/volunteer", { waitUntil: "networkidle" });
  await page.getByRole("link", { name: "Woche", exact: true }).click();
  await expect(page).toHaveURL(/\/volunteer\/week$/);
  await expect(page.getByRole("link", { name: "Woche", exact: true })).toHaveAttribute(
    "aria-current",
    "page",
  );
  const signup = page.getByRole("link", { name: /^Anmelden: / }).first();
  await signup.focus();
  await expect(signup).toBeFocused();
  const href = await signup.getAttribute("href");
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(new RegExp(`${href}$`));
});
