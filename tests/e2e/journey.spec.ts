import type { Page } from "@playwright/test";
import { berlinDay, unique } from "./data";
import { expect, openE2eDatabase, test } from "./fixtures";
import { waitForHydration } from "./hydration";
import {
  chooseLanguage,
  logInThroughForm,
  markCurrentPage,
  textProblems,
  waitForNewPage,
  type Lng,
} from "./page-texts";
import { startsWith, texts, type Text } from "./texts";

// One week of the hub, in one browser, clicked through with JavaScript as people would (issue 13): a club
// publishes a swimming session, a visitor finds it, a volunteer signs up; a coordinator records a weekly
// accompaniment, reads why a helper fits and asks her; she accepts and finds the appointment among her
// dates and in her calendar; the coordinator completes the match with hours; she finds them in her hours
// and her proof; the club sees her sign-up. After every step the page is checked for raw keys and
// unfilled placeholders. Run in German and once in Arabic, with the UI's own words from the locale files.

/** Each person's turn gets this long; the test's budget is the sum (no many-pages-in-one-budget). */
const PER_STEP_MS = 45_000;
const STEPS = 9;

const HELPER = "Lina Haddad";

function lookupId(query: string, value: string): number {
  const db = openE2eDatabase();
  try {
    return (db.prepare(query).get(value) as { id: number }).id;
  } finally {
    db.close();
  }
}

/** The Thursday (Berlin) on or before today, and the one after today. */
function thursdays(): { last: string; next: string } {
  let last = "";
  let next = "";
  for (let d = -7; d <= 7; d++) {
    const day = berlinDay(d);
    if (new Date(`${day}T12:00:00Z`).getUTCDay() !== 4) continue;
    if (d <= 0) last = day;
    else if (!next) next = day;
  }
  return { last, next };
}

function formatNumber(value: number, lng: string): string {
  return new Intl.NumberFormat(lng).format(value);
}

async function readable(page: Page, lng: Lng, where: string) {
  expect(await textProblems(page, lng), `${where} as a person reads it`).toEqual([]);
}

/** Clicks a link or button and waits until the next page is shown (texts loaded, router idle). */
async function go(page: Page, click: () => Promise<void>) {
  await markCurrentPage(page);
  await click();
  await waitForNewPage(page);
}

/** A person's turn, with its own time budget. */
function step(title: string, body: () => Promise<void>) {
  return test.step(title, body, { timeout: PER_STEP_MS });
}

async function logOut(page: Page, t: Text) {
  await page.getByRole("button", { name: t("auth:nav.logout") }).click();
  await expect(page).toHaveURL("/");
  await waitForHydration(page);
}

// The hours-cap question on a sign-up is a 409 answer, which Chromium reports on the console.
test.use({ expectedConsoleErrors: [/status of 409/] });

for (const lng of ["de", "ar"] as const) {
  test(`a week of the hub across the four roles (${lng})`, async ({ page, request }) => {
    test.setTimeout(STEPS * PER_STEP_MS);
    const t = texts(lng);
    const u = unique();
    const activityTitle = `Schwimmkurs für Frauen ${u}`;
    const shiftTitle = "Schwimmbegleitung";
    // Each language on its own day: the volunteer cannot take two shifts at the same time. Late in the
    // evening, after every shift the demo gives her (its days move with the weekday the test runs on).
    const activityDay = berlinDay(lng === "de" ? 5 : 6);
    const needTitle = `Begleitung zur Ausländerbehörde ${u}`;
    const { last: lastThursday, next: nextThursday } = thursdays();
    const ueckendorf = lookupId("select id from neighbourhoods where name = ?", "Ückendorf");

    await step("the club publishes a swimming session", async () => {
      await logInThroughForm(page, "organisation", lng);
      await expect(page).toHaveURL("/organisation");
      await readable(page, lng, "/organisation");
      // Its requests and needs are explained on its own page, not unexplained in the top menu.
      const menu = page.getByRole("navigation", { name: t("common:nav.label") });
      await expect(menu.getByRole("link", { name: t("auth:nav.matches") })).toHaveCount(0);
      await expect(page.getByText(t("home:organisation.more.matchesWhy"))).toBeVisible();

      await go(page, () =>
        page
          .getByRole("link", { name: t("organisations:home.newActivity") })
          .first()
          .click(),
      );
      // The club's own neighbourhood is preselected.
      await expect(page.locator("select[name=neighbourhoodId]")).toHaveValue(String(ueckendorf));
      await expect(page.getByText(t("events:form.participantsRegisteredHint"))).toBeVisible();
      await page.locator("input[name=title]").fill(activityTitle);
      await page
        .locator("textarea[name=description]")
        .fill("Schwimmen lernen in einer Gruppe nur für Frauen. Eine Trainerin ist dabei.");
      await page
        .locator("select[name=categoryId]")
        .selectOption(String(lookupId("select id from categories where slug = ?", "sports")));
      await page.locator("input[name=place]").fill("Hallenbad Ückendorf");
      await page.locator("input[name=startsAt]").fill(`${activityDay}T20:30`);
      await page.locator("input[name=endsAt]").fill(`${activityDay}T21:30`);
      await page.locator("input[name=languages][value=de]").check();
      await page.locator("input[name='shifts.0.title']").fill(shiftTitle);
      await page.locator("input[name='shifts.0.startsAt']").fill(`${activityDay}T20:15`);
      await page.locator("input[name='shifts.0.endsAt']").fill(`${activityDay}T21:30`);
      await page.locator("input[name='shifts.0.neededCount']").fill("2");
      await go(page, () => page.getByRole("button", { name: t("events:form.create") }).click());
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(activityTitle);
      await page.getByRole("button", { name: t("events:manage.publish") }).click();
      await expect(page.getByRole("status").getByText(t("events:manage.notices.published"))).toBeVisible();
      await readable(page, lng, "the activity's page for the club");
      await logOut(page, t);
    });

    let activityPath = "";
    await step("a visitor finds it, also in Arabic", async () => {
      await go(page, () =>
        page
          .getByRole("navigation", { name: t("common:nav.label") })
          .getByRole("link", { name: t("common:nav.activities") })
          .click(),
      );
      await page.locator("input[name=from]").fill(activityDay);
      await page.locator("input[name=to]").fill(activityDay);
      await page.getByRole("button", { name: t("activities:filter.submit") }).click();
      await expect(page).toHaveURL(/from=/);
      await go(page, () => page.getByRole("link", { name: activityTitle }).click());
      activityPath = new URL(page.url()).pathname;
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(activityTitle);
      await readable(page, lng, activityPath);
      const other: Lng = lng === "ar" ? "de" : "ar";
      await chooseLanguage(page, other);
      await expect(page.locator("html")).toHaveAttribute("dir", other === "ar" ? "rtl" : "ltr");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(activityTitle);
      await readable(page, other, `${activityPath} in ${other}`);
      await chooseLanguage(page, lng);
    });

    await step("a volunteer signs up for the shift and finds it among her dates", async () => {
      await logInThroughForm(page, "volunteer", lng);
      await page.goto(activityPath);
      await waitForHydration(page);
      const shift = page.locator("li[id^=shift-]").filter({ hasText: shiftTitle });
      await shift.getByRole("button", { name: startsWith(t("volunteer:signup.signUp")) }).click();
      const anyway = shift.getByRole("button", { name: startsWith(t("volunteer:signup.signUpAnyway")) });
      const done = shift.getByText(t("volunteer:signup.youAreConfirmed"));
      await expect(done.or(anyway).first()).toBeVisible();
      if (await anyway.isVisible()) await anyway.click();
      await expect(done).toBeVisible();
      await go(page, () => page.getByRole("link", { name: t("auth:nav.volunteer") }).click());
      await go(page, () => page.getByRole("link", { name: t("volunteer:nav.commitments") }).click());
      await expect(
        page.locator(".card").filter({ hasText: `${activityTitle}: ${shiftTitle}` }),
      ).toBeVisible();
      await readable(page, lng, "/volunteer/commitments");
      await logOut(page, t);
    });

    let needPath = "";
    await step(
      "a coordinator records a weekly accompaniment, reads why a helper fits and asks her",
      async () => {
        await logInThroughForm(page, "coordinator", lng);
        await page.goto("/coordination/needs/new");
        await waitForHydration(page);
        await page
          .locator("select[name=categoryId]")
          .selectOption(String(lookupId("select id from categories where slug = ?", "accompaniment")));
        await page.locator("select[name=neighbourhoodId]").selectOption(String(ueckendorf));
        await page.locator("input[name=title]").fill(needTitle);
        await page
          .locator("textarea[name=description]")
          .fill(
            "Eine Frau aus Syrien braucht jede Woche Begleitung zur Ausländerbehörde. Die Begleitung erklärt auf Arabisch, was besprochen wird.",
          );
        await page.locator("input[name=languages][value=ar]").check();
        await page.locator("input[name=schedule][value=recurring]").check();
        await page.locator("input[name=periodStart]").fill(berlinDay(-10));
        await page.locator("input[name=periodEnd]").fill(berlinDay(28));
        await page.locator("select[name=slot1Day]").selectOption("3");
        await page.locator("input[name=slot1From]").fill("15:30");
        await page.locator("input[name=slot1To]").fill("17:00");
        await go(page, () => page.getByRole("button", { name: t("needs:new.submit") }).click());
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(needTitle);
        needPath = new URL(page.url()).pathname;
        const top = page.locator(".suggestion").first();
        await expect(top.getByRole("heading")).toContainText(HELPER);
        await top.getByText(t("matches:suggestions.breakdown")).click();
        await expect(top.locator(".breakdown tbody tr").first()).toBeVisible();
        await readable(page, lng, needPath);
        await top
          .getByRole("button", { name: startsWith(t("matches:suggestions.propose", { name: HELPER })) })
          .click();
        await expect(page.getByText(t("coordination:notices.match-proposed"))).toBeVisible();
        await logOut(page, t);
      },
    );

    await step(
      "she reads the message, accepts, and finds the appointment among her dates and in her calendar",
      async () => {
        await logInThroughForm(page, "volunteer", lng);
        await go(page, () =>
          page.getByRole("link", { name: startsWith(t("notifications:nav.inbox")) }).click(),
        );
        const message = page.locator("li.card").filter({ hasText: needTitle }).first();
        await expect(message).toBeVisible();
        await readable(page, lng, "/inbox");
        await go(page, () => message.getByRole("link", { name: t("notifications:inbox.open") }).click());
        await expect(page.getByRole("heading", { level: 1 })).toHaveText(needTitle);
        await expect(page.getByText(t("matches:next.proposedHelper"))).toBeVisible();
        await page.getByRole("button", { name: t("matches:respond.accept") }).click();
        await expect(page.getByText(t("coordination:notices.match-accepted"))).toBeVisible();
        await expect(page.getByText(t("matches:next.acceptedHelper"))).toBeVisible();
        await readable(page, lng, "the match page after accepting");

        await go(page, () => page.getByRole("link", { name: t("auth:nav.volunteer") }).click());
        // "Ihre nächsten Termine" on her home page, and "Meine Termine": next Thursday, every week.
        await expect(page.locator(".card").filter({ hasText: needTitle })).toBeVisible();
        await go(page, () => page.getByRole("link", { name: t("volunteer:nav.commitments") }).click());
        const card = page.locator(".card").filter({ hasText: needTitle });
        await expect(card).toContainText(t("volunteer:commitments.match.accepted"));
        await expect(card.locator("time").first()).toHaveAttribute(
          "datetime",
          new RegExp(`^${nextThursday}`),
        );
        await readable(page, lng, "/volunteer/commitments with the match");

        // The calendar link, reached from her dates; the feed carries the weekly appointment.
        await go(page, () => page.getByRole("link", { name: t("volunteer:commitments.toCalendar") }).click());
        const existing = page.locator("#calendar-url");
        if (!(await existing.isVisible()))
          await page.getByRole("button", { name: t("volunteer:calendar.create") }).click();
        const feedUrl = await page.locator("#calendar-url").inputValue();
        const feed = await (await request.get(new URL(feedUrl).pathname)).text();
        const unfolded = feed.replace(/\r\n[ \t]/g, "");
        expect(unfolded).toContain(`SUMMARY:${needTitle} (`);
        expect(unfolded).toMatch(/RRULE:FREQ=WEEKLY;UNTIL=/);
        await logOut(page, t);
      },
    );

    await step("the coordinator completes the match with hours, on the appointment's day", async () => {
      await logInThroughForm(page, "coordinator", lng);
      await page.goto(needPath);
      await waitForHydration(page);
      await expect(page.locator("main .tag").first()).toHaveText(t("needs:status.matched"));
      const row = page.getByRole("row", { name: new RegExp(HELPER) });
      await expect(row).toContainText(t("matches:status.accepted"));
      await go(page, () => row.getByRole("link", { name: t("matches:list.nextStep.accepted") }).click());
      await expect(page.getByText(t("matches:next.acceptedCoordinator"))).toBeVisible();
      // The form suggests the last Thursday (the need's weekday), not today or an empty field.
      await expect(page.locator("#complete-date")).toHaveValue(lastThursday);
      await page.locator("#complete-hours").fill("1,5");
      await page.locator("#complete-hours").press("Enter");
      await expect(page.getByText(t("coordination:notices.match-completed"))).toBeVisible();
      await readable(page, lng, "the completed match");
      // Completing the only match finished the need.
      await page.goto(needPath);
      await waitForHydration(page);
      await expect(page.locator("main .tag").first()).toHaveText(t("needs:status.closed"));
      await logOut(page, t);
    });

    await step("she finds the hours in Meine Stunden and in her proof, named for what she did", async () => {
      await logInThroughForm(page, "volunteer", lng);
      await expect(page).toHaveURL("/volunteer");
      await go(page, () => page.getByRole("link", { name: t("volunteer:nav.hours") }).click());
      const entry = page.getByRole("row").filter({ hasText: needTitle }).last();
      await expect(entry).toContainText(formatNumber(1.5, lng));
      await expect(entry).toContainText(t("volunteer:hours.confirmed"));
      await readable(page, lng, "/volunteer/hours");
      await go(page, () => page.getByRole("link", { name: t("proof:nav") }).click());
      await expect(page.locator(".proof-sheet")).toContainText(needTitle);
      await readable(page, lng, "/volunteer/proof");
      await logOut(page, t);
    });

    await step("the club opens the sign-ups and sees when attendance can be recorded", async () => {
      await logInThroughForm(page, "organisation", lng);
      const activityRow = page.getByRole("row").filter({ hasText: activityTitle });
      const helpers = t("home:organisation.helpersOf", {
        confirmed: formatNumber(1, lng),
        needed: formatNumber(2, lng),
      });
      await go(page, () => activityRow.getByRole("link", { name: helpers }).click());
      await expect(page.getByRole("heading", { level: 1 })).toHaveText(activityTitle);
      const signup = page.getByRole("row").filter({ hasText: HELPER });
      await expect(signup).toContainText(t("events:signups.attendanceFrom"));
      await readable(page, lng, "the club's sign-ups");
    });

    await step("nothing on the way was left half-translated", async () => {
      await expect(page.locator("html")).toHaveAttribute("lang", lng);
    });
  });
}
