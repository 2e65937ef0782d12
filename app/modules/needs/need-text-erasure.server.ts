import type { DbOrTx } from "@db/client";
import { and, inArray, sql } from "drizzle-orm";
import { matches, needs, needTranslations, notifications } from "@db/schema";
import { NEED_TITLE_KINDS } from "~/modules/notifications/kinds";

/** Language-neutral stand-in for an erased title; the UI can tell by `text_erased_at`. */
export const ERASED_TITLE = "—";

/**
 * Removes the free text of needs, keeping the rows for the statistics: title → "—", description → "",
 * translations and their matches' decline reasons deleted, the title quoted in inbox entries replaced,
 * `text_erased_at` set. Used by the retention job for long-closed needs and for anonymised arrivals.
 */
export function eraseNeedTexts(tx: DbOrTx, needIds: readonly number[], now: number): void {
  for (let i = 0; i < needIds.length; i += 500) {
    const ids = needIds.slice(i, i + 500);
    tx.update(needs)
      .set({ title: ERASED_TITLE, description: "", textErasedAt: new Date(now) })
      .where(inArray(needs.id, ids))
      .run();
    tx.delete(needTranslations).where(inArray(needTranslations.needId, ids)).run();
    tx.update(matches).set({ declineReason: null }).where(inArray(matches.needId, ids)).run();
    // Inbox entries about these needs quote their title.
    tx.update(notifications)
      .set({ params: sql`json_set(${notifications.params}, '$.needTitle', ${ERASED_TITLE})` })
      .where(
        and(
          inArray(notifications.kind, [...NEED_TITLE_KINDS]),
          inArray(sql`json_extract(${notifications.params}, '$.needId')`, ids),
        ),
      )
      .run();
  }
}
