import type { Page } from "@playwright/test";
import Database from "better-sqlite3";
import { expect, openE2eDatabase, test } from "./fixtures";

// Alerts for volunteers: the demo volunteer (helfer@: Arabic, accompaniment, Ückendorf, free on Thursday
// afternoons) opts in to the daily digest on her notification settings, a coordinator records a need that
// fits her, the digest job runs in the server's own scheduler, and the e-mail in the outbox lists the need
// with one link; its unsubscribe link works in a browser without login.

const VOLUNTEER = "helfer@miteinander.test";

/** A Thursday at least a week ahead, as the date input wants it (Europe/Berlin). */
function nextThursday(): string {
  const day = new Date(Date.now() + 9 * 86_400_000);
  while (day.getUTCDay() !== 4) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

/** Asks the server's scheduler to run the digest job now: a job row, as ensurePeriodicJobs writes one. */
function runDigestJobNow(): void {
  const { databasePath } = JSON.parse(process.env.MITEINANDER_E2E_RUN!) as { databasePath: string };
  const db = new Database(databasePath, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    const now = Date.now();
    db.prepare(
      "insert into scheduled_jobs (kind, dedupe_key, run_at, payload) values ('alert_digests', ?, ?, '{}')",
    ).run(`alert_digests@e2e-${now}`, now);
  } finally {
    db.close();
  }
}

function digestFor(title: string): { subject: string; bodyText: string } | undefined {
  const db = openE2eDatabase();
  try {
    return db
      .prepare(
        "select subject, body_text as bodyText from email_outbox where to_address = ? and kind = 'alert_digest' and body_text like ? order by id desc limit 1",
      )
      .get(VOLUNTEER, `%${title}%`) as { subject: string; bodyText: string } | undefined;
  } finally {
    db.close();
  }
}

async function recordFittingNeed(page: Page, title: string): Promise<void> {
  await page.goto("/coordination/needs/new", { waitUntil: "networkidle" });
  await page.getByLabel("Bereich").selectOption({ label: "Begleitung zu Ämtern und Ärzt*innen" });
  await page.getByLabel("Quartier").selectOption({ label: "Ückendorf" });
  await page.getByLabel("Kurzer Titel").fill(title);
  await page
    .getByLabel("Beschreibung in einfacher Sprache")
    .fill(
      "Eine Familie braucht Begleitung zum Bürgeramt. Die Begleitung erklärt auf Arabisch, was besprochen wird.",
    );
  await page.getByRole("checkbox", { name: "Arabisch" }).check();
  await page.getByLabel("Datum").fill(nextThursday());
  await page.getByLabel("Von (Uhrzeit)").fill("15:00");
  await page.getByLabel("Bis (Uhrzeit)").fill("16:00");
  await page.getByRole("button", { name: "Bedarf speichern" }).click();
  await expect(page).toHaveURL(/\/coordination\/needs\/\d+$/);
  await expect(page.getByRole("status").getByText("Der Bedarf ist gespeichert.")).toBeVisible();
}

test("a volunteer opts in (axe clean), the digest job runs, the e-mail lists the fitting need; its link unsubscribes without login", async ({
  page,
  browser,
  loginAs,
}) => {
  test.setTimeout(120_000);
  const title = `Begleitung zum Bürgeramt ${Date.now().toString(36)}`;

  // The volunteer opts in on her settings page.
  await loginAs("volunteer");
  await page.goto("/settings/notifications", { waitUntil: "networkidle" });
  const digest = page.getByRole("group", { name: "Neue Einsätze per E-Mail" });
  await expect(digest).toContainText("Höchstens 8 auf einmal");
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
  await digest.getByLabel("Ja, einmal am Tag").check();
  await page.getByRole("button", { name: "Speichern" }).click();
  await expect(page.getByText("Ihre Einstellungen sind gespeichert.")).toBeVisible();
  await page.reload({ waitUntil: "networkidle" });
  await expect(page.getByLabel("Ja, einmal am Tag")).toBeChecked();

  // A coordinator records a need that fits her.
  await page.context().clearCookies();
  await loginAs("coordinator");
  await recordFittingNeed(page, title);

  // The job runs in the server's background loop; the e-mail appears in the outbox.
  runDigestJobNow();
  await expect
    .poll(() => digestFor(title)?.subject, { timeout: 60_000, intervals: [1_000] })
    .toMatch(/(passt|passen) zu Ihnen$/);
  const mail = digestFor(title)!;
  expect(mail.bodyText).toContain("/volunteer/find?what=needs");
  const unsubscribe = /(https?:\/\/\S+\/unsubscribe\?token=\S+)/.exec(mail.bodyText)![1]!;

  // The unsubscribe link, in a browser that is not logged in: a button, then done.
  const context = await browser.newContext();
  const anonymous = await context.newPage();
  const url = new URL(unsubscribe);
  await anonymous.goto(`${url.pathname}${url.search}`);
  await expect(anonymous.getByText(/keine E-Mails mehr mit neuen passenden Einsätzen/)).toBeVisible();
  await anonymous.getByRole("button", { name: "Abbestellen" }).click();
  await expect(anonymous.getByRole("status")).toContainText("Neue passende Einsätze (Zusammenfassung)");
  await context.close();

  // Back on her settings, the digest is off.
  await page.context().clearCookies();
  await loginAs("volunteer");
  await page.goto("/settings/notifications", { waitUntil: "networkidle" });
  await expect(page.getByLabel("Nein, keine solche E-Mail")).toBeChecked();
});
