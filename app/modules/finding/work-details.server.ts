/**
 * The details of the shifts and needs on one page of "Find work" (find-work.server.ts): one query each.
 * Needs as volunteers may see them: never who recorded them or anything about the newcomer.
 */
import { sql } from "drizzle-orm";
import type { Db } from "@db/client";
import {
  AGREED_MATCH_STATUSES,
  sqlValueList,
  type Language,
  type NeedSchedule,
  type NeedUrgency,
} from "@db/schema/enums";
import { int } from "./berlin-clock-sql.server";
import type { FindViewer, NeedWorkItem, ShiftWorkItem } from "./work-items";

/** Matches someone said yes to, as an SQL list for the hand-written queries below. */
const AGREED_MATCHES = sql.raw(sqlValueList(AGREED_MATCH_STATUSES));

function splitLanguages(value: string | null): Language[] {
  return (value ? value.split(",").sort() : []) as Language[];
}

export function loadShifts(db: Db, ids: number[], viewer: FindViewer): Map<number, ShiftWorkItem> {
  if (ids.length === 0) return new Map();
  const rows = db.all<{
    id: number;
    title: string;
    startsAt: number;
    endsAt: number;
    neededCount: number;
    confirmedCount: number;
    requiresCertificate: number;
    eventId: number;
    eventTitle: string;
    place: string;
    categorySlug: string;
    categoryName: string;
    neighbourhoodName: string;
    languages: string | null;
    waitlistCount: number;
    myStatus: "confirmed" | "waitlisted" | null;
    myPosition: number | null;
  }>(sql`
    select s.id as id, s.title as title, s.starts_at as startsAt, s.ends_at as endsAt, s.needed_count as neededCount,
      s.confirmed_count as confirmedCount, s.requires_certificate as requiresCertificate,
      e.id as eventId, coalesce(et.title, e.title) as eventTitle, e.place as place,
      c.slug as categorySlug, c.name as categoryName, nb.name as neighbourhoodName,
      (select group_concat(el.language) from event_languages el where el.event_id = e.id) as languages,
      (select count(*) from signups w where w.shift_id = s.id and w.status = 'waitlisted') as waitlistCount,
      me.status as myStatus,
      case when me.status = 'waitlisted' then
        (select count(*) from signups w where w.shift_id = s.id and w.status = 'waitlisted' and w.id <= me.id) end as myPosition
    from shifts s
    join events e on e.id = s.event_id
    join categories c on c.id = e.category_id
    join neighbourhoods nb on nb.id = e.neighbourhood_id
    left join event_translations et on et.event_id = e.id and et.locale = ${viewer.locale}
    left join signups me on me.shift_id = s.id and me.volunteer_id = ${viewer.userId} and me.status <> 'cancelled'
    where s.id in (${sql.join(ids.map(int), sql`, `)})`);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        kind: "shift",
        id: r.id,
        shiftTitle: r.title,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        eventId: r.eventId,
        eventTitle: r.eventTitle,
        place: r.place,
        categorySlug: r.categorySlug,
        categoryName: r.categoryName,
        neighbourhoodName: r.neighbourhoodName,
        distanceKm: null,
        distanceApproximate: true,
        languages: splitLanguages(r.languages),
        requiresCertificate: r.requiresCertificate === 1,
        neededCount: r.neededCount,
        confirmedCount: r.confirmedCount,
        waitlistCount: r.waitlistCount,
        mine: r.myStatus ? { status: r.myStatus, position: r.myPosition } : null,
      },
    ]),
  );
}

export function loadNeeds(db: Db, ids: number[], viewer: FindViewer): Map<number, NeedWorkItem> {
  if (ids.length === 0) return new Map();
  const rows = db.all<{
    id: number;
    description: string;
    translatedDescription: string | null;
    originalLanguage: string;
    startsAt: number;
    endsAt: number;
    schedule: NeedSchedule;
    helpersNeeded: number;
    taken: number;
    urgency: NeedUrgency;
    requiresCertificate: number;
    categorySlug: string;
    categoryName: string;
    neighbourhoodName: string;
    languages: string | null;
    slots: string | null;
    myOfferId: number | null;
    myOfferTitle: string | null;
  }>(sql`
    select n.id as id, n.description as description, nt.description as translatedDescription,
      n.original_language as originalLanguage, n.starts_at as startsAt, n.ends_at as endsAt, n.schedule as schedule,
      n.helpers_needed as helpersNeeded,
      -- Places someone said yes to; a proposal still waiting leaves the place open (it read "0 Helfende
      -- gesucht" on a need that had asked someone but found nobody yet).
      (select count(*) from matches m where m.need_id = n.id and m.status in ${AGREED_MATCHES}) as taken,
      n.urgency as urgency, n.requires_certificate as requiresCertificate,
      c.slug as categorySlug, c.name as categoryName, nb.name as neighbourhoodName,
      (select group_concat(nl.language) from need_languages nl where nl.need_id = n.id) as languages,
      (select group_concat(ns.weekday || ':' || ns.start_minute || ':' || ns.end_minute)
        from (select * from need_slots where need_id = n.id order by weekday, start_minute) ns) as slots,
      mo.id as myOfferId, mo.title as myOfferTitle
    from needs n
    join categories c on c.id = n.category_id
    join neighbourhoods nb on nb.id = n.neighbourhood_id
    left join need_translations nt on nt.need_id = n.id and nt.locale = ${viewer.locale}
    left join offers mo on mo.id = (select o.id from offers o where o.volunteer_id = ${viewer.userId}
      and o.category_id = n.category_id and o.status = 'active' order by o.id limit 1)
    where n.id in (${sql.join(ids.map(int), sql`, `)})`);
  return new Map(
    rows.map((r) => [
      r.id,
      {
        kind: "need",
        id: r.id,
        description: r.translatedDescription ?? r.description,
        translated: r.translatedDescription !== null || r.originalLanguage === viewer.locale,
        originalLanguage: r.originalLanguage,
        startsAt: r.startsAt,
        endsAt: r.endsAt,
        schedule: r.schedule,
        slots: r.slots
          ? r.slots.split(",").map((s) => {
              const [weekday, startMinute, endMinute] = s.split(":").map(Number) as [number, number, number];
              return { weekday, startMinute, endMinute };
            })
          : [],
        helpersStillNeeded: Math.max(0, r.helpersNeeded - r.taken),
        urgency: r.urgency,
        requiresCertificate: r.requiresCertificate === 1,
        categorySlug: r.categorySlug,
        categoryName: r.categoryName,
        neighbourhoodName: r.neighbourhoodName,
        distanceKm: null,
        distanceApproximate: true,
        languages: splitLanguages(r.languages),
        myOffer:
          r.myOfferId !== null && r.myOfferTitle !== null ? { id: r.myOfferId, title: r.myOfferTitle } : null,
      },
    ]),
  );
}
