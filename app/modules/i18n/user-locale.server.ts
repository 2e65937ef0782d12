import { eq } from "drizzle-orm";
import { users } from "@db/schema";
import type { UiLocale } from "@db/schema/enums";
import { getDb } from "~/utils/db.server";

/** Remembers a person's language: the UI follows it on a new browser, and their e-mails use it. */
export function setUserLocale(userId: string, locale: UiLocale): void {
  getDb().update(users).set({ locale }).where(eq(users.id, userId)).run();
}
