import type { LoaderFunctionArgs } from "@remix-run/node";
import { findVolunteerByCalendarToken } from "~/modules/feeds/calendar-token.server";
import { buildCalendar } from "~/modules/feeds/ical";
import { listVolunteerMatchEvents, listVolunteerShiftEvents } from "~/modules/feeds/feeds.server";
import {
  CALENDAR_CONTENT_TYPE,
  feedResponse,
  requestOrigin,
  uidDomain,
} from "~/modules/feeds/responses.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { notFound } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";

/**
 * `/feeds/volunteers/:token.ics`: the volunteer's dates — confirmed shifts and the appointments of matches
 * they said yes to — at a secret URL they can revoke.
 * The token is the only credential (calendar apps send no cookies): unknown or revoked = 404.
 */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const volunteer = findVolunteerByCalendarToken(db, params.token);
  if (!volunteer) throw notFound();
  const { userId, locale } = volunteer;
  const t = getServerT(locale, "events");
  const calendar = { uidDomain: uidDomain(request), origin: requestOrigin(request), locale };
  const shiftEvents = listVolunteerShiftEvents(db, userId, calendar);
  const matchEvents = listVolunteerMatchEvents(db, userId, {
    ...calendar,
    summary: (title) => t("feeds.matchSummary", { title }),
  });
  const events = [...shiftEvents.events, ...matchEvents.events].sort((a, b) => a.startsAt - b.startsAt);
  const lastModified = Math.max(shiftEvents.lastModified, matchEvents.lastModified);
  return feedResponse(request, buildCalendar({ name: t("feeds.personalName"), events, refreshHours: 1 }), {
    contentType: CALENDAR_CONTENT_TYPE,
    lastModified,
    cacheControl: "private, max-age=300",
    disposition: { type: "inline", filename: "miteinander.ics" },
    extraHeaders: { "X-Robots-Tag": "noindex", "Referrer-Policy": "no-referrer" },
  });
}
