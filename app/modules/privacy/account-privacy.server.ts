import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { users } from "@db/schema";
import { recordAudit } from "~/modules/audit/audit.server";
import { verifyPassword } from "~/modules/auth/password.server";
import { recordFailure, secondsUntilUnlocked, throttleKeys } from "~/modules/auth/throttle.server";
import type { FieldErrors } from "~/utils/form-validation";
import { eraseAccount } from "./erase.server";
import { exportPersonalData, type PersonalDataExport } from "./export.server";

/** The person's own export, with an audit event (who read a person record, and when). */
export function exportOwnData(db: Db, userId: string): PersonalDataExport | null {
  const data = exportPersonalData(db, userId);
  if (data)
    recordAudit(db, {
      actorId: userId,
      action: "user.data_exported",
      entityType: "user",
      entityId: userId,
      neighbourhoodId: null,
    });
  return data;
}

export type DeleteOutcome = { ok: true } | { ok: false; errors: FieldErrors; retryAfterSeconds?: number };

/**
 * Erases the signed-in person's account after checking their password. A wrong password counts as a
 * failed login of the account (the same throttle), so the form is no way around the login lockout.
 */
export async function deleteOwnAccount(db: Db, userId: string, password: string): Promise<DeleteOutcome> {
  const user = db
    .select({ email: users.email, passwordHash: users.passwordHash })
    .from(users)
    .where(eq(users.id, userId))
    .get();
  if (!user) return { ok: false, errors: { form: "privacy:delete.errors.passwordWrong" } };
  const keys = [throttleKeys.loginAccount(user.email)];
  const wait = secondsUntilUnlocked(db, keys);
  if (wait > 0)
    return { ok: false, errors: { form: "privacy:delete.errors.throttled" }, retryAfterSeconds: wait };
  if (!(await verifyPassword(user.passwordHash, password))) {
    recordFailure(db, keys);
    return { ok: false, errors: { password: "privacy:delete.errors.passwordWrong" } };
  }
  const result = eraseAccount(db, userId);
  if (!result.ok) {
    return {
      ok: false,
      errors: {
        form:
          result.error === "last_admin"
            ? "privacy:delete.errors.lastAdmin"
            : "privacy:delete.errors.passwordWrong",
      },
    };
  }
  return { ok: true };
}
