import { DEMO_ACCOUNTS, expect, openE2eDatabase, test } from "./fixtures";

/**
 * Self check-in as people use it, without JavaScript on a phone: the club opens a shift's code and QR
 * code on its activity page; a volunteer types a code from /volunteer/commitments. (The seed has no
 * shift running now, so the volunteer sees why not yet — the window itself is covered in
 * tests/integration/self-check-in.test.ts.)
 */

function clubShift(): {
  organisationId: number;
  eventId: number;
  shiftId: number;
  title: string;
  mine: number;
} {
  const db = openE2eDatabase();
  try {
    const row = db
      .prepare(
        `select e.organisation_id as organisationId, e.id as eventId, s.id as shiftId, s.title as title,
                (select count(*) from signups x join users v on v.id = x.volunteer_id
                  where x.shift_id = s.id and x.status = 'confirmed' and v.email = @volunteer) as mine
         from shifts s join events e on e.id = s.event_id
         where e.status = 'published' and s.starts_at > @now
           and e.organisation_id in (select m.organisation_id from memberships m join users u on u.id = m.user_id
                                     where u.email = @club)
         order by s.starts_at, s.id limit 1`,
      )
      .get({
        club: DEMO_ACCOUNTS.organisation,
        volunteer: DEMO_ACCOUNTS.volunteer,
        now: Date.now() + 3_600_000,
      });
    if (!row) throw new Error("the demo seed has no upcoming shift of the demo club");
    return row as ReturnType<typeof clubShift>;
  } finally {
    db.close();
  }
}

test.describe("without JavaScript", () => {
  test.use({ javaScriptEnabled: false });

  test("the club shows a shift's code; a volunteer types it and learns when checking in opens", async ({
    page,
    loginAs,
  }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const shift = clubShift();
    await loginAs("organisation");
    await page.goto(`/organisations/${shift.organisationId}/activities/${shift.eventId}`);
    const card = page
      .locator(".shift-signups")
      .filter({ has: page.locator(`#shift-${shift.shiftId}-heading`) });
    await card.getByText("Code zum Selbst-Einchecken zeigen").click();
    await expect(card.getByRole("img", { name: `QR-Code zum Einchecken: ${shift.title}` })).toBeVisible();
    const code = (await card.locator(".check-in-code__value").textContent())!.trim();
    expect(code).toMatch(new RegExp(`^${shift.shiftId}-[A-Z2-9]{8}$`));
    await page.screenshot({ path: "test-results/check-in-code-de-390.png", fullPage: false });

    await loginAs("volunteer");
    await page.goto("/volunteer/commitments");
    await page.getByRole("link", { name: /Code des Vereins einchecken/ }).click();
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Selbst einchecken");
    // A wrong code: a message, the field again.
    await page.getByLabel("Code", { exact: true }).fill("1-ABCDEFGH");
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.getByRole("alert")).toHaveText("Diesen Code gibt es nicht. Bitte prüfen Sie ihn.");
    // The club's code, typed in lower case with a space.
    await page.getByLabel("Code", { exact: true }).fill(` ${code.toLowerCase()}`);
    await page.getByRole("button", { name: "Weiter" }).click();
    await expect(page.getByText(shift.title, { exact: false }).first()).toBeVisible();
    await expect(page.getByRole("alert")).toContainText(
      shift.mine > 0 ? "Einchecken geht erst ab" : "Sie haben für diese Schicht keine feste Zusage.",
    );
    await expect(page.getByRole("button", { name: "Ich bin da" })).toHaveCount(0);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/check-in-de-390.png", fullPage: true });
  });
});
