import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { users } from "@db/schema";
import type { UiLocale } from "@db/schema/enums";

/** Remembers a person's language: the UI follows it on a new browser, and their e-mails use it. */
export function setUserLocale(db: Db, userId: string, locale: UiLocale): void {
  db.update(users).set({ locale }).where(eq(users.id, userId)).run();
}
