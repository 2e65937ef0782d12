import type { Browser, Page } from "@playwright/test";
import { expect, openE2eDatabase, test } from "./fixtures";

// An urgent need from "marked urgent" to "accepted": the coordinator records it as very urgent, the
// server's background loop sends the first wave, two asked volunteers answer through their signed links
// without logging in (one in Arabic on a phone without JavaScript: "I cannot"; one in German: "Ich kann"),
// and the coordinator confirms the "Ich kann" on the need page. The need is made for the demo's
// Wednesday-afternoon helpers in the Altstadt (German, accompaniment), not for helfer@ (Lina Haddad),
// whose Thursday the coordinator flow uses.

/** A Wednesday at least four days ahead, as the date input wants it (Europe/Berlin). */
function nextWednesday(): string {
  const day = new Date(Date.now() + 4 * 86_400_000);
  while (day.getUTCDay() !== 3) day.setUTCDate(day.getUTCDate() + 1);
  return day.toISOString().slice(0, 10);
}

interface SentRequest {
  to: string;
  bodyText: string;
}

/** The urgent requests e-mailed for a need title (the outbox, as an admin would read it). */
function requestsFor(title: string): SentRequest[] {
  const db = openE2eDatabase();
  try {
    return db
      .prepare(
        "select to_address as \"to\", body_text as bodyText from email_outbox where kind = 'urgent_request' and subject like ? order by id",
      )
      .all(`%${title}%`) as SentRequest[];
  } finally {
    db.close();
  }
}

function linkIn(bodyText: string, answer: "yes" | "no"): string {
  const match = new RegExp(`(https?://\\S+/urgent/\\S+answer=${answer}\\S*)`).exec(bodyText);
  if (!match) throw new Error(`no ${answer} link in ${bodyText}`);
  const url = new URL(match[1]!);
  return `${url.pathname}${url.search}`;
}

async function freshPage(browser: Browser, options: Parameters<Browser["newContext"]>[0]): Promise<Page> {
  const context = await browser.newContext(options);
  return context.newPage();
}

test("an urgent need reaches two volunteers, one says no, one says yes, the coordinator confirms", async ({
  page,
  browser,
  baseURL,
  loginAs,
}) => {
  test.setTimeout(120_000);
  const title = `Begleitung zum Bürgeramt ${Date.now().toString(36)}`;
  await loginAs("coordinator");
  await page.goto("/coordination/needs/new", { waitUntil: "networkidle" });
  await page.getByLabel("Bereich").selectOption({ label: "Begleitung zu Ämtern und Ärzt*innen" });
  await page.getByLabel("Quartier").selectOption({ label: "Altstadt" });
  await page.getByLabel("Kurzer Titel").fill(title);
  await page
    .getByLabel("Beschreibung in einfacher Sprache")
    .fill("Ein Mann braucht Begleitung zum Bürgeramt. Er muss seine Wohnung anmelden.");
  await page.getByRole("checkbox", { name: "Deutsch" }).check();
  await page.getByLabel("Wie dringend ist es?").selectOption({ label: "Sehr dringend" });
  await page.getByLabel("Datum").fill(nextWednesday());
  await page.getByLabel("Von (Uhrzeit)").fill("14:00");
  await page.getByLabel("Bis (Uhrzeit)").fill("15:30");
  await page.getByRole("button", { name: "Bedarf speichern" }).click();
  await expect(page).toHaveURL(/\/coordination\/needs\/\d+$/);
  await expect(page.getByRole("status").getByText("Der Bedarf ist gespeichert.")).toBeVisible();
  const needPath = new URL(page.url()).pathname;
  const panel = page.locator("section", {
    has: page.getByRole("heading", { name: "Kurzfristig Freiwillige fragen" }),
  });
  await expect(panel).toContainText("Es wird gefragt seit");

  // The background loop sends the first wave within a round or two (every 15 s).
  await expect
    .poll(() => requestsFor(title).length, { timeout: 60_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(2);
  const [first, second] = requestsFor(title) as [SentRequest, SentRequest];
  expect(first.bodyText).toContain("Ein Mann braucht Begleitung zum Bürgeramt.");

  // The first says "I cannot": in Arabic, on a phone, without JavaScript, without an account.
  const phone = await freshPage(browser, {
    baseURL,
    javaScriptEnabled: false,
    viewport: { width: 390, height: 844 },
  });
  await phone.goto(linkIn(first.bodyText, "no").replace(/lng=\w+/, "lng=ar"));
  await expect(phone.locator("html")).toHaveAttribute("dir", "rtl");
  await expect(phone.getByRole("heading", { level: 1 })).toHaveText("مطلوب مساعدة عاجلة");
  await expect(phone.getByRole("heading", { name: title })).toBeVisible();
  await phone.screenshot({ path: "test-results/urgent-answer-ar-390.png", fullPage: true });
  await phone.getByRole("button", { name: "لا أستطيع" }).click();
  await expect(phone.getByText("شكرًا على ردك. سنسأل شخصًا آخر.")).toBeVisible();
  // The link works once: a second answer is refused, the first stands.
  await phone.goto(linkIn(first.bodyText, "yes").replace(/lng=\w+/, "lng=ar"));
  await expect(phone.getByText("لقد رددت بالفعل: لا أستطيع. شكرًا!")).toBeVisible();
  await expect(phone.getByRole("button", { name: "أستطيع" })).toHaveCount(0);
  await phone.context().close();

  // The second says "Ich kann", in German at desktop width.
  const desk = await freshPage(browser, { baseURL, viewport: { width: 1280, height: 900 } });
  await desk.goto(linkIn(second.bodyText, "yes"), { waitUntil: "networkidle" });
  await expect(desk.getByRole("heading", { name: "Können Sie helfen?" })).toBeVisible();
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const axe = await new AxeBuilder({ page: desk }).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
  await desk.getByRole("button", { name: "Ich kann", exact: true }).click();
  await expect(
    desk.getByText("Danke! Die Koordination bestätigt Ihre Hilfe und meldet sich bei Ihnen."),
  ).toBeVisible();
  await desk.screenshot({ path: "test-results/urgent-answer-de-1280.png", fullPage: true });
  await desk.context().close();

  // The coordinator sees who was asked, when, and who answered what — and confirms the yes.
  await page.goto(needPath, { waitUntil: "networkidle" });
  const table = panel.getByRole("table", { name: "Gefragte Freiwillige" });
  await expect(table.getByRole("cell", { name: "Ich kann nicht" })).toHaveCount(1);
  await expect(table.getByRole("cell", { name: "Ich kann", exact: true })).toHaveCount(1);
  await expect(panel).toContainText("Es haben genug Freiwillige zugesagt.");
  await page.screenshot({ path: "test-results/urgent-panel-de-1280.png", fullPage: true });
  await panel.getByRole("button", { name: /^Bestätigen: / }).click();
  await expect(page).toHaveURL(/#urgent$/);
  await expect(
    page.getByRole("status").getByText("Die Zusage ist bestätigt. Die Person wurde benachrichtigt."),
  ).toBeVisible();
  await expect(table.getByRole("cell", { name: "Vermittelt" })).toBeVisible();
  await expect(page.locator("main .tag").first()).toHaveText("Vermittelt");
  const matches = page.locator("section", {
    has: page.getByRole("heading", { name: "Anfragen und Vermittlungen" }),
  });
  await expect(matches).toContainText("Zugesagt");

  // The same panel on a phone, in Arabic: right to left, the table scrolls in its own box.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto(`${needPath}?lng=ar`, { waitUntil: "networkidle" });
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  const arabicPanel = page.locator("section", {
    has: page.getByRole("heading", { name: "سؤال المتطوعين بشكل عاجل" }),
  });
  await expect(arabicPanel.getByRole("table", { name: "المتطوعون الذين سُئلوا" })).toBeVisible();
  await expect(arabicPanel.getByRole("cell", { name: "تم التكليف" })).toBeVisible();
  await arabicPanel.screenshot({ path: "test-results/urgent-panel-ar-390.png" });
});
