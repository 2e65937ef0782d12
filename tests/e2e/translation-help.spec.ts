import type { Browser, Page } from "@playwright/test";
import { mockTranslation } from "../mocks/translate";
import { DEMO_ACCOUNTS, expect, openE2eDatabase, test } from "./fixtures";
import { gotoHydrated } from "./hydration";

/**
 * Translation help (issue 17) as the demo club uses it: on an activity's translations page
 * "Entwurf übersetzen" fills the empty languages with drafts from the translate server (the e2e run's
 * loopback mock, tests/mocks/http-server.ts), marked "maschinell übersetzt — bitte prüfen"; a reader of
 * the public page in Arabic reads the draft right to left with the same mark. Once with JavaScript,
 * once without.
 */

const MARK_DE = "maschinell übersetzt — bitte prüfen";
const MARK_AR = "ترجمة آلية — يُرجى التحقق منها";

/** A published activity of the demo club written in German with no Arabic translation yet. */
function untranslatedActivity(offset: number): { orgId: number; eventId: number; title: string } {
  const db = openE2eDatabase();
  try {
    return db
      .prepare(
        `select o.id as orgId, e.id as eventId, e.title as title
         from events e
         join organisations o on o.id = e.organisation_id
         join memberships m on m.organisation_id = o.id
         join users u on u.id = m.user_id
         where u.email = ? and e.status = 'published' and e.original_language = 'de'
           and not exists (select 1 from event_translations t where t.event_id = e.id)
         order by e.id limit 1 offset ?`,
      )
      .get(DEMO_ACCOUNTS.organisation, offset) as { orgId: number; eventId: number; title: string };
  } finally {
    db.close();
  }
}

async function draftAndCheck(page: Page, activity: { eventId: number; title: string }) {
  await expect(page.getByRole("heading", { level: 1, name: "Übersetzungen" })).toBeVisible();
  await page.getByRole("button", { name: "Entwurf übersetzen" }).click();
  await expect(page.getByRole("status").getByText(/^Maschineller Entwurf eingetragen für: /)).toBeVisible();
  // Every other language got a draft, each marked until a person edits or confirms it.
  await expect(page.getByText(MARK_DE, { exact: true })).toHaveCount(4);
  const arabicTitle = page.locator('[name="translations.ar.title"]');
  await expect(arabicTitle).toHaveValue(mockTranslation(activity.title, "ar"));
}

/**
 * A reader who is not signed in (their own browser) opens the public page and switches to Arabic. The
 * club's account keeps its language: other tests sign in with it at the same time.
 */
async function readInArabic(
  browser: Browser,
  options: { baseURL: string; javaScriptEnabled: boolean; width: number },
  activity: { eventId: number; title: string },
  name: string,
) {
  const context = await browser.newContext({
    baseURL: options.baseURL,
    javaScriptEnabled: options.javaScriptEnabled,
    locale: "de-DE",
    viewport: { width: options.width, height: 844 },
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(error.message));
  try {
    await page.goto(`/activities/${activity.eventId}`);
    // In German the reader reads the club's own text: nothing to mark.
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(activity.title);
    await expect(page.getByText(MARK_DE, { exact: true })).toHaveCount(0);
    // The reader switches the language with the switcher every page has.
    await page.locator("#language-select").selectOption("ar");
    await page.locator(".language-switcher").getByRole("button").click();
    await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
    await expect(page.locator("html")).toHaveAttribute("lang", "ar");
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(mockTranslation(activity.title, "ar"));
    const mark = page.getByText(MARK_AR, { exact: true }).first();
    await expect(mark).toBeVisible();
    // The mark sits below the title, and in a right-to-left page it runs right to left.
    const [title, markBox] = [
      await page.getByRole("heading", { level: 1 }).boundingBox(),
      await mark.boundingBox(),
    ];
    expect(markBox!.y).toBeGreaterThan(title!.y);
    expect(await mark.evaluate((el) => getComputedStyle(el).direction)).toBe("rtl");
    await page.screenshot({ path: test.info().outputPath(`${name}.png`), fullPage: true });
    expect(problems, "the reader's browser reported errors").toEqual([]);
  } finally {
    await context.close();
  }
}

test("the club drafts a translation; the public page shows it in Arabic, right to left, marked", async ({
  page,
  loginAs,
  browser,
  baseURL,
}) => {
  const activity = untranslatedActivity(0);
  await loginAs("organisation");
  // From the activity's page to its translations by the link (client-side navigation).
  await gotoHydrated(page, `/organisations/${activity.orgId}/activities/${activity.eventId}`);
  await page.getByRole("link", { name: /^Übersetzungen/ }).click();
  await expect(page).toHaveURL(new RegExp(`/activities/${activity.eventId}/translations`));
  await draftAndCheck(page, activity);
  // Saving the drafts unchanged keeps the marks; readers see them.
  await page.getByRole("button", { name: "Übersetzungen speichern" }).click();
  await expect(page.getByText(MARK_DE, { exact: true })).toHaveCount(4);
  await readInArabic(
    browser,
    { baseURL: baseURL!, javaScriptEnabled: true, width: 390 },
    activity,
    "arabic-390",
  );
});

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("drafting is a plain form post, and the Arabic reader sees the mark", async ({
    page,
    loginAs,
    browser,
    baseURL,
  }) => {
    const activity = untranslatedActivity(1);
    await loginAs("organisation");
    await page.goto(`/organisations/${activity.orgId}/activities/${activity.eventId}/translations`);
    await draftAndCheck(page, activity);
    // Drafts are kept only once saved.
    await page.getByRole("button", { name: "Übersetzungen speichern" }).click();
    await expect(page.getByText(MARK_DE, { exact: true })).toHaveCount(4);
    await readInArabic(
      browser,
      { baseURL: baseURL!, javaScriptEnabled: false, width: 1280 },
      activity,
      "arabic-1280-nojs",
    );
  });
});
