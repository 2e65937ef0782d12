/*
 * Erasure (GDPR art. 17) that keeps aggregate statistics: see docs/decisions/021-erasure-keeps-statistics.md.
 * What stays, without the person: hours (volunteer_id NULL), matches of their offers (offer_id NULL),
 * needs and activities they recorded (created_by NULL), audit events (actor NULL, details scrubbed),
 * past shifts' confirmed counts. What goes: the account and everything that hangs off it. One step per
 * table group: erase-steps.server.ts.
 */
import type { Db } from "@db/client";
import { recordAudit } from "~/modules/audit/audit.server";
import {
  cancelFutureSignups,
  clearOrganisationAddress,
  deleteAccount,
  dropJobsAndKeys,
  endOfferMatches,
  findErasable,
  keepHoursWithoutPerson,
  needlesOf,
  scrubAuditAndInbox,
  scrubOutbox,
} from "./erase-steps.server";
import { ERASED } from "./scrub";

export type EraseResult =
  | { ok: true; report: EraseReport }
  | { ok: false; error: "not_found" | "last_admin" };

export interface EraseReport {
  cancelledSignups: number;
  endedMatches: number;
  keptMatches: number;
  keptHours: number;
  /** Organisations left without an owner (an admin should appoint one). */
  organisationsWithoutOwner: number[];
  scrubbedRecords: number;
  /** False when a reader kept the WAL from being emptied (it is emptied at the next checkpoint). */
  walTruncated: boolean;
}

export interface EraseOptions {
  now?: number;
  /** The admin erasing someone else's account; omitted when people erase their own. */
  actorId?: string;
}

/**
 * Erases an account in one transaction and empties the WAL afterwards, so that (with `secure_delete`)
 * nothing of the person is left in the database or WAL files. Refuses to erase the last admin.
 */
export function eraseAccount(db: Db, userId: string, options: EraseOptions = {}): EraseResult {
  const now = options.now ?? Date.now();
  const outcome = db.transaction(
    (tx): EraseResult => {
      const user = findErasable(tx, userId);
      if ("error" in user) return { ok: false, error: user.error };
      const needles = needlesOf(user);

      const cancelledSignups = cancelFutureSignups(tx, userId, now);
      const { endedMatches, keptMatches } = endOfferMatches(tx, userId, now);
      const keptHours = keepHoursWithoutPerson(tx, userId);
      let scrubbedRecords = scrubAuditAndInbox(tx, userId, needles);
      scrubbedRecords += scrubOutbox(tx, user, needles);
      scrubbedRecords += dropJobsAndKeys(tx, user, needles);
      scrubbedRecords += clearOrganisationAddress(tx, user.email);
      const organisationsWithoutOwner = deleteAccount(tx, userId);

      // That an erasure happened is kept (accountability), but not whose.
      recordAudit(tx, {
        actorId: options.actorId && options.actorId !== userId ? options.actorId : null,
        action: "user.erased",
        entityType: "user",
        entityId: ERASED,
        neighbourhoodId: null,
      });

      return {
        ok: true,
        report: {
          cancelledSignups,
          endedMatches,
          keptMatches,
          keptHours,
          organisationsWithoutOwner,
          scrubbedRecords,
          walTruncated: false,
        },
      };
    },
    { behavior: "immediate" },
  );
  if (!outcome.ok) return outcome;
  outcome.report.walTruncated = truncateWal(db);
  return outcome;
}

/**
 * Copies the WAL into the database and truncates it to zero bytes, so erased rows (zeroed in the
 * database by secure_delete) do not live on in old WAL frames. Returns false if a reader prevented it.
 */
export function truncateWal(db: Db): boolean {
  const [row] = db.$client.pragma("wal_checkpoint(TRUNCATE)") as {
    busy: number;
    log: number;
    checkpointed: number;
  }[];
  return !!row && row.busy === 0;
}
