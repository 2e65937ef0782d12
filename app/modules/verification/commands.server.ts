/**
 * Coordinators vouch for organisations (their activities become public) and for volunteers' extended
 * certificates of conduct (they may then work with children until the date it is valid until). Both
 * can be revoked. Every change is audited in its transaction; a verified organisation's owners are told.
 */
import { and, eq, isNull, sql } from "drizzle-orm";
import { type Db } from "@db/client";
import { memberships, organisations, volunteerProfiles } from "@db/schema";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import { notify } from "~/modules/notifications/notify.server";
import { flagAfterCertificateChange } from "~/modules/signups/certificate-flags.server";
import { assertCan, notFound } from "~/modules/permissions/guards.server";
import { loadOrganisationResource, loadPersonResource } from "./queries.server";

/** The neighbourhood an audit row about a person or organisation is filed under: the first one in scope. */
function auditNeighbourhood(user: AuthUser, neighbourhoodIds: readonly number[]): number | null {
  return (
    neighbourhoodIds.find((id) => user.coordinatorNeighbourhoodIds.includes(id)) ??
    neighbourhoodIds[0] ??
    null
  );
}

/** Records a checked certificate of conduct (replacing an earlier one). The caller validated the date. */
export function verifyCertificate(db: Db, user: AuthUser, userId: string, validUntil: string): void {
  const person = loadPersonResource(db, userId);
  if (!person) throw notFound();
  assertCan(user, "volunteer:verify-certificate", person);
  db.transaction((tx) => {
    const before = tx
      .select({ validUntil: volunteerProfiles.certificateValidUntil })
      .from(volunteerProfiles)
      .where(eq(volunteerProfiles.userId, userId))
      .get();
    tx.update(volunteerProfiles)
      .set({
        certificateValidUntil: validUntil,
        certificateVerifiedAt: new Date(),
        certificateVerifiedBy: user.id,
      })
      .where(eq(volunteerProfiles.userId, userId))
      .run();
    recordAudit(tx, {
      actorId: user.id,
      action: "certificate.verified",
      entityType: "volunteer_profile",
      entityId: userId,
      neighbourhoodId: auditNeighbourhood(user, person.neighbourhoodIds),
      details: { validUntil, previousValidUntil: before?.validUntil ?? null },
    });
    // A date earlier than before may leave shifts the person signed up for uncovered.
    flagAfterCertificateChange(tx, {
      volunteerId: userId,
      validUntilBefore: before?.validUntil ?? null,
      actorId: user.id,
    });
  });
}

/**
 * Withdraws a certificate (wrong entry, or it was withdrawn): the person no longer qualifies. Their live
 * sign-ups on shifts that need one are flagged to them and to the organisations (certificate-flags).
 */
export function revokeCertificate(db: Db, user: AuthUser, userId: string, reason: string): boolean {
  const person = loadPersonResource(db, userId);
  if (!person) throw notFound();
  assertCan(user, "volunteer:verify-certificate", person);
  return db.transaction((tx) => {
    const before = tx
      .select({ validUntil: volunteerProfiles.certificateValidUntil })
      .from(volunteerProfiles)
      .where(
        and(
          eq(volunteerProfiles.userId, userId),
          sql`${volunteerProfiles.certificateVerifiedAt} is not null`,
        ),
      )
      .get();
    if (!before) return false;
    tx.update(volunteerProfiles)
      .set({ certificateValidUntil: null, certificateVerifiedAt: null, certificateVerifiedBy: null })
      .where(eq(volunteerProfiles.userId, userId))
      .run();
    recordAudit(tx, {
      actorId: user.id,
      action: "certificate.revoked",
      entityType: "volunteer_profile",
      entityId: userId,
      neighbourhoodId: auditNeighbourhood(user, person.neighbourhoodIds),
      details: { previousValidUntil: before.validUntil, ...(reason ? { reason } : {}) },
    });
    flagAfterCertificateChange(tx, {
      volunteerId: userId,
      validUntilBefore: before.validUntil,
      actorId: user.id,
    });
    return true;
  });
}

/**
 * Marks an organisation verified (its published activities become public), audits it and tells each
 * owner (organisation_verified). False when it was verified already: nothing changes, nobody is told twice.
 */
export function verifyOrganisation(db: Db, user: AuthUser, organisationId: number): boolean {
  const resource = loadOrganisationResource(db, organisationId);
  if (!resource) throw notFound();
  assertCan(user, "organisation:verify", resource);
  return db.transaction(
    (tx) => {
      const updated = tx
        .update(organisations)
        .set({ verifiedAt: new Date(), verifiedBy: user.id })
        .where(and(eq(organisations.id, organisationId), isNull(organisations.verifiedAt)))
        .returning({ name: organisations.name })
        .get();
      if (!updated) return false;
      recordAudit(tx, {
        actorId: user.id,
        action: "organisation.verified",
        entityType: "organisation",
        entityId: organisationId,
        neighbourhoodId: auditNeighbourhood(user, resource.neighbourhoodIds),
      });
      const owners = tx
        .select({ userId: memberships.userId })
        .from(memberships)
        .where(and(eq(memberships.organisationId, organisationId), eq(memberships.role, "owner")))
        .all();
      for (const owner of owners) {
        notify(tx, {
          userId: owner.userId,
          kind: "organisation_verified",
          params: { organisationName: updated.name },
          link: "/organisation",
        });
      }
      return true;
    },
    { behavior: "immediate" },
  );
}

/** Withdraws an organisation's verification: its activities stop being public until verified again. */
export function revokeOrganisationVerification(
  db: Db,
  user: AuthUser,
  organisationId: number,
  reason: string,
): boolean {
  const resource = loadOrganisationResource(db, organisationId);
  if (!resource) throw notFound();
  assertCan(user, "organisation:verify", resource);
  return db.transaction((tx) => {
    const updated = tx
      .update(organisations)
      .set({ verifiedAt: null, verifiedBy: null })
      .where(and(eq(organisations.id, organisationId), sql`${organisations.verifiedAt} is not null`))
      .returning({ id: organisations.id })
      .get();
    if (!updated) return false;
    recordAudit(tx, {
      actorId: user.id,
      action: "organisation.verification_revoked",
      entityType: "organisation",
      entityId: organisationId,
      neighbourhoodId: auditNeighbourhood(user, resource.neighbourhoodIds),
      details: reason ? { reason } : {},
    });
    return true;
  });
}

/** Carries out a verify / revoke decision; the notice key says what happened. */
export function decideOrganisation(
  db: Db,
  user: AuthUser,
  decision: { organisationId: number; intent: "verify" | "revoke"; reason: string },
): "organisation-verify" | "organisation-revoke" | "organisation-unchanged" {
  const changed =
    decision.intent === "verify"
      ? verifyOrganisation(db, user, decision.organisationId)
      : revokeOrganisationVerification(db, user, decision.organisationId, decision.reason);
  return changed ? `organisation-${decision.intent}` : "organisation-unchanged";
}
