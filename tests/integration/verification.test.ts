import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  auditEvents,
  needs,
  notifications,
  organisationNeighbourhoods,
  organisations,
  volunteerNeighbourhoods,
  volunteerProfiles,
} from "@db/schema";
import { certificateSchema } from "~/modules/verification/verification.schema";
import {
  listVerificationQueue,
  requireVolunteerCertificate,
  searchVolunteers,
} from "~/modules/verification/queries.server";
import {
  revokeCertificate,
  revokeOrganisationVerification,
  verifyCertificate,
  verifyOrganisation,
} from "~/modules/verification/commands.server";
import { zonedIsoDate } from "~/utils/time";
import {
  createCategory,
  createCoordinator,
  createNeighbourhood,
  createOrganisation,
  createUser,
  createVolunteer,
} from "../factories";
import { authUserOf, statusThrownBy } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";
import { insertNeed, insertOffer } from "./coordination-fixture";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

const DAY = 86_400_000;
const today = () => zonedIsoDate(Date.now());
const inDays = (days: number) => zonedIsoDate(Date.now() + days * DAY);

function setup() {
  const { db } = temp;
  const nb = createNeighbourhood(db);
  const otherNb = createNeighbourhood(db);
  const coordinator = authUserOf(db, createCoordinator(db, [nb.id]).id);
  const stranger = authUserOf(db, createCoordinator(db, [otherNb.id]).id);
  return { db, nb, otherNb, coordinator, stranger };
}

describe("certificate schema", () => {
  it("requires a valid date after today and not absurdly far away", () => {
    const schema = certificateSchema();
    const errorOf = (validUntil: string) => {
      const r = schema.safeParse({ intent: "verify", validUntil });
      return r.success ? null : r.error.issues[0]?.message;
    };
    expect(errorOf("")).toBe("coordination:errors.validUntilRequired");
    expect(errorOf("2026-02-30")).toBe("coordination:errors.validUntilDate");
    expect(errorOf(today())).toBe("coordination:errors.validUntilPast");
    expect(errorOf(inDays(-3))).toBe("coordination:errors.validUntilPast");
    expect(errorOf(inDays(365 * 12))).toBe("coordination:errors.validUntilTooFar");
    expect(errorOf(inDays(700))).toBeNull();
  });
});

describe("organisation verification", () => {
  it("verifies an organisation in scope once, audits it with the neighbourhood and tells the owner", () => {
    const { db, nb, coordinator } = setup();
    const owner = createUser(db, { role: "org_member" });
    const org = createOrganisation(db, { ownerId: owner.id, verifiedAt: null });
    db.insert(organisationNeighbourhoods).values({ organisationId: org.id, neighbourhoodId: nb.id }).run();

    expect(listVerificationQueue(db, coordinator).organisations.map((o) => o.id)).toEqual([org.id]);
    expect(verifyOrganisation(db, coordinator, org.id)).toBe(true);
    expect(verifyOrganisation(db, coordinator, org.id)).toBe(false);

    expect(db.select().from(organisations).where(eq(organisations.id, org.id)).get()).toMatchObject({
      verifiedBy: coordinator.id,
      verifiedAt: expect.any(Date),
    });
    expect(db.select().from(auditEvents).all()).toEqual([
      expect.objectContaining({
        action: "organisation.verified",
        entityType: "organisation",
        entityId: String(org.id),
        neighbourhoodId: nb.id,
      }),
    ]);
    expect(db.select().from(notifications).where(eq(notifications.userId, owner.id)).all()).toEqual([
      expect.objectContaining({ kind: "organisation_verified", params: { organisationName: org.name } }),
    ]);
    expect(listVerificationQueue(db, coordinator).organisations).toEqual([]);

    expect(revokeOrganisationVerification(db, coordinator, org.id, "Verein aufgelöst")).toBe(true);
    expect(db.select().from(organisations).where(eq(organisations.id, org.id)).get()?.verifiedAt).toBeNull();
    expect(
      db
        .select({ a: auditEvents.action })
        .from(auditEvents)
        .all()
        .map((r) => r.a),
    ).toEqual(["organisation.verified", "organisation.verification_revoked"]);
  });

  it("refuses coordinators of other neighbourhoods, and volunteers, without changing anything", () => {
    const { db, nb, stranger } = setup();
    const org = createOrganisation(db, { verifiedAt: null });
    db.insert(organisationNeighbourhoods).values({ organisationId: org.id, neighbourhoodId: nb.id }).run();
    const volunteer = authUserOf(db, createVolunteer(db).user.id);
    expect(statusThrownBy(() => verifyOrganisation(temp.db, stranger, org.id))).toBe(403);
    expect(statusThrownBy(() => verifyOrganisation(temp.db, volunteer, org.id))).toBe(403);
    expect(statusThrownBy(() => verifyOrganisation(temp.db, stranger, 999_999))).toBe(404);
    expect(listVerificationQueue(db, stranger).organisations).toEqual([]);
    expect(db.select().from(organisations).where(eq(organisations.id, org.id)).get()?.verifiedAt).toBeNull();
  });
});

describe("certificate verification", () => {
  it("records and revokes a certificate of a volunteer in scope, audited", () => {
    const { db, nb, coordinator } = setup();
    const { user } = createVolunteer(db, { profile: { homeNeighbourhoodId: nb.id } });
    const validUntil = inDays(900);
    verifyCertificate(db, coordinator, user.id, validUntil);
    expect(
      db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, user.id)).get(),
    ).toMatchObject({
      certificateValidUntil: validUntil,
      certificateVerifiedBy: coordinator.id,
    });
    expect(requireVolunteerCertificate(db, coordinator, user.id)).toMatchObject({ valid: true, validUntil });
    expect(revokeCertificate(db, coordinator, user.id, "")).toBe(true);
    expect(revokeCertificate(db, coordinator, user.id, "")).toBe(false);
    expect(requireVolunteerCertificate(db, coordinator, user.id)).toMatchObject({
      valid: false,
      validUntil: null,
      verifiedAt: null,
    });
    expect(
      db
        .select()
        .from(auditEvents)
        .all()
        .map((a) => [a.action, a.entityType, a.entityId, a.neighbourhoodId]),
    ).toEqual([
      ["certificate.verified", "volunteer_profile", user.id, nb.id],
      ["certificate.revoked", "volunteer_profile", user.id, nb.id],
    ]);
  });

  it("sees volunteers who serve the neighbourhood, not others (404 for them)", () => {
    const { db, nb, otherNb, coordinator } = setup();
    const serving = createVolunteer(db, {
      user: { displayName: "Amira Serving" },
      profile: { homeNeighbourhoodId: otherNb.id },
    }).user;
    db.insert(volunteerNeighbourhoods).values({ userId: serving.id, neighbourhoodId: nb.id }).run();
    const elsewhere = createVolunteer(db, {
      user: { displayName: "Amira Elsewhere" },
      profile: { homeNeighbourhoodId: otherNb.id },
    }).user;
    expect(searchVolunteers(db, coordinator, "amira").map((v) => v.displayName)).toEqual(["Amira Serving"]);
    expect(statusThrownBy(() => verifyCertificate(db, coordinator, elsewhere.id, inDays(100)))).toBe(404);
    expect(statusThrownBy(() => requireVolunteerCertificate(db, coordinator, "no-such-user"))).toBe(404);
    expect(
      db.select().from(volunteerProfiles).where(eq(volunteerProfiles.userId, elsewhere.id)).get()
        ?.certificateVerifiedAt,
    ).toBeNull();
  });

  it("queues certificates that run out within 60 days or just did, and volunteers whose offers need one", () => {
    const { db, nb, coordinator } = setup();
    const verifiedAt = new Date(Date.now() - 400 * DAY);
    const profile = (days: number | null) => ({
      homeNeighbourhoodId: nb.id,
      certificateValidUntil: days === null ? null : inDays(days),
      certificateVerifiedAt: days === null ? null : verifiedAt,
    });
    const soon = createVolunteer(db, { profile: profile(20) }).user;
    const expired = createVolunteer(db, { profile: profile(-5) }).user;
    createVolunteer(db, { profile: profile(200) });
    const wanting = createVolunteer(db, { profile: profile(null) }).user;
    createVolunteer(db, { profile: profile(null) });
    const category = createCategory(db);
    insertOffer(db, { categoryId: category.id, neighbourhoodIds: [nb.id], volunteerId: wanting.id });
    const need = insertNeed(db, { categoryId: category.id, neighbourhoodId: nb.id });
    db.update(needs).set({ requiresCertificate: true }).where(eq(needs.id, need.id)).run();

    const queue = listVerificationQueue(db, coordinator).certificates;
    expect(queue.map((c) => [c.userId, c.reason])).toEqual([
      [expired.id, "expired"],
      [soon.id, "expiring"],
      [wanting.id, "requested"],
    ]);
  });
});
