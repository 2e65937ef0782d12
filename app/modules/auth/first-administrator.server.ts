/**
 * The first administrator of a fresh production installation: created through the one-time link that
 * `npm start` prints (docs/decisions/026-demo-and-first-start.md). Works only while no administrator exists.
 */
import { randomUUID } from "node:crypto";
import { users } from "@db/schema";
import type { UiLocale } from "@db/schema/enums";
import type { Db } from "@db/client";
import { consumeSetupToken, isUsableSetupToken } from "~/modules/installation/installation.server";
import { isUniqueViolation, type Outcome } from "./account-queries.server";
import { hashPassword } from "./password.server";

export interface FirstAdministrator {
  token: string;
  displayName: string;
  email: string;
  password: string;
}

export async function createFirstAdministrator(
  db: Db,
  input: FirstAdministrator,
  locale: UiLocale,
): Promise<Outcome<{ userId: string }>> {
  if (!isUsableSetupToken(db, input.token))
    return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  const passwordHash = await hashPassword(input.password);
  const userId = randomUUID();
  try {
    const created = db.transaction(
      (tx) => {
        // Checked again inside the write: two people opening the link at once make one administrator.
        if (!isUsableSetupToken(tx, input.token)) return false;
        tx.insert(users)
          .values({
            id: userId,
            email: input.email,
            // The one-time link from the server's own log stands in for a confirmation e-mail (there may
            // be no mail server yet).
            emailVerifiedAt: new Date(),
            displayName: input.displayName,
            passwordHash,
            role: "admin",
            locale,
          })
          .run();
        consumeSetupToken(tx);
        return true;
      },
      { behavior: "immediate" },
    );
    if (!created) return { ok: false, errors: { form: "auth:errors.tokenInvalid" } };
  } catch (error) {
    if (isUniqueViolation(error)) return { ok: false, errors: { email: "auth:errors.emailTaken" } };
    throw error;
  }
  return { ok: true, value: { userId } };
}
