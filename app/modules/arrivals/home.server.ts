import type { AuthUser } from "~/modules/auth/auth-user";
import { scopeOf } from "~/modules/dashboard/scope.server";
import { zonedIsoDate } from "~/utils/time";
import { arrivalsWaitingForHelpers } from "./progress.server";
import { loadTemplates, templateText } from "./templates.server";
import type { Db } from "@db/client";

/** How many arrivals the coordinator's home lists; the link leads to the overview with all of them. */
export const HOME_WAITING_LIMIT = 8;

/** The coordinator's home: arrivals whose next step has no helper yet, the soonest first. */
export function loadArrivalsWaiting(db: Db, user: AuthUser, locale: string, now = Date.now()) {
  const { items, total } = arrivalsWaitingForHelpers(
    db,
    scopeOf(user),
    zonedIsoDate(now),
    HOME_WAITING_LIMIT,
  );
  const templates = new Map(
    loadTemplates(db, { ids: [...new Set(items.map((i) => i.templateId))] }).map((t) => [t.id, t]),
  );
  return {
    total,
    items: items.map((item) => {
      const template = templates.get(item.templateId);
      return { ...item, stepTitle: template ? templateText(template.texts, locale).title : "" };
    }),
  };
}
