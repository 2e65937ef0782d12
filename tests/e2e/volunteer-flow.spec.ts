import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { berlinDay, createPublishedActivity, unique, type CreatedActivity } from "./data";

// The demo volunteer (helfer@miteinander.test) and a shift the test publishes for itself as the demo
// club (early in the morning nine days ahead, when she has nothing else), so the test never depends on
// which demo shifts fall in the current week.

const DONE = /^(Sie sind angemeldet\.|Sie stehen auf der Warteliste)/;

async function publishShift(baseURL: string): Promise<CreatedActivity> {
  return createPublishedActivity(baseURL, {
    title: `Frühschwimmen ${unique()}`,
    shiftTitle: "Beckenaufsicht",
    day: berlinDay(9),
    from: "06:00",
    to: "07:00",
  });
}

/** The find page filtered to shifts on the activity's day, through its own filter form. */
async function findShift(page: Page, activity: CreatedActivity): Promise<string> {
  await page.goto("/volunteer/find", { waitUntil: "networkidle" });
  await page.getByLabel("Was", { exact: true }).selectOption("shifts");
  await page.getByLabel("Von (Datum)").fill(activity.day);
  await page.getByLabel("Bis (Datum)").fill(activity.day);
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/what=shifts/);
  const card = page.locator("article").filter({ hasText: activity.title });
  const href = await card.getByRole("link", { name: "Ansehen und anmelden" }).getAttribute("href");
  expect(href).toBe(`${activity.path}#shift-${activity.shiftId}`);
  return href!;
}

/** Signs up for the shift on its activity page, confirming the hours-cap question if it comes. */
async function signUp(page: Page, activity: CreatedActivity) {
  await page.goto(activity.path, { waitUntil: "networkidle" });
  const shift = page.locator(`li#shift-${activity.shiftId}`);
  await shift.getByRole("button", { name: /^(Anmelden|Auf die Warteliste)/ }).click();
  // With JavaScript the answer appears in the shift's card; without, the browser is back on the
  // activity page (signed up) or on the shift's sign-up page (a question).
  const anyway = page.getByRole("button", { name: /^Trotzdem anmelden/ });
  await expect(page.locator(`li#shift-${activity.shiftId}`).getByText(DONE).or(anyway).first()).toBeVisible();
  if (await anyway.isVisible()) await anyway.click();
  await expect(page).toHaveURL(new RegExp(`${activity.path}(#shift-${activity.shiftId})?$`));
  await expect(page.locator(`li#shift-${activity.shiftId}`).getByText(DONE)).toBeVisible();
}

test.describe("with JavaScript", () => {
  // A refused sign-up (hours cap, clash) is a 409 answer, which Chromium reports on the console.
  test.use({ expectedConsoleErrors: [/status of 409/] });

  test("a volunteer edits the profile, finds a shift, signs up, sees it in the commitments and cancels", async ({
    page,
    loginAs,
    baseURL,
  }) => {
    await loginAs("volunteer");

    await page.goto("/volunteer/profile", { waitUntil: "networkidle" });
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Mein Profil");
    const rowsBefore = await page.locator('select[name$=".language"]').count();
    await page.getByRole("button", { name: "Weitere Sprache hinzufügen" }).click();
    await expect(page.locator('select[name$=".language"]')).toHaveCount(rowsBefore + 1);
    await page.getByLabel(`Sprache ${rowsBefore + 1}`, { exact: true }).selectOption("tr");
    await page.getByLabel(`Wie gut? (Sprache ${rowsBefore + 1})`).selectOption("fluent");
    await page.getByRole("button", { name: "Profil speichern" }).click();
    await expect(page.getByText("Ihr Profil ist gespeichert.")).toBeVisible();
    await page.reload({ waitUntil: "networkidle" });
    const languages = await page
      .locator('select[name$=".language"]')
      .evaluateAll((selects) => selects.map((s) => (s as HTMLSelectElement).value));
    expect(languages).toContain("tr");

    const activity = await publishShift(baseURL!);
    await findShift(page, activity);
    await signUp(page, activity);

    await page.goto("/volunteer/commitments", { waitUntil: "networkidle" });
    const card = page.locator(".card").filter({ hasText: `${activity.title}: ${activity.shiftTitle}` });
    await expect(card).toBeVisible();
    await card.getByRole("button", { name: /^(Absagen|Von der Warteliste nehmen)/ }).click();
    await expect(page).toHaveURL("/volunteer/commitments");
    await expect(
      page.locator(".card").filter({ hasText: `${activity.title}: ${activity.shiftTitle}` }),
    ).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("language rows and the sign-up work as plain form posts", async ({ page, loginAs, baseURL }) => {
    await loginAs("volunteer");

    await page.goto("/volunteer/profile");
    const rowsBefore = await page.locator('select[name$=".language"]').count();
    await page.getByRole("button", { name: "Weitere Sprache hinzufügen" }).click();
    await expect(page.locator('select[name$=".language"]')).toHaveCount(rowsBefore + 1);

    const activity = await publishShift(baseURL!);
    await findShift(page, activity);
    await signUp(page, activity);

    // Back on the activity page after a plain POST and its redirect; cancelling works the same way.
    const shift = page.locator(`li#shift-${activity.shiftId}`);
    await shift.getByRole("button", { name: /^(Absagen|Von der Warteliste nehmen)/ }).click();
    await expect(page).toHaveURL(new RegExp(activity.path));
    await expect(shift.getByRole("button", { name: /^(Anmelden|Auf die Warteliste)/ })).toBeVisible();
  });
});
