import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { appSettings } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import type { SettingsInput } from "./settings.schema";

export function getSettings(db: Db) {
  const row = db.select().from(appSettings).where(eq(appSettings.id, 1)).get();
  if (!row) throw new Error("app_settings row missing: the database was not migrated");
  return row;
}

/** Saves the settings and records which values changed from what, in one transaction. */
export function updateSettings(db: Db, actorId: string, input: SettingsInput): { changed: string[] } {
  return db.transaction(
    (tx) => {
      const before = tx.select().from(appSettings).where(eq(appSettings.id, 1)).get();
      if (!before) throw new Error("app_settings row missing");
      const changes: Record<string, { from: number; to: number }> = {};
      for (const [key, value] of Object.entries(input) as [keyof SettingsInput, number][]) {
        if (before[key] !== value) changes[key] = { from: before[key], to: value };
      }
      if (Object.keys(changes).length === 0) return { changed: [] };
      tx.update(appSettings).set(input).where(eq(appSettings.id, 1)).run();
      recordAudit(tx, {
        actorId,
        action: "settings.updated",
        entityType: "settings",
        entityId: "1",
        neighbourhoodId: null,
        details: changes,
      });
      return { changed: Object.keys(changes) };
    },
    { behavior: "immediate" },
  );
}
