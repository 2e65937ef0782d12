import type { Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, openE2eDatabase, test } from "./fixtures";

/**
 * The organisation's side of the daily work: the demo club creates an activity with two shifts and
 * publishes it, volunteers sign up, the club sees who is coming, a cancellation promotes the next on
 * the waitlist. Once with JavaScript, once without (every form must work as a plain post).
 */

interface Person {
  email: string;
  name: string;
}

/** Seeded volunteers besides the demo one (all share the demo password), read from the e2e database. */
function otherVolunteers(count: number, offset: number): Person[] {
  const db = openE2eDatabase();
  try {
    return db
      .prepare(
        `select u.email, u.display_name as name from users u join volunteer_profiles v on v.user_id = u.id
         where u.role = 'volunteer' and u.email <> ? order by u.email limit ? offset ?`,
      )
      .all(DEMO_ACCOUNTS.volunteer, count, offset) as Person[];
  } finally {
    db.close();
  }
}

function displayNameOf(email: string): string {
  const db = openE2eDatabase();
  try {
    return (
      db.prepare("select display_name as name from users where email = ?").get(email) as { name: string }
    ).name;
  } finally {
    db.close();
  }
}

/** A day far enough ahead that no seeded shift of the volunteers collides with ours. */
function isoDay(daysAhead: number): string {
  return new Date(Date.now() + daysAhead * 86_400_000).toISOString().slice(0, 10);
}

/** A second browser (another person), logged in through POST /login like the loginAs fixture. */
async function openAs(browser: Browser, baseURL: string, email: string, javaScriptEnabled: boolean) {
  const context = await browser.newContext({
    baseURL,
    locale: "de-DE",
    timezoneId: "Europe/Berlin",
    javaScriptEnabled,
  });
  const response = await context.request.post("/login", {
    form: { email, password: DEMO_PASSWORD, redirectTo: "" },
    headers: { Origin: baseURL },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${email}`).toBe(302);
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(message.text());
  });
  return { context, page, problems };
}

async function closeAll(people: { context: BrowserContext; problems: string[] }[]) {
  for (const p of people) {
    expect(p.problems, "the browser reported errors").toEqual([]);
    await p.context.close();
  }
}

/** Fills the new-activity form (default rows: two shifts) and saves the draft. Returns the manage page URL. */
async function createActivity(page: Page, title: string, day: string) {
  await page.goto("/organisation");
  await page.getByRole("link", { name: "Neue Aktivität" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Neue Aktivität" })).toBeVisible();

  await page.getByLabel("Titel", { exact: true }).fill(title);
  await page
    .getByLabel("Beschreibung", { exact: true })
    .fill("Wir feiern zusammen im Quartier. Es gibt Musik und Essen. Alle sind willkommen.");
  // The readability advice is there (it never blocks saving).
  await expect(page.locator("#activity-readability")).toBeVisible();
  await page.getByLabel("Bereich", { exact: true }).selectOption({ index: 1 });
  await page.getByLabel("Ort", { exact: true }).fill("Vereinsheim, Saal 2");
  await page.getByLabel("Beginn", { exact: true }).fill(`${day}T05:00`);
  await page.getByLabel("Ende", { exact: true }).fill(`${day}T08:00`);

  // With JavaScript the row appears in place; without, "add a shift" is a round trip that keeps what was
  // typed. The third row stays empty and is ignored when saving.
  await page.getByRole("button", { name: "Weitere Schicht hinzufügen" }).click();
  await expect(page.getByRole("group", { name: "Schicht 3" })).toBeVisible();
  await expect(page.getByLabel("Titel", { exact: true })).toHaveValue(title);

  const first = page.getByRole("group", { name: "Schicht 1" });
  await first.getByLabel("Aufgabe").fill("Aufbau");
  await first.getByLabel("Beginn der Schicht").fill(`${day}T05:00`);
  await first.getByLabel("Ende der Schicht").fill(`${day}T06:00`);
  await first.getByLabel("Wie viele Helfende?").fill("1");
  const second = page.getByRole("group", { name: "Schicht 2" });
  await second.getByLabel("Aufgabe").fill("Abbau");
  await second.getByLabel("Beginn der Schicht").fill(`${day}T07:00`);
  await second.getByLabel("Ende der Schicht").fill(`${day}T08:00`);
  await second.getByLabel("Wie viele Helfende?").fill("2");

  await page.getByRole("button", { name: "Als Entwurf speichern" }).click();
  await expect(page.getByRole("heading", { level: 1, name: title })).toBeVisible();
  await expect(page.getByText("Die Aktivität ist als Entwurf gespeichert.")).toBeVisible();
  await expect(page.locator(".status")).toHaveText("Entwurf");
  await expect(page.getByRole("heading", { level: 3, name: "Aufbau" })).toBeVisible();
  await expect(page.getByRole("heading", { level: 3, name: "Abbau" })).toBeVisible();

  await page.getByRole("button", { name: "Veröffentlichen" }).click();
  await expect(page.getByText("Die Aktivität ist veröffentlicht.")).toBeVisible();
  await expect(page.locator(".status")).toHaveText("Veröffentlicht");
  const publicLink = page.getByRole("link", { name: "Öffentliche Seite ansehen" });
  const publicPath = await publicLink.getAttribute("href");
  expect(publicPath).toMatch(/^\/activities\/\d+$/);
  return { managePath: new URL(page.url()).pathname, publicPath: publicPath! };
}

function shiftCard(page: Page, title: string): Locator {
  return page.locator("li.card", { has: page.getByRole("heading", { level: 3, name: title }) });
}

/** Signs up for a shift on the public page, confirming the weekly-hours question if it is asked. */
async function signUp(page: Page, publicPath: string, shiftTitle: string) {
  await page.goto(publicPath);
  const card = shiftCard(page, shiftTitle);
  await card.getByRole("button", { name: /^(Anmelden|Auf die Warteliste)/ }).click();
  const anyway = page.getByRole("button", { name: /^Trotzdem anmelden/ });
  const done = page.getByText(/Sie sind angemeldet\.|Sie stehen auf der Warteliste/);
  await expect(done.or(anyway).first()).toBeVisible();
  if (await anyway.isVisible()) {
    await anyway.click();
    if (!page.url().endsWith(publicPath)) await page.goto(publicPath);
  }
}

function orgShift(page: Page, title: string): Locator {
  return page.locator(".shift-signups", { has: page.getByRole("heading", { level: 3, name: title }) });
}

test.describe("with JavaScript", () => {
  test("an organisation publishes an activity with two shifts; sign-up, cancellation and promotion from the waitlist", async ({
    page,
    loginAs,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const title = `Quartiersfest ${Date.now()}`;
    const day = isoDay(45);
    await loginAs("organisation");
    const { managePath, publicPath } = await createActivity(page, title, day);

    const helper = await openAs(browser, baseURL!, DEMO_ACCOUNTS.volunteer, true);
    const [waiting] = otherVolunteers(1, 0);
    const second = await openAs(browser, baseURL!, waiting!.email, true);
    const helperName = displayNameOf(DEMO_ACCOUNTS.volunteer);

    // The demo volunteer takes the one place of "Aufbau"; the second person goes on the waitlist.
    await signUp(helper.page, publicPath, "Aufbau");
    await expect(shiftCard(helper.page, "Aufbau").getByText("Sie sind angemeldet.")).toBeVisible();
    await signUp(second.page, publicPath, "Aufbau");
    await expect(
      shiftCard(second.page, "Aufbau").getByText("Sie stehen auf der Warteliste, auf Platz 1."),
    ).toBeVisible();

    // The organisation sees both, in their places.
    await page.goto(managePath);
    const aufbau = orgShift(page, "Aufbau");
    await expect(aufbau.getByText("1 von 1 Plätzen fest besetzt")).toBeVisible();
    await expect(aufbau.getByRole("row").filter({ hasText: helperName })).toBeVisible();
    await expect(
      aufbau.locator("ol.waitlist").getByRole("listitem").filter({ hasText: waiting!.name }),
    ).toBeVisible();

    // The volunteer cancels: the first on the waitlist moves up.
    // (the volunteer side's cancel form posts to /signups/:id/cancel)
    await shiftCard(helper.page, "Aufbau").locator('form[action$="/cancel"] button').click();
    await expect(shiftCard(helper.page, "Aufbau").getByText("Sie sind angemeldet.")).toBeHidden();
    await second.page.reload();
    await expect(shiftCard(second.page, "Aufbau").getByText("Sie sind angemeldet.")).toBeVisible();

    await page.reload();
    await expect(aufbau.getByRole("row").filter({ hasText: waiting!.name })).toBeVisible();
    await expect(aufbau.getByText("von der Warteliste nachgerückt")).toBeVisible();
    await expect(aufbau.locator("ol.waitlist")).toHaveCount(0);
    await aufbau.getByText(/Abgesagt \(1\)/).click();
    await expect(aufbau.locator("details").getByText(helperName)).toBeVisible();

    // The activity is offered as a calendar file.
    const ics = await page.request.get(`${publicPath}.ics`);
    expect(ics.status()).toBe(200);
    expect(await ics.text()).toContain(`SUMMARY:${title}`);

    await closeAll([helper, second]);
  });
});

test.describe("without JavaScript", () => {
  // The failed save below answers 400, which Chromium reports on the console.
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 400 \(Bad Request\)/] });

  test("the organisation's forms and the volunteer's sign-up work as plain form posts", async ({
    page,
    loginAs,
    browser,
    baseURL,
  }) => {
    test.setTimeout(120_000);
    const title = `Nähcafé ohne JS ${Date.now()}`;
    await loginAs("organisation");
    const { managePath, publicPath } = await createActivity(page, title, isoDay(46));

    const [volunteer] = otherVolunteers(1, 1);
    const person = await openAs(browser, baseURL!, volunteer!.email, false);
    await signUp(person.page, publicPath, "Abbau");
    await expect(shiftCard(person.page, "Abbau").getByText("Sie sind angemeldet.")).toBeVisible();

    await page.goto(managePath);
    const abbau = orgShift(page, "Abbau");
    await expect(abbau.getByText("1 von 2 Plätzen fest besetzt")).toBeVisible();
    await expect(abbau.getByRole("row").filter({ hasText: volunteer!.name })).toBeVisible();

    // A validation error comes back next to its field, with what was typed.
    await page.goto(`${managePath}/edit`);
    await page.getByRole("group", { name: "Schicht 2" }).getByLabel("Wie viele Helfende?").fill("0");
    await page.getByRole("button", { name: "Änderungen speichern" }).click();
    await expect(page.locator("#activity-shifts-1-neededCount-error")).toHaveText(
      "Es muss mindestens 1 Person sein.",
    );
    await expect(
      page.getByRole("group", { name: "Schicht 2" }).getByLabel("Wie viele Helfende?"),
    ).toHaveValue("0");

    await closeAll([person]);
  });
});

test("the organisation's pages have no axe violations", async ({ page, loginAs }) => {
  test.setTimeout(90_000);
  const db = openE2eDatabase();
  const { orgId, eventId } = (() => {
    try {
      const org = db
        .prepare(
          "select m.organisation_id as id from memberships m join users u on u.id = m.user_id where u.email = ?",
        )
        .get(DEMO_ACCOUNTS.organisation) as { id: number };
      const event = db
        .prepare("select id from events where organisation_id = ? order by id limit 1")
        .get(org.id) as { id: number };
      return { orgId: org.id, eventId: event.id };
    } finally {
      db.close();
    }
  })();
  await loginAs("organisation");
  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const base = `/organisations/${orgId}`;
  for (const path of [
    base,
    `${base}/activities`,
    `${base}/activities/new`,
    `${base}/activities/${eventId}`,
    `${base}/activities/${eventId}/edit`,
    `${base}/activities/${eventId}/translations`,
    `${base}/activities/${eventId}/cancel`,
    "/feeds",
  ]) {
    const response = await page.goto(path, { waitUntil: "networkidle" });
    expect(response?.status(), path).toBe(200);
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${path}: ${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    ).toEqual([]);
  }
});
