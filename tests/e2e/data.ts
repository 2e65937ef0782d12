import { request, type APIRequestContext } from "@playwright/test";
import { DEMO_ACCOUNTS, DEMO_PASSWORD, expect, openE2eDatabase, type DemoAccount } from "./fixtures";

/**
 * Data an end-to-end test needs, made through the app's own forms (as the demo organisation would post
 * them), so a test never depends on which demo shifts fall in the current week. Every title carries a
 * unique suffix; tests running side by side never meet each other's data.
 */

const DAY_MS = 86_400_000;

/** A suffix that makes a title unique in this run. */
export function unique(): string {
  return `${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}

/** The Berlin calendar day `days` from today, as date inputs want it (YYYY-MM-DD). */
export function berlinDay(days: number): string {
  return new Intl.DateTimeFormat("en-CA", { timeZone: "Europe/Berlin" }).format(Date.now() + days * DAY_MS);
}

/** The Berlin day `days` from today that falls on `weekday` (0 = Monday), searching forwards. */
export function berlinWeekday(days: number, weekday: number): string {
  for (let d = days; d < days + 7; d++) {
    const day = berlinDay(d);
    if ((new Date(`${day}T12:00:00Z`).getUTCDay() + 6) % 7 === weekday) return day;
  }
  throw new Error("unreachable");
}

/** An API client of its own, logged in as a demo account (through the login form's POST). */
export async function loggedInClient(baseURL: string, who: DemoAccount): Promise<APIRequestContext> {
  const client = await request.newContext({ baseURL, extraHTTPHeaders: { Origin: baseURL } });
  const response = await client.post("/login", {
    form: { email: DEMO_ACCOUNTS[who], password: DEMO_PASSWORD, redirectTo: "" },
    maxRedirects: 0,
  });
  expect(response.status(), `login as ${who}`).toBe(302);
  return client;
}

function lookup<T>(query: string, ...params: unknown[]): T {
  const db = openE2eDatabase();
  try {
    const row = db.prepare(query).get(...params) as T | undefined;
    if (!row) throw new Error(`nothing for ${query}`);
    return row;
  } finally {
    db.close();
  }
}

/** The demo organisation (the club of verein@miteinander.test) and where it is at home. */
export function demoClub(): { organisationId: number; name: string } {
  return lookup(
    `select o.id as organisationId, o.name as name from organisations o
       join memberships m on m.organisation_id = o.id join users u on u.id = m.user_id
      where u.email = ? and m.role = 'owner' order by o.id limit 1`,
    DEMO_ACCOUNTS.organisation,
  );
}

export interface CreatedActivity {
  eventId: number;
  shiftId: number;
  title: string;
  shiftTitle: string;
  /** `/activities/12` */
  path: string;
  day: string;
}

/**
 * A published activity of the demo club on `day` (Berlin) from `from` to `to` ("HH:MM"), with one shift
 * over the same time. Posted as the club's owner through the activity form and its publish button.
 */
export async function createPublishedActivity(
  baseURL: string,
  options: {
    title: string;
    shiftTitle: string;
    day: string;
    from: string;
    to: string;
    needed?: number;
    category?: string;
    neighbourhood?: string;
  },
): Promise<CreatedActivity> {
  const { organisationId } = demoClub();
  const { categoryId } = lookup<{ categoryId: number }>(
    "select id as categoryId from categories where slug = ?",
    options.category ?? "sports",
  );
  const { neighbourhoodId } = lookup<{ neighbourhoodId: number }>(
    "select id as neighbourhoodId from neighbourhoods where name = ?",
    options.neighbourhood ?? "Ückendorf",
  );
  const client = await loggedInClient(baseURL, "organisation");
  try {
    const created = await client.post(`/organisations/${organisationId}/activities/new`, {
      form: {
        title: options.title,
        description: "Eine Aktivität für einen Test von Anfang bis Ende. Alle sind willkommen.",
        originalLanguage: "de",
        categoryId: String(categoryId),
        neighbourhoodId: String(neighbourhoodId),
        place: "Hallenbad Ückendorf",
        startsAt: `${options.day}T${options.from}`,
        endsAt: `${options.day}T${options.to}`,
        languages: "de",
        "shifts.0.title": options.shiftTitle,
        "shifts.0.startsAt": `${options.day}T${options.from}`,
        "shifts.0.endsAt": `${options.day}T${options.to}`,
        "shifts.0.neededCount": String(options.needed ?? 2),
      },
      maxRedirects: 0,
    });
    expect(created.status(), await created.text()).toBe(302);
    const eventId = Number(/\/activities\/(\d+)/.exec(created.headers().location ?? "")?.[1]);
    expect(eventId).toBeGreaterThan(0);
    const published = await client.post(`/organisations/${organisationId}/activities/${eventId}`, {
      form: { intent: "publish" },
      maxRedirects: 0,
    });
    expect(published.status()).toBeLessThan(400);
    const { shiftId } = lookup<{ shiftId: number }>(
      "select id as shiftId from shifts where event_id = ? order by id limit 1",
      eventId,
    );
    return {
      eventId,
      shiftId,
      title: options.title,
      shiftTitle: options.shiftTitle,
      path: `/activities/${eventId}`,
      day: options.day,
    };
  } finally {
    await client.dispose();
  }
}
