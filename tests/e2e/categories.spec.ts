import { expect, test } from "./fixtures";
import { gotoHydrated } from "./hydration";
import { logInThroughForm } from "./page-texts";
import { withLanguage } from "./key-pages";

// An admin keeps the categories of help (/admin/categories) as a person would: from the admin's home,
// with and without JavaScript. Each test removes the category it added, so other tests see the seeded
// list only.

test.describe.configure({ mode: "parallel" });

test("an admin adds a category, takes it out of the choices and removes it", async ({ page }) => {
  test.setTimeout(90_000);
  const name = `Nachbarschaftscafé ${Date.now()}`;
  await logInThroughForm(page, "admin");
  await gotoHydrated(page, "/admin");
  await page.getByRole("link", { name: "Bereiche der Hilfe: hinzufügen, umbenennen, anbieten" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Bereiche der Hilfe" })).toBeVisible();

  // Checked in the browser first: nothing is sent, the message stands next to the field.
  await page.getByRole("button", { name: "Bereich hinzufügen", exact: true }).click();
  await expect(page.locator("#category-new-name-error")).toHaveText("Bitte ausfüllen.");

  await page.getByLabel("Name", { exact: true }).fill(name);
  await page.getByRole("button", { name: "Bereich hinzufügen", exact: true }).click();
  await expect(page.getByText(`„${name}“ ist hinzugefügt.`)).toBeVisible();
  const row = page.getByRole("row").filter({ hasText: name });
  await expect(row).toContainText("ja");
  await expect(row).toContainText("noch nicht verwendet");

  await row.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name: `Bereich „${name}“` })).toBeVisible();
  await page.getByLabel("In den Auswahllisten anbieten").uncheck();
  await page.getByRole("button", { name: "Speichern", exact: true }).click();
  await expect(page.getByText("Gespeichert.")).toBeVisible();

  await gotoHydrated(page, "/coordination/needs/new");
  await expect(page.getByRole("option", { name })).toHaveCount(0);

  await gotoHydrated(page, "/admin/categories");
  await expect(page.getByRole("row").filter({ hasText: name })).toContainText("nein, nicht mehr");
  await page.getByRole("row").filter({ hasText: name }).getByRole("link", { name }).click();
  await page.getByRole("button", { name: "Bereich entfernen", exact: true }).click();
  await expect(page).toHaveURL(/\/admin\/categories$/);
  await expect(page.getByRole("row").filter({ hasText: name })).toHaveCount(0);
});

test("the categories pages right to left on a phone", async ({ page, loginAs }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await loginAs("admin");
  await gotoHydrated(page, withLanguage("/admin/categories", "ar"));
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 1, name: "مجالات المساعدة" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/admin-categories-ar-390.png", fullPage: true });
  // `?lng=` holds for one page: the edit page is opened with it too.
  const href = await page.getByRole("link", { name: "الرياضة" }).getAttribute("href");
  await gotoHydrated(page, withLanguage(href!, "ar"));
  await expect(page.getByRole("heading", { level: 1, name: "المجال «الرياضة»" })).toBeVisible();
  await page.screenshot({ path: "test-results/screenshots/admin-category-ar-390.png", fullPage: true });
});

test.describe("without JavaScript", () => {
  // The refused add answers 400, which Chromium reports on the console.
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 400 \(Bad Request\)/] });

  test("adding, refusing bad input and removing work as plain form posts", async ({ page, loginAs }) => {
    const name = `Reparaturtreff ${Date.now()}`;
    await loginAs("admin");
    await page.goto("/admin/categories");
    await page.getByLabel("Name", { exact: true }).fill("x");
    await page.getByRole("button", { name: "Bereich hinzufügen", exact: true }).click();
    await expect(page.locator("#category-new-name-error")).toHaveText("Mindestens 2 Zeichen.");
    await expect(page.getByLabel("Name", { exact: true })).toHaveValue("x");

    await page.getByLabel("Name", { exact: true }).fill(name);
    await page.getByRole("button", { name: "Bereich hinzufügen", exact: true }).click();
    await expect(page.getByText(`„${name}“ ist hinzugefügt.`)).toBeVisible();

    await page.getByRole("link", { name }).click();
    await page.getByRole("button", { name: "Bereich entfernen", exact: true }).click();
    await expect(page).toHaveURL(/\/admin\/categories$/);
    await expect(page.getByRole("link", { name })).toHaveCount(0);
  });
});
