/**
 * Waitlists: every path that frees or adds a confirmed place (a cancellation, an erased account, more
 * places on a shift) fills it here, so the rules are the same everywhere. The first in line who may take
 * the place gets it: where the shift requires a certificate of conduct, only a volunteer whose
 * certificate is valid on the shift's date. Others keep their place in line.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@db/client";
import { shifts, signups, volunteerProfiles } from "@db/schema";
import { zonedIsoDate } from "~/utils/time";
import type { SignupNotifier } from "./signups.server";

/** A certificate valid until `validUntil` (ISO date) covers a shift ending at `shiftEndsAt`. */
export function certificateCoversShift(validUntil: string | null, shiftEndsAt: number): boolean {
  return validUntil !== null && validUntil >= zonedIsoDate(shiftEndsAt);
}

export interface Promotion {
  signupId: number;
  volunteerId: string;
}

/**
 * Gives the shift's free places (needed − confirmed) to the first eligible people on its waitlist, in
 * the caller's transaction (BEGIN IMMEDIATE where a read decides the write), and tells each of them.
 */
export function fillFromWaitlist(
  tx: DbOrTx,
  shiftId: number,
  now: number,
  notify: SignupNotifier,
): Promotion[] {
  const shift = tx
    .select({
      needed: shifts.neededCount,
      confirmed: shifts.confirmedCount,
      requiresCertificate: shifts.requiresCertificate,
      endsAt: shifts.endsAt,
    })
    .from(shifts)
    .where(eq(shifts.id, shiftId))
    .get();
  if (!shift || shift.confirmed >= shift.needed) return [];
  const line = tx
    .select({
      id: signups.id,
      volunteerId: signups.volunteerId,
      certificateValidUntil: volunteerProfiles.certificateValidUntil,
    })
    .from(signups)
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, signups.volunteerId))
    .where(and(eq(signups.shiftId, shiftId), eq(signups.status, "waitlisted")))
    .orderBy(asc(signups.id))
    .all();
  const eligible = line.filter(
    (person) =>
      !shift.requiresCertificate ||
      certificateCoversShift(person.certificateValidUntil ?? null, shift.endsAt.getTime()),
  );
  const promoted = eligible
    .slice(0, shift.needed - shift.confirmed)
    .map((p) => ({ signupId: p.id, volunteerId: p.volunteerId }));
  if (promoted.length === 0) return [];
  tx.update(signups)
    .set({ status: "confirmed", promotedAt: new Date(now) })
    .where(
      inArray(
        signups.id,
        promoted.map((p) => p.signupId),
      ),
    )
    .run();
  tx.update(shifts)
    .set({ confirmedCount: sql`${shifts.confirmedCount} + ${promoted.length}` })
    .where(eq(shifts.id, shiftId))
    .run();
  for (const person of promoted) {
    notify(tx, {
      kind: "waitlist_promoted",
      signupId: person.signupId,
      volunteerId: person.volunteerId,
      shiftId,
    });
  }
  return promoted;
}
