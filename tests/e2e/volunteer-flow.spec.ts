import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The demo volunteer (helfer@miteinander.test) on the demo data. Shifts are picked from the page, so
// the test holds whatever this week's activities are; a shift that clashes with one of the demo
// volunteer's own commitments is skipped for the next one.

interface SignedUp {
  activityPath: string;
  /** The shift's element id on the activity page ("shift-12"). */
  shiftElementId: string;
  eventTitle: string;
  shiftTitle: string;
}

/** Shift links on the current /volunteer/find page that the volunteer is not signed up for yet. */
async function candidateShifts(page: Page): Promise<string[]> {
  return page
    .getByRole("link", { name: "Ansehen und anmelden" })
    .evaluateAll((links) => links.map((a) => a.getAttribute("href") ?? ""));
}

const DONE = /^(Sie sind angemeldet\.|Sie stehen auf der Warteliste)/;

/**
 * Opens each candidate's activity page and signs up for that shift, confirming the hours-cap question
 * if it comes; returns the first shift that worked.
 */
async function signUpForOneOf(page: Page, hrefs: string[]): Promise<SignedUp> {
  for (const href of hrefs.slice(0, 8)) {
    const [activityPath, hash] = href.split("#") as [string, string];
    await page.goto(activityPath, { waitUntil: "networkidle" });
    const shift = page.locator(`li#${hash}`);
    const shiftTitle = (await shift.locator("h3").textContent())?.trim() ?? "";
    const eventTitle = (await page.getByRole("heading", { level: 1 }).textContent())?.trim() ?? "";
    await shift.getByRole("button", { name: /^(Anmelden|Auf die Warteliste)/ }).click();
    // With JavaScript the answer appears in the shift's card; without, the browser is back on the
    // activity page (signed up) or on the shift's sign-up page (a question or a problem).
    const problem = page.getByRole("alert");
    await expect(page.locator(`li#${hash}`).getByText(DONE).or(problem).first()).toBeVisible();
    if (await problem.isVisible()) {
      const anyway = page.getByRole("button", { name: /^Trotzdem anmelden/ });
      if (!(await anyway.isVisible())) continue; // a clash with another commitment: try the next shift
      await anyway.click();
    }
    await expect(page).toHaveURL(new RegExp(`${activityPath}(#${hash})?$`));
    await expect(page.locator(`li#${hash}`).getByText(DONE)).toBeVisible();
    return { activityPath, shiftElementId: hash, eventTitle, shiftTitle };
  }
  throw new Error(`none of ${hrefs.length} shifts could be signed up for`);
}

async function findShiftsWithFilters(page: Page): Promise<string[]> {
  await page.goto("/volunteer/find", { waitUntil: "networkidle" });
  await page.getByLabel("Was", { exact: true }).selectOption("shifts");
  await page.getByRole("button", { name: "Anzeigen" }).click();
  await expect(page).toHaveURL(/what=shifts/);
  const hrefs = await candidateShifts(page);
  expect(hrefs.length).toBeGreaterThan(0);
  return hrefs;
}

test.describe("with JavaScript", () => {
  // A refused sign-up (hours cap, clash) is a 409 answer, which Chromium reports on the console.
  test.use({ expectedConsoleErrors: [/status of 409/] });

  test("a volunteer edits the profile, finds a shift, signs up, sees it in the commitments and cancels", async ({
    page,
    loginAs,
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

    const signedUp = await signUpForOneOf(page, await findShiftsWithFilters(page));

    await page.goto("/volunteer/commitments", { waitUntil: "networkidle" });
    const card = page.locator(".card").filter({ hasText: `${signedUp.eventTitle}: ${signedUp.shiftTitle}` });
    await expect(card).toBeVisible();
    await card.getByRole("button", { name: /^(Absagen|Von der Warteliste nehmen)/ }).click();
    await expect(page).toHaveURL("/volunteer/commitments");
    await expect(
      page.locator(".card").filter({ hasText: `${signedUp.eventTitle}: ${signedUp.shiftTitle}` }),
    ).toHaveCount(0);
  });
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("language rows and the sign-up work as plain form posts", async ({ page, loginAs }) => {
    await loginAs("volunteer");

    await page.goto("/volunteer/profile");
    const rowsBefore = await page.locator('select[name$=".language"]').count();
    await page.getByRole("button", { name: "Weitere Sprache hinzufügen" }).click();
    await expect(page.locator('select[name$=".language"]')).toHaveCount(rowsBefore + 1);

    const hrefs = await findShiftsWithFilters(page);
    const signedUp = await signUpForOneOf(page, hrefs);

    // Back on the activity page after a plain POST and its redirect; cancelling works the same way.
    const shift = page.locator(`li#${signedUp.shiftElementId}`);
    await shift.getByRole("button", { name: /^(Absagen|Von der Warteliste nehmen)/ }).click();
    await expect(page).toHaveURL(new RegExp(`${signedUp.activityPath}`));
    await expect(shift.getByRole("button", { name: /^(Anmelden|Auf die Warteliste)/ })).toBeVisible();
  });
});
