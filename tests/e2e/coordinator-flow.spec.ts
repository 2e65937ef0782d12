import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";

// The coordinator's day on the demo data: record a need (refused while it holds a phone number), propose
// the top suggestion, the helper accepts, the need is matched. The need is made to fit the demo volunteer
// (helfer@miteinander.test: Arabic, accompaniment, lives in Ückendorf, free on Thursday afternoons), so
// the top suggestion is her offer and the test can log in as its owner.

/** A Thursday at least a week ahead, as the date input wants it (Europe/Berlin). */
function nextThursday(): string {
  const day = new Date(Date.now() + 8 * 86_400_000);
  while (day.getUTCDay() !== 4) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

async function fillNeed(page: Page, title: string, description: string) {
  await page.getByLabel("Bereich").selectOption({ label: "Begleitung zu Ämtern und Ärzt*innen" });
  await page.getByLabel("Quartier").selectOption({ label: "Ückendorf" });
  await page.getByLabel("Kurzer Titel").fill(title);
  await page.getByLabel("Beschreibung in einfacher Sprache").fill(description);
  await page.getByRole("checkbox", { name: "Arabisch" }).check();
  await page.getByLabel("Datum").fill(nextThursday());
  await page.getByLabel("Von (Uhrzeit)").fill("15:00");
  await page.getByLabel("Bis (Uhrzeit)").fill("16:30");
}

const PHONE_TEXT =
  "Eine Frau aus Syrien braucht Begleitung zur Ausländerbehörde. Bitte vorher unter 0170 1234567 anrufen.";
const CLEAN_TEXT =
  "Eine Frau aus Syrien braucht Begleitung zur Ausländerbehörde. Die Begleitung erklärt auf Arabisch, was besprochen wird.";
const PHONE_REFUSED = /Hier steht eine Telefonnummer\. Bitte entfernen Sie sie\./;

test("a coordinator records a need, proposes the top suggestion, the helper accepts, the need is matched", async ({
  page,
  loginAs,
}) => {
  const title = `Begleitung zur Ausländerbehörde ${Date.now().toString(36)}`;
  await loginAs("coordinator");
  await page.goto("/coordination/needs/new", { waitUntil: "networkidle" });

  await fillNeed(page, title, PHONE_TEXT);
  // The readability advice follows the typing (German descriptions).
  await expect(page.locator("#need-new-readability")).toContainText("Lesbarkeit");
  await page.getByRole("button", { name: "Bedarf speichern" }).click();
  const description = page.getByLabel("Beschreibung in einfacher Sprache");
  await expect(page.locator("#need-new-description-error")).toHaveText(PHONE_REFUSED);
  await expect(description).toHaveAttribute("aria-invalid", "true");
  await expect(description).toHaveAttribute("aria-describedby", /need-new-description-error/);
  await expect(page).toHaveURL(/\/coordination\/needs\/new$/);

  await description.fill(CLEAN_TEXT);
  await page.getByRole("button", { name: "Bedarf speichern" }).click();
  await expect(page).toHaveURL(/\/coordination\/needs\/\d+$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
  await expect(page.getByRole("status").getByText("Der Bedarf ist gespeichert.")).toBeVisible();
  const needPath = new URL(page.url()).pathname;

  // The top suggestion, with its reasons in words; propose it.
  const top = page.locator(".suggestion").first();
  await expect(top.getByRole("heading")).toContainText("Lina Haddad");
  await expect(top).toContainText("spricht Arabisch");
  await expect(top).toContainText("hat donnerstagnachmittags Zeit");
  await top.getByRole("button", { name: /anfragen$/ }).click();
  await expect(page).toHaveURL(/#matches$/);
  await expect(page.getByRole("status").getByText(/^Die Anfrage ist verschickt\./)).toBeVisible();
  const matches = page.locator("section", {
    has: page.getByRole("heading", { name: "Anfragen und Vermittlungen" }),
  });
  await expect(matches.getByRole("row", { name: /Lina Haddad/ })).toContainText("Angefragt");
  const matchPath = await matches.getByRole("link", { name: "Lina Haddad" }).getAttribute("href");
  expect(matchPath).toMatch(/^\/matches\/\d+$/);

  // The offer's owner answers.
  await loginAs("volunteer");
  await page.goto("/matches", { waitUntil: "networkidle" });
  await page.getByRole("link", { name: title }).click();
  await expect(page).toHaveURL(new RegExp(`${matchPath}$`));
  await expect(page.getByRole("heading", { name: "Können Sie helfen?" })).toBeVisible();
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.map((v) => `${matchPath}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
  ).toEqual([]);
  await page.getByRole("button", { name: "Ja, ich helfe" }).click();
  await expect(page.getByText("Danke! Sie haben zugesagt.")).toBeVisible();
  await expect(page.locator(".tag").filter({ hasText: "Zugesagt" })).toBeVisible();

  // The coordinator sees the need matched.
  await loginAs("coordinator");
  await page.goto(needPath, { waitUntil: "networkidle" });
  await expect(page.locator("main .tag").first()).toHaveText("Vermittelt");
  await expect(matches.getByRole("row", { name: /Lina Haddad/ })).toContainText("Zugesagt");
  await page.goto("/coordination/needs?status=matched&q=" + encodeURIComponent(title), {
    waitUntil: "networkidle",
  });
  await expect(page.getByRole("link", { name: title })).toBeVisible();
});

test.describe("without JavaScript", () => {
  // The refused post is a 400 answer, which Chromium reports on the console.
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 400 \(Bad Request\)/] });

  test("a refused need keeps what was typed and names the problem next to the field", async ({
    page,
    loginAs,
  }) => {
    const title = `Begleitung ohne JavaScript ${Date.now().toString(36)}`;
    await loginAs("coordinator");
    await page.goto("/coordination/needs/new");
    await fillNeed(page, title, PHONE_TEXT);
    await page.getByRole("button", { name: "Bedarf speichern" }).click();
    await expect(page.locator("#need-new-description-error")).toHaveText(PHONE_REFUSED);
    await expect(page.locator(".error-summary")).toContainText(PHONE_REFUSED);
    await expect(page.getByLabel("Kurzer Titel")).toHaveValue(title);
    await expect(page.getByLabel("Beschreibung in einfacher Sprache")).toHaveValue(PHONE_TEXT);
    await expect(page.getByRole("checkbox", { name: "Arabisch" })).toBeChecked();
    await expect(page.getByLabel("Von (Uhrzeit)")).toHaveValue("15:00");

    await page.getByLabel("Beschreibung in einfacher Sprache").fill(CLEAN_TEXT);
    await page.getByRole("button", { name: "Bedarf speichern" }).click();
    await expect(page).toHaveURL(/\/coordination\/needs\/\d+$/);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(title);
    await expect(page.getByRole("status").getByText("Der Bedarf ist gespeichert.")).toBeVisible();
  });
});

test("bulk assignment runs in the production server's worker thread and is certified", async ({
  page,
  loginAs,
}) => {
  await loginAs("coordinator");
  await page.goto("/coordination/bulk");
  await page.getByRole("button", { name: "Verteilung berechnen" }).click();
  await expect(page.getByRole("heading", { name: "Ergebnis" })).toBeVisible();
  await expect(
    page.getByText("Die beste Verteilung ist nachweislich optimal (unabhängig geprüft)."),
  ).toBeVisible();
  await expect(page.getByRole("heading", { name: /vorgeschlagene(s)? Paar/ })).toBeVisible();
  await expect(page.getByRole("button", { name: "Neu berechnen" })).toBeVisible();
});

// One test per page: each gets its own time budget, also on a busy machine.
for (const [name, path] of [
  ["needs list", "/coordination/needs"],
  ["new need", "/coordination/needs/new"],
  ["a need with suggestions", null],
  ["verification", "/coordination/verification"],
  ["bulk assignment", "/coordination/bulk"],
] as const) {
  test(`the coordination page "${name}" passes axe`, async ({ page, loginAs }) => {
    const { default: AxeBuilder } = await import("@axe-core/playwright");
    await loginAs("coordinator");
    let target: string = path ?? "/coordination/needs";
    if (path === null) {
      await page.goto("/coordination/needs", { waitUntil: "networkidle" });
      target = (await page.locator(".need-card a").first().getAttribute("href")) ?? target;
    }
    await page.goto(target, { waitUntil: "networkidle" });
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map(
        (v) => `${target}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`,
      ),
    ).toEqual([]);
  });
}
