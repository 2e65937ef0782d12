import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar } from "~/modules/feeds/ical";
import { listCalendarActivities } from "~/modules/feeds/feeds.server";
import {
  CALENDAR_CONTENT_TYPE,
  feedLocale,
  feedResponse,
  requestOrigin,
  uidDomain,
} from "~/modules/feeds/responses.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { notFound, requireIdParam } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { categoryLabel } from "~/modules/places/category-names";

/** `/activities/:id.ics`: one public activity to add to a calendar (weekly series with RRULE). */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const id = requireIdParam(params);
  const locale = await feedLocale(getDb(), request);
  const common = getServerT(locale, "common");
  const { events, lastModified } = listCalendarActivities(
    getDb(),
    { eventId: id },
    {
      uidDomain: uidDomain(request),
      origin: requestOrigin(request),
      locale,
      categoryLabel: (slug, name) => categoryLabel(common, { slug, name }),
    },
  );
  const event = events[0];
  // Not public (draft, cancelled, unverified organisation) looks exactly like "no such activity".
  if (!event) throw notFound();
  return feedResponse(request, buildCalendar({ name: event.summary, events }), {
    contentType: CALENDAR_CONTENT_TYPE,
    lastModified,
    cacheControl: "public, max-age=300",
    disposition: { type: "attachment", filename: `activity-${id}.ics` },
  });
}
