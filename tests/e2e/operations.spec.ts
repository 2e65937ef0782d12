import type { Page } from "@playwright/test";
import { expect, test } from "./fixtures";
import { waitForHydration } from "./hydration";

/*
 * The operations pages as a person uses them (issue 14): the administrator's system page, reached
 * from the admin home; the coordinator's spreadsheet import, reached from the coordination home, with a
 * bad row shown next to its problem, then fixed and confirmed; with and without JavaScript.
 */

const HEADER = "Name;Art;Quartier;Kontakt;Angebot;Kategorie;Ort;Wochentag;Uhrzeit;Sprachen";

/** A CSV as a city keeps it (semicolons, UTF-8 with BOM), one row per organisation. */
function spreadsheet(rows: string[]): { name: string; mimeType: string; buffer: Buffer } {
  return {
    name: "vereine-stadt.csv",
    mimeType: "text/csv",
    buffer: Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8"),
  };
}

/** A unique organisation name per run and test (the e2e database is shared by all tests). */
function organisationName(label: string): string {
  return `Kulturverein ${label} ${Date.now().toString(36)}`;
}

function row(name: string, neighbourhood = "Altstadt"): string {
  return `${name};Kulturgruppe;${neighbourhood};info@kulturverein.example;Erzählcafé;Sprachförderung;Bürgerhaus;Dienstag;16:00-18:00;Deutsch, Arabisch`;
}

async function noSidewaysScroll(page: Page) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, "the page does not scroll sideways").toBeLessThanOrEqual(0);
}

test("the administrator opens the system page from the admin home: warnings, version, backups, jobs, background work", async ({
  page,
  loginAs,
}) => {
  await loginAs("admin");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/admin");
  await waitForHydration(page);
  await page.getByRole("link", { name: "System" }).click();
  await expect(page).toHaveURL(/\/admin\/system$/);
  await expect(page.getByRole("heading", { level: 1, name: "System" })).toBeVisible();
  // The e2e server has no SMTP_URL: that is a warning someone has to act on.
  await expect(page.getByText("Kein E-Mail-Server eingestellt (SMTP_URL)")).toBeVisible();
  for (const heading of [
    "Was jemand tun muss",
    "Version",
    "Speicher",
    "Sicherungen",
    "E-Mail",
    "Geplante Aufgaben",
    "Arbeit im Hintergrund",
  ]) {
    await expect(page.getByRole("heading", { level: 2, name: heading })).toBeVisible();
  }
  await expect(page.getByText(/\d+ von \d+ angewendet/)).toBeVisible();
  // The demo start built the reach index for suggestions when it started.
  await expect(page.getByText(/^bereit · Angebote darin: \d+/)).toBeVisible();
  const jobs = page.getByRole("group", { name: "Geplante Aufgaben" }).locator("tbody tr");
  expect(await jobs.count()).toBeGreaterThan(0);
  const background = page.locator("section", {
    has: page.getByRole("heading", { name: "Arbeit im Hintergrund" }),
  });
  await expect(background.locator("dl").last().locator("dt")).toHaveText([
    "Alle auf einmal vermitteln",
    "Verzeichnis für Vorschläge",
    "Zahlen für Übersicht und Berichte",
    "Sicherung",
  ]);
  await page.screenshot({ path: "test-results/admin-system-1280.png", fullPage: true });

  // The outbox warning's link and the way back work in the page (client-side).
  await page.getByRole("link", { name: /Postausgang/ }).click();
  await expect(page).toHaveURL(/\/admin\/outbox$/);
});

test("the system page in Arabic on a 390 px phone: right to left, no sideways scrolling", async ({
  page,
  loginAs,
}) => {
  await loginAs("admin");
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/admin/system?lng=ar");
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(page.getByRole("heading", { level: 2, name: "العمل في الخلفية" })).toBeVisible();
  await noSidewaysScroll(page);
  await page.screenshot({ path: "test-results/admin-system-ar-390.png", fullPage: true });
});

test("a coordinator imports the city's list from the coordination home: a bad row is named, the fixed file is confirmed", async ({
  page,
  loginAs,
}) => {
  await loginAs("coordinator");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto("/coordination");
  await waitForHydration(page);
  await page.getByRole("navigation", { name: "Koordination" }).getByRole("link", { name: "Import" }).click();
  await expect(page).toHaveURL(/\/coordination\/import$/);
  await expect(
    page.getByRole("heading", { level: 1, name: "Organisationen und Angebote importieren" }),
  ).toBeVisible();

  const good = organisationName("mit JS");
  await page
    .getByLabel("Datei (CSV oder XLSX)")
    .setInputFiles(spreadsheet([row(good), row(organisationName("falsch"), "Atlantis")]));
  await page.getByRole("button", { name: "Datei prüfen" }).click();
  await expect(page.getByRole("heading", { name: "Zeilen mit Fehlern: 1" })).toBeVisible();
  const problems = page.getByRole("group", { name: "Zeilen mit Fehlern: 1" });
  await expect(problems.getByRole("row", { name: /^3 / })).toContainText(
    "Quartier: „\u2068Atlantis\u2069“ ist kein bekanntes Quartier.",
  );
  // Nothing can be confirmed while a row has a problem.
  await expect(page.getByRole("button", { name: /^Zeilen übernehmen/ })).toHaveCount(0);
  await page.screenshot({ path: "test-results/import-problem-1280.png", fullPage: true });

  await page.getByLabel("Datei (CSV oder XLSX)").setInputFiles(spreadsheet([row(good)]));
  await page.getByRole("button", { name: "Datei prüfen" }).click();
  await expect(page.getByRole("heading", { name: "Die ersten Zeilen" })).toBeVisible();
  await page.getByRole("button", { name: "Zeilen übernehmen: 1" }).click();
  await expect(page).toHaveURL(/\/coordination\/import\?done=\d+$/);
  await expect(
    page.getByText(/Übernommen aus .*vereine-stadt\.csv.* — neue Organisationen: 1, Angebote: 1\./),
  ).toBeVisible();
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the import works as a plain form: preview, then confirm", async ({ page, loginAs }) => {
    await loginAs("coordinator");
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/coordination/import");
    const name = organisationName("ohne JS");
    await page.getByLabel("Datei (CSV oder XLSX)").setInputFiles(spreadsheet([row(name)]));
    await page.getByRole("button", { name: "Datei prüfen" }).click();
    await expect(page.getByRole("heading", { name: "Die ersten Zeilen" })).toBeVisible();
    await expect(page.getByRole("cell", { name })).toBeVisible();
    await noSidewaysScroll(page);
    await page.screenshot({ path: "test-results/import-preview-nojs-390.png", fullPage: true });
    await page.getByRole("button", { name: "Zeilen übernehmen: 1" }).click();
    await expect(page).toHaveURL(/\/coordination\/import\?done=\d+$/);
    await expect(page.getByText(/ — neue Organisationen: 1, Angebote: 1\./)).toBeVisible();
  });

  test("the system page is complete without JavaScript", async ({ page, loginAs }) => {
    await loginAs("admin");
    await page.goto("/admin/system");
    await expect(page.getByRole("heading", { level: 2, name: "Arbeit im Hintergrund" })).toBeVisible();
    await expect(page.getByRole("heading", { level: 2, name: "Sicherungen" })).toBeVisible();
  });
});
