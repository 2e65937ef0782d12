/**
 * Alerts for volunteers (issue 16, point 2; docs/decisions/092-alert-digests.md): an opt-in daily or
 * weekly e-mail of the shifts and needs that appeared since the last one and fit the volunteer. "Fit" is
 * the matching engine's, not a second scorer: a need fits when one of the volunteer's offers is among
 * its candidates (rankCandidates, hard constraints respected); a shift fits when the same engine finds
 * one of their offers a candidate for the shift taken as a one-off need of its activity's category,
 * neighbourhood, languages and time. At most DIGEST_MAX_ITEMS items, each with one link; nothing is
 * sent when nothing fits. Run by the persisted scheduler (ALERT_DIGEST_JOB, hourly); each person is
 * handled once per period (daily from 07:00, weekly from Monday 07:00, Berlin time).
 */
import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { alertDigests, offers, users, volunteerProfiles } from "@db/schema";
import { OPEN_NEED_STATUSES, sqlValueList, type AlertDigestFrequency, type UiLocale } from "@db/schema/enums";
import { rankCandidates } from "~/modules/matches/matching.server";
import { loadMatchingInstance } from "~/modules/matches/matching-instance.server";
import { buildCandidateIndex, listCandidateScores, type MatchNeed } from "~/modules/matching";
import { absoluteUrl, getMailConfig } from "~/modules/notifications/config.server";
import { enqueueEmail } from "~/modules/notifications/outbox.server";
import { fixedT, formatParams } from "~/modules/notifications/texts.server";
import { digestUnsubscribeUrl } from "~/modules/notifications/unsubscribe.server";
import type { JobContext } from "~/modules/scheduler/scheduler.server";
import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";

/** Needs still looking for helpers, as an SQL list for the hand-written queries below. */
const OPEN_NEEDS = sql.raw(sqlValueList(OPEN_NEED_STATUSES));

export const ALERT_DIGEST_JOB = "alert_digests";
/** At most this many items in one digest: the soonest first. */
export const DIGEST_MAX_ITEMS = 8;
/** The digest goes out from this hour (Europe/Berlin) on its day. */
export const DIGEST_HOUR = 7;

const DAY_MS = 24 * 60 * 60 * 1000;
const PERIOD_MS: Record<AlertDigestFrequency, number> = { daily: DAY_MS, weekly: 7 * DAY_MS };

// ---- The volunteer's setting ---------------------------------------------------------------------

/** The volunteer's digest: null when they have no volunteer profile (the setting is not offered). */
export function alertDigestSetting(db: DbOrTx, userId: string): AlertDigestFrequency | "off" | null {
  const row = db
    .select({ frequency: alertDigests.frequency, profile: volunteerProfiles.userId })
    .from(volunteerProfiles)
    .leftJoin(alertDigests, eq(alertDigests.userId, volunteerProfiles.userId))
    .where(eq(volunteerProfiles.userId, userId))
    .get();
  if (!row) return null;
  return row.frequency ?? "off";
}

/**
 * Switches the digest on (or changes its frequency) or off. Switching on looks back one period, so the
 * first digest (at the next run of the job) already has something to say; changing the frequency keeps
 * what was already covered.
 */
export function setAlertDigest(
  tx: DbOrTx,
  userId: string,
  frequency: AlertDigestFrequency | "off",
  now: number = Date.now(),
): void {
  if (frequency === "off") {
    tx.delete(alertDigests).where(eq(alertDigests.userId, userId)).run();
    return;
  }
  tx.insert(alertDigests)
    .values({ userId, frequency, coveredUntil: new Date(now - PERIOD_MS[frequency]), lastRunAt: null })
    .onConflictDoUpdate({ target: alertDigests.userId, set: { frequency } })
    .run();
}

// ---- When a digest is due ------------------------------------------------------------------------

/** The start of the current period: today's 07:00 (or yesterday's before 07:00); weekly, Monday's. */
export function periodStart(frequency: AlertDigestFrequency, now: number): number {
  const [y, m, d] = zonedIsoDate(now).split("-").map(Number) as [number, number, number];
  let start = zonedTimeToInstant(y, m, d, DIGEST_HOUR);
  if (start > now) start = shiftDays(start, -1);
  if (frequency === "weekly") {
    // 0 = Sunday … 6 = Saturday, for the calendar day of `start` in Berlin.
    const weekday = new Date(`${zonedIsoDate(start)}T12:00:00Z`).getUTCDay();
    start = shiftDays(start, -((weekday + 6) % 7));
  }
  return start;
}

/** The same wall-clock time `days` days away (daylight-saving switches kept). */
function shiftDays(instant: number, days: number): number {
  const [y, m, d] = zonedIsoDate(instant).split("-").map(Number) as [number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d + days));
  return zonedTimeToInstant(date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate(), DIGEST_HOUR);
}

// ---- What fits -----------------------------------------------------------------------------------

export interface DigestItem {
  kind: "shift" | "need";
  id: number;
  /** When it appeared: a need's creation, a shift's activity's publication (or the shift's own creation). */
  newAt: number;
  startsAt: number;
  /** Path of its one link. */
  path: string;
}

interface NewShift {
  id: number;
  eventId: number;
  startsAt: number;
  endsAt: number;
  newAt: number;
  categoryId: number;
  neighbourhoodId: number;
  requiresCertificate: number;
  free: number;
  languages: string | null;
}

/** Shifts of published activities (of verified organisations) that appeared after `since`, with places left. */
function newShifts(db: Db, since: number, now: number): NewShift[] {
  return db.all<NewShift>(sql`
    select s.id as id, e.id as eventId, s.starts_at as startsAt, s.ends_at as endsAt,
      max(coalesce(e.published_at, 0), s.created_at) as newAt,
      e.category_id as categoryId, e.neighbourhood_id as neighbourhoodId,
      s.requires_certificate as requiresCertificate, s.needed_count - s.confirmed_count as free,
      (select group_concat(el.language) from event_languages el where el.event_id = e.id) as languages
    from shifts s join events e on e.id = s.event_id
    where e.status = 'published'
      and (e.organisation_id is null or exists (select 1 from organisations o where o.id = e.organisation_id and o.verified_at is not null))
      and s.starts_at > ${now}
      and s.needed_count > s.confirmed_count
      and max(coalesce(e.published_at, 0), s.created_at) > ${since}
      and max(coalesce(e.published_at, 0), s.created_at) <= ${now}`);
}

/**
 * For each new shift, the volunteers (of `volunteerIds`) with an offer the engine counts as a candidate:
 * the shift goes in as a one-off need of its activity's category, neighbourhood and languages.
 */
function shiftFits(
  db: Db,
  shifts: NewShift[],
  volunteerIds: readonly string[],
  now: number,
): Map<number, Set<string>> {
  const fits = new Map<number, Set<string>>();
  if (shifts.length === 0 || volunteerIds.length === 0) return fits;
  const offerIds = db
    .select({ id: offers.id })
    .from(offers)
    .where(and(inArray(offers.volunteerId, [...volunteerIds]), eq(offers.status, "active")))
    .all()
    .map((o) => o.id);
  if (offerIds.length === 0) return fits;
  const instance = loadMatchingInstance(
    db,
    { needIds: [], offerIds, offerCategoryIds: [...new Set(shifts.map((s) => s.categoryId))] },
    { now },
  );
  const centroid = new Map(instance.neighbourhoods.map((n) => [n.id, n]));
  const asNeeds: MatchNeed[] = shifts.flatMap((s) => {
    const place = centroid.get(s.neighbourhoodId);
    if (!place) return [];
    const languages = s.languages ? s.languages.split(",") : [];
    return [
      {
        id: s.id,
        categoryId: s.categoryId,
        neighbourhoodId: s.neighbourhoodId,
        lat: place.lat,
        lon: place.lon,
        languages,
        requireSharedLanguage: languages.length > 0,
        schedule: { kind: "one_off", startsAt: s.startsAt, endsAt: s.endsAt },
        helpersNeeded: s.free,
        requiresCertificate: s.requiresCertificate === 1,
        genderPreference: "none",
      },
    ];
  });
  // The shifts are asked about like needs; the instance loaded no need, so no match or refusal pairs.
  const index = buildCandidateIndex(instance);
  const owner = new Map(instance.offers.map((o) => [o.id, o.ownerId]));
  for (const need of asNeeds) {
    const people = new Set<string>();
    for (const { offerId } of listCandidateScores(index, need)) {
      const id = owner.get(offerId);
      if (id) people.add(id);
    }
    fits.set(need.id, people);
  }
  return fits;
}

/** Open needs recorded after `since` (and not after `now`), each with the volunteers it fits. */
function needFits(
  db: Db,
  since: number,
  now: number,
): { id: number; newAt: number; startsAt: number; people: Set<string> }[] {
  const rows = db.all<{ id: number; newAt: number; startsAt: number }>(sql`
    select n.id as id, n.created_at as newAt, n.starts_at as startsAt from needs n
    where n.status in ${OPEN_NEEDS} and n.ends_at > ${now}
      and n.created_at > ${since} and n.created_at <= ${now}`);
  return rows.map((r) => {
    const ranked = rankCandidates(db, r.id, { now });
    const people = new Set(
      (ranked?.ranked ?? []).filter((c) => c.kind === "volunteer").map((c) => c.ownerId),
    );
    return { ...r, people };
  });
}

/**
 * The items of each person's next digest: what appeared after their `coveredUntil` and fits them, the
 * soonest first, at most DIGEST_MAX_ITEMS. Shifts they signed up for already are left out.
 */
export function digestItems(
  db: Db,
  people: readonly { userId: string; coveredUntil: number }[],
  now: number,
): Map<string, DigestItem[]> {
  const out = new Map<string, DigestItem[]>(people.map((p) => [p.userId, []]));
  if (people.length === 0) return out;
  const since = Math.min(...people.map((p) => p.coveredUntil));
  const ids = people.map((p) => p.userId);
  const shifts = newShifts(db, since, now);
  const shiftPeople = shiftFits(db, shifts, ids, now);
  const signedUp = new Set(
    shifts.length === 0
      ? []
      : db
          .all<{ key: string }>(
            sql`select s.shift_id || ':' || s.volunteer_id as key from signups s
            where s.status <> 'cancelled' and s.shift_id in (select value from json_each(${JSON.stringify(shifts.map((s) => s.id))}))`,
          )
          .map((r) => r.key),
  );
  const needs = needFits(db, since, now);
  for (const person of people) {
    const items: DigestItem[] = [];
    for (const s of shifts) {
      if (s.newAt <= person.coveredUntil || !shiftPeople.get(s.id)?.has(person.userId)) continue;
      if (signedUp.has(`${s.id}:${person.userId}`)) continue;
      items.push({
        kind: "shift",
        id: s.id,
        newAt: s.newAt,
        startsAt: s.startsAt,
        path: `/activities/${s.eventId}`,
      });
    }
    for (const n of needs) {
      if (n.newAt <= person.coveredUntil || !n.people.has(person.userId)) continue;
      items.push({ kind: "need", id: n.id, newAt: n.newAt, startsAt: Math.max(n.startsAt, now), path: "" });
    }
    items.sort((a, b) => a.startsAt - b.startsAt || a.kind.localeCompare(b.kind) || a.id - b.id);
    out.set(person.userId, items.slice(0, DIGEST_MAX_ITEMS));
  }
  return out;
}

// ---- The e-mail ----------------------------------------------------------------------------------

/** Each item's line in the reader's language and its one absolute link. */
function describeItems(db: DbOrTx, items: DigestItem[], locale: UiLocale): { label: string; url: string }[] {
  const t = fixedT(locale, "email");
  const config = getMailConfig();
  return items.flatMap((item) => {
    if (item.kind === "shift") {
      const row = db.get<{ title: string; shiftTitle: string; neighbourhood: string }>(sql`
        select coalesce(et.title, e.title) as title, s.title as shiftTitle, nb.name as neighbourhood
        from shifts s join events e on e.id = s.event_id join neighbourhoods nb on nb.id = e.neighbourhood_id
        left join event_translations et on et.event_id = e.id and et.locale = ${locale}
        where s.id = ${item.id}`);
      if (!row) return [];
      const label = t("alert_digest.shiftItem", formatParams(locale, { ...row, startsAt: item.startsAt }));
      return [{ label, url: absoluteUrl(item.path, config) }];
    }
    // A need: its plain-language title (in the reader's language where translated), never anything
    // about the person it is for; the link opens "find work" on its day, category and neighbourhood.
    const row = db.get<{
      title: string;
      neighbourhood: string;
      categorySlug: string;
      neighbourhoodSlug: string;
    }>(sql`
      select coalesce(nt.title, n.title) as title, nb.name as neighbourhood,
        c.slug as categorySlug, nb.slug as neighbourhoodSlug
      from needs n join categories c on c.id = n.category_id join neighbourhoods nb on nb.id = n.neighbourhood_id
      left join need_translations nt on nt.need_id = n.id and nt.locale = ${locale}
      where n.id = ${item.id}`);
    if (!row) return [];
    const day = zonedIsoDate(item.startsAt);
    const query = new URLSearchParams({
      what: "needs",
      category: row.categorySlug,
      neighbourhood: row.neighbourhoodSlug,
      from: day,
      to: day,
    });
    const label = t(
      "alert_digest.needItem",
      formatParams(locale, {
        title: row.title,
        neighbourhood: row.neighbourhood,
        startsAt: item.startsAt,
      }),
    );
    return [{ label, url: absoluteUrl(`/volunteer/find?${query.toString()}`, config) }];
  });
}

// ---- The job -------------------------------------------------------------------------------------

/** The people whose digest is due now: never handled, or last handled before their period began. */
function duePeople(tx: DbOrTx, now: number) {
  const daily = periodStart("daily", now);
  const weekly = periodStart("weekly", now);
  return tx
    .select({
      userId: alertDigests.userId,
      frequency: alertDigests.frequency,
      coveredUntil: alertDigests.coveredUntil,
      email: users.email,
      locale: users.locale,
      name: users.displayName,
    })
    .from(alertDigests)
    .innerJoin(users, eq(users.id, alertDigests.userId))
    .innerJoin(volunteerProfiles, eq(volunteerProfiles.userId, alertDigests.userId))
    .where(
      or(
        isNull(alertDigests.lastRunAt),
        and(eq(alertDigests.frequency, "daily"), lt(alertDigests.lastRunAt, new Date(daily))),
        and(eq(alertDigests.frequency, "weekly"), lt(alertDigests.lastRunAt, new Date(weekly))),
      ),
    )
    .all();
}

/**
 * The digest job: for each person due, the items that appeared since their last digest and fit them; an
 * e-mail through the outbox when there is at least one, nothing otherwise. Either way the person's
 * period is done and what appeared until now is covered. Runs in the job's transaction: a run that fails
 * sends nothing and is retried; one that succeeds is not repeated within the period.
 */
export function runAlertDigests({ tx, db, now }: Pick<JobContext, "tx" | "db" | "now">): {
  handled: number;
  sent: number;
} {
  const due = duePeople(tx, now);
  if (due.length === 0) return { handled: 0, sent: 0 };
  const items = digestItems(
    db,
    due.map((p) => ({ userId: p.userId, coveredUntil: p.coveredUntil.getTime() })),
    now,
  );
  let sent = 0;
  for (const person of due) {
    const mine = items.get(person.userId) ?? [];
    const lines = mine.length > 0 ? describeItems(tx, mine, person.locale) : [];
    if (lines.length > 0) {
      enqueueEmail(tx, {
        userId: person.userId,
        to: person.email,
        locale: person.locale,
        kind: "alert_digest",
        params: {
          name: person.name,
          count: lines.length,
          frequency: person.frequency,
          settingsUrl: absoluteUrl("/settings/notifications"),
          unsubscribeUrl: digestUnsubscribeUrl(person.userId, now),
        },
        list: lines,
      });
      sent += 1;
    }
    tx.update(alertDigests)
      .set({
        coveredUntil: new Date(now),
        lastRunAt: new Date(now),
        ...(lines.length > 0 ? { lastSentAt: new Date(now) } : {}),
      })
      .where(eq(alertDigests.userId, person.userId))
      .run();
  }
  return { handled: due.length, sent };
}
