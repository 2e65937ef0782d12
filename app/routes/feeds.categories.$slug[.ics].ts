import type { LoaderFunctionArgs } from "@remix-run/node";
import { buildCalendar } from "~/modules/feeds/ical";
import { findCategoryBySlug, listCalendarActivities } from "~/modules/feeds/feeds.server";
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

/** `/feeds/categories/:slug.ics`: a calendar to subscribe to, with the public activities of one category. */
export async function loader({ request, params }: LoaderFunctionArgs) {
  const db = getDb();
  const category = findCategoryBySlug(db, params.slug);
  if (!category) throw notFound();
  const locale = await feedLocale(getDb(), request);
  const t = getServerT(locale, "events");
  const common = getServerT(locale, "common");
  const label = categoryLabel(common, category);
  const { events, lastModified } = listCalendarActivities(
    db,
    { categoryId: category.id },
    {
      uidDomain: uidDomain(request),
      origin: requestOrigin(request),
      locale,
      categoryLabel: (slug, name) => categoryLabel(common, { slug, name }),
    },
  );
  const body = buildCalendar({
    name: t("feeds.calendarName", { name: label }),
    description: t("feeds.calendarDescription", { name: label }),
    events,
  });
  return feedResponse(request, body, {
    contentType: CALENDAR_CONTENT_TYPE,
    lastModified,
    cacheControl: "public, max-age=900",
    disposition: { type: "inline", filename: `${category.slug}.ics` },
  });
}
