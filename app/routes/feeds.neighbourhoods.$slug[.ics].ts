import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar } from "~/modules/feeds/ical";
import { findNeighbourhoodBySlug, listCalendarActivities } from "~/modules/feeds/feeds.server";
import {
  CALENDAR_CONTENT_TYPE,
  feedLocale,
  feedResponse,
  requestOrigin,
  uidDomain,
} from "~/modules/feeds/responses.server";
import { getServerT } from "~/modules/i18n/server-t.server";
import { notFound } from "~/modules/permissions/guards.server";
import { getDb } from "~/utils/db.server";
import { categoryLabel } from "~/modules/places/category-names";

/** `/feeds/neighbourhoods/:slug.ics`: a calendar to subscribe to, with the public activities of one neighbourhood. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const neighbourhood = findNeighbourhoodBySlug(db, params.slug);
  if (!neighbourhood) throw notFound();
  const locale = await feedLocale(getDb(), request);
  const t = getServerT(locale, "events");
  const common = getServerT(locale, "common");
  const { events, lastModified } = listCalendarActivities(
    db,
    { neighbourhoodId: neighbourhood.id },
    {
      uidDomain: uidDomain(request),
      origin: requestOrigin(request),
      locale,
      categoryLabel: (slug, name) => categoryLabel(common, { slug, name }),
    },
  );
  const body = buildCalendar({
    name: t("feeds.calendarName", { name: neighbourhood.name }),
    description: t("feeds.calendarDescription", { name: neighbourhood.name }),
    events,
  });
  return feedResponse(request, body, {
    contentType: CALENDAR_CONTENT_TYPE,
    lastModified,
    cacheControl: "public, max-age=900",
    disposition: { type: "inline", filename: `${neighbourhood.slug}.ics` },
  });
}
