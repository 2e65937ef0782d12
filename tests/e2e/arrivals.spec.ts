import { createCookie } from "@remix-run/node";
import type { Page } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, openE2eDatabase, test } from "./fixtures";
import { waitForHydration } from "./hydration";
import { texts } from "./texts";

// An arrival from the coordinator's first click to the Lagebild: a household is recorded, its plan is
// there, helpers are proposed for all open steps at once, one of them says yes, two steps are done, and
// the checklist and the Lagebild show it. Once in German with JavaScript, once in Arabic (right to left)
// without; both on a phone (390 px). One test per step, so each has its own time budget; the steps of a
// run share the arrival they made.

const PHONE = { width: 390, height: 844 };

interface Run {
  lng: "de" | "ar";
  javaScript: boolean;
  neighbourhood: string;
}

const RUNS: Run[] = [
  { lng: "de", javaScript: true, neighbourhood: "Altstadt" },
  { lng: "ar", javaScript: false, neighbourhood: "Ückendorf" },
];

/** The `lng` cookie as the server writes it: the browser reads the pages in that language. */
async function readIn(page: Page, lng: string, baseURL: string) {
  const header = await createCookie("lng", { path: "/" }).serialize(lng);
  const value = header.slice("lng=".length).split(";")[0]!;
  await page.context().addCookies([{ name: "lng", value, url: baseURL }]);
}

/** A day three days ago (Berlin): the household is already here, so the Lagebild counts it. */
function threeDaysAgo(): string {
  const day = new Date(Date.now() - 3 * 86_400_000);
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(day);
}

/** A Berlin day (ISO) `days` from today. */
function berlinDay(days: number): string {
  return berlinDayOf(Date.now() + days * 86_400_000);
}

function berlinDayOf(instant: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date(instant));
}

function query<T>(sql: string, ...params: unknown[]): T[] {
  const db = openE2eDatabase();
  try {
    return db.prepare(sql).all(...params) as T[];
  } finally {
    db.close();
  }
}

/** After a link or a form: with JavaScript the router navigates on the client, so wait for it. */
async function settled(page: Page, run: Run) {
  if (run.javaScript) await waitForHydration(page);
}

for (const run of RUNS) {
  test.describe(`an arrival in ${run.lng}, ${run.javaScript ? "with" : "without"} JavaScript, at 390 px`, () => {
    test.describe.configure({ mode: "serial" });
    test.use({ viewport: PHONE, javaScriptEnabled: run.javaScript });
    const t = texts(run.lng);
    const arrival = { id: 0, code: "", path: "", neighbourhoodId: 0 };

    test.beforeEach(async ({ page, baseURL }) => {
      await readIn(page, run.lng, baseURL!);
    });

    test("a coordinator records the arrival through the form", async ({ page, loginAs }) => {
      await loginAs("coordinator");
      await page.goto("/coordination");
      await settled(page, run);
      await expect(page.locator("html")).toHaveAttribute("dir", run.lng === "ar" ? "rtl" : "ltr");
      // The coordinator's home: arrivals whose next step has no helper, and the way to record one.
      const waiting = page.locator("section", {
        has: page.getByRole("heading", { name: t("arrivals:home.title") }),
      });
      await waiting.getByRole("link", { name: t("arrivals:list.new") }).click();
      await expect(page).toHaveURL(/\/coordination\/arrivals\/new$/);
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(t("arrivals:new.title"));
      await settled(page, run);

      await page
        .getByRole("combobox", { name: t("arrivals:fields.neighbourhood"), exact: true })
        .selectOption({ label: run.neighbourhood });
      await page.getByLabel(t("arrivals:fields.arrivalDate")).fill(threeDaysAgo());
      await page.getByLabel(t("arrivals:fields.householdSize")).fill("4");
      const age = (group: string) =>
        page.getByLabel(t("arrivals:fields.ageGroup", { group: t(`arrivals:ageGroups.${group}`) }));
      await age("6_17").fill("2");
      await age("18_64").fill("2");
      await page
        .getByRole("combobox", { name: t("arrivals:fields.language", { n: 1 }), exact: true })
        .selectOption("ar");
      await page
        .getByRole("combobox", { name: t("arrivals:fields.level", { n: 1 }), exact: true })
        .selectOption("native");
      await page
        .getByRole("combobox", { name: t("arrivals:fields.language", { n: 2 }), exact: true })
        .selectOption("en");
      await page
        .getByRole("combobox", { name: t("arrivals:fields.level", { n: 2 }), exact: true })
        .selectOption("good");
      await page.getByRole("button", { name: t("arrivals:form.submit") }).click();

      await expect(page).toHaveURL(/\/coordination\/arrivals\/\d+$/);
      // With JavaScript the address changes as the router navigates: wait for the new page's heading.
      const h1 = page.getByRole("heading", { level: 1 });
      await expect(h1).toHaveText(/A-\d{4}-\d{3,}/);
      const heading = await h1.textContent();
      const code = /A-\d{4}-\d{3,}/.exec(heading ?? "")?.[0];
      expect(code, "the household's code in the heading").toBeTruthy();
      arrival.code = code!;
      arrival.id = Number(/\/coordination\/arrivals\/(\d+)/.exec(page.url())![1]);
      arrival.path = `/coordination/arrivals/${arrival.id}`;
      arrival.neighbourhoodId = query<{ id: number }>(
        "SELECT neighbourhood_id AS id FROM arrivals WHERE id = ?",
        arrival.id,
      )[0]!.id;
      const steps = query<{ n: number }>(
        "SELECT count(*) AS n FROM arrival_steps WHERE arrival_id = ?",
        arrival.id,
      )[0]!.n;
      await expect(page.getByText(t("arrivals:notices.arrival-created", { count: steps }))).toBeVisible();
    });

    test("the plan is there: every first step dated, school once per child", async ({ page, loginAs }) => {
      await loginAs("coordinator");
      // The overview lists it among the arrivals with an overdue step (the welcome visit is late).
      await page.goto("/coordination/arrivals");
      await settled(page, run);
      const entry = page.getByRole("listitem").filter({ hasText: arrival.code });
      await expect(entry).toContainText(t("arrivals:urgency.overdue"));
      await entry.getByRole("link", { name: arrival.code }).click();
      await expect(page).toHaveURL(new RegExp(`${arrival.path}$`));
      await settled(page, run);
      const checklist = page.getByRole("list", {
        name: t("arrivals:checklist.label", { code: arrival.code }),
      });
      const steps = query<{ id: number; personNumber: number | null; title: string }>(
        `SELECT s.id, s.person_number AS personNumber, tt.title FROM arrival_steps s
         JOIN first_step_template_texts tt ON tt.template_id = s.template_id AND tt.locale = ?
         WHERE s.arrival_id = ? ORDER BY s.id`,
        run.lng,
        arrival.id,
      );
      expect(steps.length).toBeGreaterThan(5);
      await expect(checklist.locator(":scope > li")).toHaveCount(steps.length);
      // Registration at the Bürgerbüro (household), school enrolment for each of the two children.
      const school = steps.filter((s) => s.personNumber !== null && /Schul|مدرس/.test(s.title));
      expect(school.map((s) => s.personNumber)).toEqual([1, 2]);
      for (const step of steps) {
        const item = page.locator(`#step-${step.id}`);
        await expect(item.getByRole("heading")).toContainText(step.title);
        await expect(item).toContainText(t("arrivals:checklist.dueBy"));
      }
      // The welcome visit was due two days after arrival: overdue already.
      await expect(checklist.getByText(t("arrivals:states.overdue")).first()).toBeVisible();
      await expect(page.getByTestId("progress-summary")).toContainText(
        t("arrivals:detail.progress", { done: 0, count: steps.length }),
      );
    });

    test("helpers are proposed for all open steps at once", async ({ page, loginAs }) => {
      await loginAs("coordinator");
      await page.goto(arrival.path);
      await settled(page, run);
      await page.getByRole("link", { name: t("arrivals:detail.bulk") }).click();
      await expect(page).toHaveURL(new RegExp(`${arrival.path}/bulk$`));
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(
        t("arrivals:bulk.title", { code: arrival.code }),
      );
      await settled(page, run);
      await page.getByRole("button", { name: t("matches:bulk.run") }).click();
      await expect(page.getByRole("heading", { name: t("matches:bulk.totals") })).toBeVisible();
      const pairs = page.locator('input[name="pair"]');
      // The demo volunteer is left out: other specs need her free (her offer tops their suggestions).
      const [demoVolunteer] = query<{ name: string }>(
        "SELECT display_name AS name FROM users WHERE email = ?",
        DEMO_ACCOUNTS.volunteer,
      );
      const hers = page
        .getByRole("row")
        .filter({ hasText: demoVolunteer!.name })
        .locator('input[name="pair"]');
      for (const box of await hers.all()) await box.uncheck();
      expect(
        (await pairs.count()) - (await hers.count()),
        "the demo has helpers for some of the steps",
      ).toBeGreaterThan(0);
      await page.getByRole("button", { name: t("matches:bulk.confirm") }).click();
      await expect(page).toHaveURL(new RegExp(`${arrival.path}$`));
      const asked = query<{ n: number }>(
        `SELECT count(*) AS n FROM matches m JOIN arrival_steps s ON s.need_id = m.need_id
         WHERE s.arrival_id = ? AND m.status = 'proposed'`,
        arrival.id,
      )[0]!.n;
      expect(asked).toBeGreaterThan(0);
      await expect(
        page.getByText(t("arrivals:notices.helpers-proposed", { count: asked, skipped: 0 })),
      ).toBeVisible();
      await expect(page.getByText(t("arrivals:states.proposed")).first()).toBeVisible();
    });

    test("an asked helper says yes", async ({ page, loginAs }) => {
      const [match] = query<{ id: number; email: string }>(
        `SELECT m.id, u.email FROM matches m JOIN arrival_steps s ON s.need_id = m.need_id
         JOIN offers o ON o.id = m.offer_id
         JOIN users u ON u.id = coalesce(o.volunteer_id,
           (SELECT user_id FROM memberships WHERE organisation_id = o.organisation_id AND role = 'owner'))
         WHERE s.arrival_id = ? AND m.status = 'proposed' AND u.email NOT IN (${Object.values(DEMO_ACCOUNTS)
           .map(() => "?")
           .join(", ")}) ORDER BY m.id LIMIT 1`,
        arrival.id,
        ...Object.values(DEMO_ACCOUNTS),
      );
      expect(match, "a proposed helper").toBeTruthy();
      await loginAs({ email: match!.email, password: DEMO_PASSWORD });
      await page.goto(`/matches/${match!.id}`);
      await settled(page, run);
      await expect(page.getByRole("heading", { name: t("matches:respond.title") })).toBeVisible();
      await page.getByRole("button", { name: t("matches:respond.accept") }).click();
      await expect(page.getByText(t("coordination:notices.match-accepted"))).toBeVisible();
    });

    test.describe("marking steps done", () => {
      // A day in the future is answered with 400 and the form again.
      test.use({ expectedConsoleErrors: [/status of 400/] });
      test("two steps are done: the one with its helper, and one the coordination did", async ({
        page,
        loginAs,
      }) => {
        await loginAs("coordinator");
        const [withHelper] = query<{ id: number }>(
          `SELECT s.id FROM arrival_steps s JOIN matches m ON m.need_id = s.need_id
           WHERE s.arrival_id = ? AND m.status = 'accepted' ORDER BY s.id LIMIT 1`,
          arrival.id,
        );
        const [withoutHelper] = query<{ id: number }>(
          `SELECT s.id FROM arrival_steps s WHERE s.arrival_id = ?
           AND NOT EXISTS (SELECT 1 FROM matches m WHERE m.need_id = s.need_id) ORDER BY s.due_on, s.id LIMIT 1`,
          arrival.id,
        );
        expect(withHelper && withoutHelper).toBeTruthy();
        const today = berlinDay(0);
        // The helper's appointment is today or still ahead (the plan's working days move with the weekday
        // the test runs on): the visit is marked done today, on or before the planned day.
        const [planned] = query<{ startsAt: number }>(
          "SELECT n.starts_at AS startsAt FROM arrival_steps s JOIN needs n ON n.id = s.need_id WHERE s.id = ?",
          withHelper!.id,
        );
        expect(berlinDayOf(planned!.startsAt) >= today).toBe(true);
        for (const step of [withHelper!, withoutHelper!]) {
          await page.goto(arrival.path);
          await settled(page, run);
          const item = page.locator(`#step-${step.id}`);
          const doneOn = item.getByLabel(t("arrivals:checklist.doneOn"));
          await expect(doneOn).toHaveValue(today);
          if (step === withHelper) {
            // A day in the future is refused next to the field, in the page's language; nothing changes.
            await doneOn.fill(berlinDay(1));
            await item.getByRole("button", { name: t("arrivals:checklist.markDone"), exact: true }).click();
            await settled(page, run);
            await expect(page.locator(`#step-${step.id}`)).toContainText(t("arrivals:errors.doneOnFuture"));
            await expect(
              page.locator(`#step-${step.id}`).getByLabel(t("arrivals:checklist.doneOn")),
            ).toHaveAttribute("aria-invalid", "true");
            await page.locator(`#step-${step.id}`).getByLabel(t("arrivals:checklist.doneOn")).fill(today);
          }
          await page
            .locator(`#step-${step.id}`)
            .getByRole("button", { name: t("arrivals:checklist.markDone"), exact: true })
            .click();
          await expect(page).toHaveURL(new RegExp(`#step-${step.id}$`));
          await expect(page.getByText(t("arrivals:notices.step-done"))).toBeVisible();
        }
        // Its appointment moved to today, and the helper's hours are on that day.
        const [moved] = query<{ startsAt: number; hoursOn: string }>(
          `SELECT n.starts_at AS startsAt, h.date AS hoursOn FROM arrival_steps s JOIN needs n ON n.id = s.need_id
           JOIN matches m ON m.need_id = n.id JOIN hours_log h ON h.match_id = m.id WHERE s.id = ?`,
          withHelper!.id,
        );
        expect(berlinDayOf(moved!.startsAt)).toBe(today);
        expect(moved!.hoursOn).toBe(today);
      });
    });

    test("the checklist shows what was done, by whom and when", async ({ page, loginAs }) => {
      await loginAs("coordinator");
      await page.goto(arrival.path);
      await settled(page, run);
      const done = query<{ id: number; helper: string | null }>(
        `SELECT s.id, (SELECT u.display_name FROM matches m JOIN offers o ON o.id = m.offer_id
           JOIN users u ON u.id = o.volunteer_id WHERE m.need_id = s.need_id AND m.status = 'completed') AS helper
         FROM arrival_steps s JOIN needs n ON n.id = s.need_id
         WHERE s.arrival_id = ? AND n.status = 'closed' ORDER BY s.id`,
        arrival.id,
      );
      expect(done).toHaveLength(2);
      const total = query<{ n: number }>(
        "SELECT count(*) AS n FROM arrival_steps WHERE arrival_id = ?",
        arrival.id,
      )[0]!.n;
      await expect(page.getByTestId("progress-summary")).toContainText(
        t("arrivals:detail.progress", { done: 2, count: total }),
      );
      for (const step of done) {
        const item = page.locator(`#step-${step.id}`);
        await expect(item.locator(".tag").first()).toHaveText(t("arrivals:states.done"));
        const by = step.helper
          ? t("arrivals:checklist.doneBy", { names: step.helper.split(" ")[0]! })
          : t("arrivals:checklist.doneByCoordination");
        await expect(item).toContainText(by);
        await expect(item.locator("time")).not.toHaveCount(0);
        // When: today, the day it was done.
        expect(berlinDayOf(Date.parse((await item.locator("time").last().getAttribute("datetime"))!))).toBe(
          berlinDay(0),
        );
        await expect(item.getByRole("button")).toHaveCount(0);
      }
    });

    test("the Lagebild counts the arrival and its done steps, down to its code", async ({
      page,
      loginAs,
    }) => {
      await loginAs("coordinator");
      await page.goto("/coordination/dashboard");
      await settled(page, run);
      const lagebild = page.getByTestId("arrivals-lagebild");
      await expect(lagebild.getByRole("heading", { level: 2 })).toHaveText(
        t("arrivals:lagebild.title", { days: 90 }),
      );
      const byNeighbourhood = lagebild.getByTestId("arrivals-by-neighbourhood");
      const row = byNeighbourhood.getByRole("row").filter({ hasText: run.neighbourhood });
      await expect(row).toHaveCount(1);
      // Its arrivals of the last 90 days, this one among them.
      const today = new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(new Date());
      const from = new Date(Date.parse(`${today}T12:00:00Z`) - 89 * 86_400_000).toISOString().slice(0, 10);
      const inWindow = query<{ n: number }>(
        "SELECT count(*) AS n FROM arrivals WHERE neighbourhood_id = ? AND arrival_date BETWEEN ? AND ?",
        arrival.neighbourhoodId,
        from,
        today,
      )[0]!.n;
      await expect(row.getByRole("cell").first()).toHaveText(String(inWindow));
      // From the neighbourhood's row to the arrivals behind it: the code, two steps done.
      await row.getByRole("link", { name: run.neighbourhood }).click();
      await expect(page).toHaveURL(
        new RegExp(`/coordination/dashboard/arrivals\\?neighbourhood=${arrival.neighbourhoodId}$`),
      );
      const entry = page.getByTestId("arrivals-list").getByRole("row").filter({ hasText: arrival.code });
      await expect(entry).toHaveCount(1);
      const steps = query<{ n: number }>(
        `SELECT count(*) AS n FROM arrival_steps s JOIN needs n ON n.id = s.need_id
         WHERE s.arrival_id = ? AND n.status <> 'cancelled'`,
        arrival.id,
      )[0]!.n;
      await expect(entry).toContainText(t("arrivals:lagebild.doneOf", { done: "2", count: steps }));
      // The neighbourhood's days from arrival to each step: the two done steps' kinds are among them.
      const byStep = page.getByTestId("arrivals-by-step");
      await expect(page.getByRole("heading", { level: 2 })).toContainText(run.neighbourhood);
      const doneKinds = query<{ title: string }>(
        `SELECT DISTINCT tt.title FROM arrival_steps s JOIN needs n ON n.id = s.need_id
         JOIN first_step_template_texts tt ON tt.template_id = s.template_id AND tt.locale = ?
         WHERE s.arrival_id = ? AND n.status = 'closed'`,
        run.lng,
        arrival.id,
      );
      expect(doneKinds.length).toBeGreaterThan(0);
      for (const { title } of doneKinds) {
        await expect(byStep.getByRole("rowheader", { name: title, exact: true })).toHaveCount(1);
      }
      await entry.getByRole("link", { name: arrival.code }).click();
      await expect(page).toHaveURL(new RegExp(`${arrival.path}$`));
    });
  });
}
