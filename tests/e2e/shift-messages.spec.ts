import { DEMO_ACCOUNTS, expect, openE2eDatabase, test } from "./fixtures";

/**
 * Messages to a shift's helpers as people send them: the club without JavaScript on a phone (choose the
 * shift, see who gets it, write, send), a coordinator in Arabic on a laptop from the public page, and the
 * message offered pre-filled after the club moves the place. One test per page and setting.
 */

interface Target {
  organisationId: number;
  eventId: number;
  shiftId: number;
  shiftTitle: string;
  confirmed: number;
}

/**
 * A published activity whose shifts have confirmed helpers, not yet begun: of the demo club (or, for the
 * coordinator, in one of the demo coordinator's neighbourhoods). `skip` leaves out the first ones, so
 * tests that write do not share an activity (each has its own limit of messages a day).
 */
function findTarget(kind: "club" | "coordinator", skip: number): Target {
  const db = openE2eDatabase();
  try {
    const scope =
      kind === "club"
        ? `e.organisation_id in (select m.organisation_id from memberships m join users u on u.id = m.user_id where u.email = @club)`
        : `e.neighbourhood_id in (select c.neighbourhood_id from coordinator_neighbourhoods c join users u on u.id = c.user_id where u.email = @coordinator)`;
    const row = db
      .prepare(
        `select e.organisation_id as organisationId, e.id as eventId, s.id as shiftId, s.title as shiftTitle,
                (select count(*) from signups x where x.shift_id = s.id and x.status = 'confirmed') as confirmed
         from shifts s join events e on e.id = s.event_id join organisations o on o.id = e.organisation_id
         where e.status = 'published' and o.verified_at is not null and s.starts_at > @now and ${scope}
           and (select count(*) from signups x where x.shift_id = s.id and x.status = 'confirmed') > 0
           and not exists (select 1 from shift_messages m where m.event_id = e.id)
         order by e.id desc, s.id limit 1 offset @skip`,
      )
      .get({
        club: DEMO_ACCOUNTS.organisation,
        coordinator: DEMO_ACCOUNTS.coordinator,
        now: Date.now() + 3_600_000,
        skip,
      }) as Target | undefined;
    if (!row) throw new Error(`the demo seed has no ${kind} activity with confirmed helpers`);
    return row;
  } finally {
    db.close();
  }
}

function messagesTo(eventId: number, body: string): number {
  const db = openE2eDatabase();
  try {
    return (
      db
        .prepare(
          `select count(*) as n from notifications n join signups s on s.volunteer_id = n.user_id
           join shifts sh on sh.id = s.shift_id
           where n.kind = 'shift_message' and sh.event_id = ? and json_extract(n.params, '$.message') = ?`,
        )
        .get(eventId, body) as { n: number }
    ).n;
  } finally {
    db.close();
  }
}

test.describe("without JavaScript", () => {
  // The empty message is answered with 400 (and the form again), which Chromium logs.
  test.use({ javaScriptEnabled: false, expectedConsoleErrors: [/status of 400/] });

  test("the club writes to the helpers of one shift on a phone, in German", async ({ page, loginAs }) => {
    await page.setViewportSize({ width: 390, height: 844 });
    const target = findTarget("club", 0);
    await loginAs("organisation");
    await page.goto(`/organisations/${target.organisationId}/activities/${target.eventId}`);
    await page.getByRole("link", { name: "Nachricht an die Helfenden" }).click();
    await expect(page).toHaveURL(new RegExp(`/activities/${target.eventId}/message$`));
    await expect(page.getByRole("heading", { level: 1 })).toContainText("Nachricht an die Helfenden");

    // The recipients are chosen with a plain GET form, and the page says who they are.
    await page.getByLabel("Schicht", { exact: true }).selectOption(String(target.shiftId));
    await page.getByRole("button", { name: "Empfänger anzeigen" }).click();
    await expect(page).toHaveURL(new RegExp(`shift=${target.shiftId}`));
    const count = page.getByText(/^Die Nachricht geht an \d+ Person(en)?/);
    await expect(count).toBeVisible();
    const people = await page.locator("#recipients-heading ~ ul li").count();
    expect(people).toBe(target.confirmed);

    // Empty: a message at the field, nothing sent.
    await page.getByRole("button", { name: /^An \d+ Person(en)? senden$/ }).click();
    await expect(page.locator(".field-error")).toContainText("Bitte schreiben Sie eine Nachricht.");

    const body = `Treffpunkt ist diesmal der Hintereingang (${Date.now()}).`;
    await page.getByLabel("Nachricht", { exact: true }).fill(body);
    await page.getByRole("button", { name: /^An \d+ Person(en)? senden$/ }).click();
    await expect(page.getByRole("status")).toContainText(/Die Nachricht wurde an \d+ Person(en)? gesendet\./);
    await expect(page.locator(".message-history")).toContainText(body);
    expect(messagesTo(target.eventId, body)).toBeGreaterThanOrEqual(target.confirmed);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(390);
    await page.screenshot({ path: "test-results/shift-message-de-390.png", fullPage: true });
  });
});

test("a coordinator writes from the public page, in Arabic on a laptop, right to left and axe clean", async ({
  page,
  loginAs,
  baseURL,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const target = findTarget("coordinator", 0);
  await loginAs("coordinator");
  // Arabic for this browser only (the language cookie the switcher sets): the switcher would also change
  // the demo coordinator's account language, which other tests of the run rely on.
  await page.context().addCookies([{ name: "lng", value: "ImFyIg==", url: baseURL! }]);
  await page.goto(`/activities/${target.eventId}`);
  await expect(page.locator("html")).toHaveAttribute("dir", "rtl");
  await page.getByRole("link", { name: "رسالة إلى المتطوعين" }).click();
  await expect(page).toHaveURL(new RegExp(`/activities/${target.eventId}/message`));
  await expect(page.getByRole("heading", { level: 1 })).toContainText("رسالة إلى المتطوعين");
  await page.locator("#shift-message-shift").selectOption(String(target.shiftId));
  await page.locator("#message-choice-waitlist").check();
  await page.getByRole("button", { name: "عرض المستلمين" }).click();
  await expect(page).toHaveURL(/waitlist=on/);
  await expect(page.locator("#recipients-heading ~ ul li").first()).toBeVisible();

  const { default: AxeBuilder } = await import("@axe-core/playwright");
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((v) => `${v.id} ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual(
    [],
  );
  const body = `يرجى إحضار سترة عاكسة (${Date.now()}).`;
  await page.locator("#shift-message-body").fill(body);
  await page.getByRole("button", { name: /^إرسال إلى/ }).click();
  await expect(page.getByRole("status")).toBeVisible();
  await expect(page.locator(".message-history")).toContainText(body);
  expect(messagesTo(target.eventId, body)).toBeGreaterThan(0);
  await page.screenshot({ path: "test-results/shift-message-ar-1280.png", fullPage: true });
});

test("after moving the place the club is offered the message, pre-filled with the new place", async ({
  page,
  loginAs,
}) => {
  await page.setViewportSize({ width: 1280, height: 900 });
  const target = findTarget("club", 1);
  await loginAs("organisation");
  const manage = `/organisations/${target.organisationId}/activities/${target.eventId}`;
  await page.goto(`${manage}/edit`);
  const place = `Kleine Halle, Eingang B ${Date.now() % 1000}`;
  await page.getByLabel("Ort", { exact: true }).fill(place);
  await page.getByRole("button", { name: "Änderungen speichern" }).click();
  await expect(page).toHaveURL(new RegExp(`${manage}$`));
  await expect(
    page.getByRole("status").getByText(/^Die Änderungen sind gespeichert\. [1-9][0-9]* angemeldete/),
  ).toBeVisible();
  await page.getByRole("link", { name: "Den Helfenden die Änderung erklären" }).click();
  await expect(page).toHaveURL(/prefill=changed/);
  await expect(page.getByLabel("Nachricht", { exact: true })).toHaveValue(new RegExp(place));
});
