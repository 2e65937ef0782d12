/**
 * A volunteer's dates from matches: the appointment of a one-off need, or the weekly times of a
 * recurring one, for every match they said yes to and that is not done yet (accepted or running).
 * With the shifts they signed up for, these are all their commitments: "Meine Termine", the home page
 * and the personal calendar feed list both. Two queries, whatever the number of matches.
 */
import { RUNNING_MATCH_STATUSES } from "@db/schema/enums";
import { and, asc, eq, gt, inArray } from "drizzle-orm";
import type { Db } from "@db/client";
import { matches, needs, needSlots, neighbourhoods, offers } from "@db/schema";
import { nextWeeklyOccurrence, zonedIsoDate, zonedTimeToInstant } from "~/utils/time";

export interface MatchDate {
  /** Stable per match and weekly slot: `match-12` or `match-12-slot-40`. */
  key: string;
  matchId: number;
  status: "accepted" | "active";
  needTitle: string;
  neighbourhoodName: string;
  /** The appointment, or the next time of a weekly slot. */
  startsAt: number;
  endsAt: number;
  /** For a weekly slot: the first time (the series' start) and the last day (ISO date) it applies. */
  weekly: { firstStartsAt: number; firstEndsAt: number; until: string } | null;
  updatedAt: number;
}

const DAY_MS = 86_400_000;

/** The first time of a weekly slot (weekday 0 = Monday, Berlin wall clock) on or after a day. */
function firstSlotTime(
  fromInstant: number,
  slot: { weekday: number; startMinute: number; endMinute: number },
): { startsAt: number; endsAt: number } {
  const [y, m, d] = zonedIsoDate(fromInstant).split("-").map(Number) as [number, number, number];
  const weekdayOfFrom = (new Date(Date.UTC(y, m - 1, d)).getUTCDay() + 6) % 7;
  const offset = (slot.weekday - weekdayOfFrom + 7) % 7;
  const day = new Date(Date.UTC(y, m - 1, d) + offset * DAY_MS);
  const at = (minute: number) =>
    zonedTimeToInstant(
      day.getUTCFullYear(),
      day.getUTCMonth() + 1,
      day.getUTCDate(),
      Math.floor(minute / 60),
      minute % 60,
    );
  return { startsAt: at(slot.startMinute), endsAt: at(slot.endMinute) };
}

/**
 * The volunteer's dates from accepted and running matches that end after `from`, in time order.
 * A weekly slot appears once, at its next time (with `weekly` telling the series).
 */
export function listMatchDates(db: Db, volunteerId: string, from: number): MatchDate[] {
  const rows = db
    .select({
      matchId: matches.id,
      status: matches.status,
      matchUpdatedAt: matches.updatedAt,
      needId: needs.id,
      needTitle: needs.title,
      schedule: needs.schedule,
      startsAt: needs.startsAt,
      endsAt: needs.endsAt,
      needUpdatedAt: needs.updatedAt,
      neighbourhoodName: neighbourhoods.name,
    })
    .from(matches)
    .innerJoin(offers, eq(offers.id, matches.offerId))
    .innerJoin(needs, eq(needs.id, matches.needId))
    .innerJoin(neighbourhoods, eq(neighbourhoods.id, needs.neighbourhoodId))
    .where(
      and(
        eq(offers.volunteerId, volunteerId),
        inArray(matches.status, [...RUNNING_MATCH_STATUSES]),
        gt(needs.endsAt, new Date(from)),
      ),
    )
    .orderBy(asc(needs.startsAt), asc(matches.id))
    .all();
  const recurringIds = rows.filter((r) => r.schedule === "recurring").map((r) => r.needId);
  const slots =
    recurringIds.length === 0
      ? []
      : db
          .select()
          .from(needSlots)
          .where(inArray(needSlots.needId, recurringIds))
          .orderBy(asc(needSlots.weekday), asc(needSlots.startMinute), asc(needSlots.id))
          .all();

  const dates: MatchDate[] = [];
  for (const r of rows) {
    const base = {
      matchId: r.matchId,
      status: r.status as MatchDate["status"],
      needTitle: r.needTitle,
      neighbourhoodName: r.neighbourhoodName,
      updatedAt: Math.max(r.matchUpdatedAt.getTime(), r.needUpdatedAt.getTime()),
    };
    const startsAt = r.startsAt.getTime();
    const endsAt = r.endsAt.getTime();
    if (r.schedule !== "recurring") {
      dates.push({ ...base, key: `match-${r.matchId}`, startsAt, endsAt, weekly: null });
      continue;
    }
    // The period is [startsAt, endsAt): its last day is the day of the instant just before the end.
    const until = zonedIsoDate(endsAt - 1);
    for (const slot of slots.filter((s) => s.needId === r.needId)) {
      const first = firstSlotTime(startsAt, slot);
      if (zonedIsoDate(first.startsAt) > until) continue;
      const next = nextWeeklyOccurrence(first.startsAt, first.endsAt, from, until);
      if (!next) continue;
      dates.push({
        ...base,
        key: `match-${r.matchId}-slot-${slot.id}`,
        startsAt: next.startsAt,
        endsAt: next.endsAt,
        weekly: { firstStartsAt: first.startsAt, firstEndsAt: first.endsAt, until },
      });
    }
  }
  return dates.sort((a, b) => a.startsAt - b.startsAt || a.matchId - b.matchId);
}
