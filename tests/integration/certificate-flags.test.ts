import { and, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberships, notifications, signups, volunteerProfiles } from "@db/schema";
import { getManagedActivity } from "~/modules/events/queries.server";
import { listCommitments } from "~/modules/signups/commitments.server";
import { signUpForShift } from "~/modules/signups/signups.server";
import { revokeCertificate, verifyCertificate } from "~/modules/verification/commands.server";
import { zonedIsoDate } from "~/utils/time";
import { createEvent, createOrganisation, createShift, createUser, createVolunteer } from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { createTempDb, type TempDb } from "../helpers/db";

const DAY = 24 * 3_600_000;

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

/**
 * An organisation (owner and one member) with an activity in ten days: a shift that needs a
 * certificate of conduct and one that does not. A volunteer whose certificate is valid then is
 * signed up for both.
 */
function scene() {
  const { db } = temp;
  const owner = createUser(db, { role: "org_member" });
  const member = createUser(db, { role: "org_member" });
  const organisation = createOrganisation(db, { ownerId: owner.id });
  db.insert(memberships).values({ organisationId: organisation.id, userId: member.id, role: "member" }).run();
  const startsAt = new Date(Date.now() + 10 * DAY);
  const event = createEvent(db, { organisationId: organisation.id, startsAt });
  const withCertificate = createShift(db, { eventId: event.id, startsAt, requiresCertificate: true });
  const without = createShift(db, {
    eventId: event.id,
    startsAt: new Date(startsAt.getTime() + 3 * 3_600_000),
    requiresCertificate: false,
  });
  const { user: volunteer } = createVolunteer(db, {
    profile: {
      certificateValidUntil: zonedIsoDate(Date.now() + 400 * DAY),
      certificateVerifiedAt: new Date(),
    },
  });
  const signUp = (shiftId: number, volunteerId = volunteer.id) => {
    const result = signUpForShift(db, { shiftId, volunteerId, confirmOverCap: true });
    if (!result.ok) throw new Error(JSON.stringify(result.error));
    return result.signupId;
  };
  const flagged = signUp(withCertificate.id);
  const unaffected = signUp(without.id);
  const admin = authUserOf(db, createUser(db, { role: "admin" }).id);
  return { db, owner, member, organisation, event, withCertificate, volunteer, flagged, unaffected, admin };
}

function inbox(userId: string) {
  return temp.db
    .select({ kind: notifications.kind, params: notifications.params, link: notifications.link })
    .from(notifications)
    .where(eq(notifications.userId, userId))
    .all();
}

function flagsOnOrganisationPage(s: ReturnType<typeof scene>) {
  const activity = getManagedActivity(s.db, { eventId: s.event.id, organisationId: s.organisation.id })!;
  return Object.fromEntries(
    activity.shifts.flatMap((shift) =>
      [...shift.confirmed, ...shift.waitlisted].map((signup) => [signup.id, signup.certificateMissing]),
    ),
  );
}

function flagsInCommitments(s: ReturnType<typeof scene>) {
  return Object.fromEntries(
    listCommitments(s.db, s.volunteer.id, Date.now()).upcoming.map((c) => [c.signupId, c.certificateMissing]),
  );
}

describe("a revoked certificate", () => {
  it("keeps the sign-up, marks it for the organisation and the volunteer, and tells both", () => {
    const s = scene();
    expect(flagsOnOrganisationPage(s)).toEqual({ [s.flagged]: false, [s.unaffected]: false });

    expect(revokeCertificate(s.db, s.admin, s.volunteer.id, "zurückgezogen")).toBe(true);

    // Not silently dropped: the place is still theirs until someone decides.
    expect(s.db.select().from(signups).where(eq(signups.id, s.flagged)).get()?.status).toBe("confirmed");
    // Not silently kept: both lists mark it.
    expect(flagsOnOrganisationPage(s)).toEqual({ [s.flagged]: true, [s.unaffected]: false });
    expect(flagsInCommitments(s)).toEqual({ [s.flagged]: true, [s.unaffected]: false });
    // And both sides were told at the moment of the change.
    expect(inbox(s.volunteer.id).filter((n) => n.kind === "signup_certificate_missing")).toEqual([
      {
        kind: "signup_certificate_missing",
        params: {
          eventTitle: s.event.title,
          shiftTitle: s.withCertificate.title,
          startsAt: s.withCertificate.startsAt.getTime(),
        },
        link: "/volunteer/commitments",
      },
    ]);
    for (const person of [s.owner, s.member]) {
      expect(inbox(person.id)).toEqual([
        {
          kind: "signups_certificate_missing",
          params: { eventTitle: s.event.title, count: 1 },
          link: `/organisations/${s.organisation.id}/activities/${s.event.id}`,
        },
      ]);
    }
    // Revoking again changes nothing and tells nobody twice.
    expect(revokeCertificate(s.db, s.admin, s.volunteer.id, "")).toBe(false);
    expect(inbox(s.owner.id)).toHaveLength(1);
  });

  it("a new date that ends before the shift flags it too; one that still covers it does not", () => {
    const s = scene();
    verifyCertificate(s.db, s.admin, s.volunteer.id, zonedIsoDate(Date.now() + 200 * DAY));
    expect(inbox(s.owner.id)).toEqual([]);
    verifyCertificate(s.db, s.admin, s.volunteer.id, zonedIsoDate(Date.now() + 5 * DAY));
    expect(flagsOnOrganisationPage(s)[s.flagged]).toBe(true);
    expect(inbox(s.volunteer.id).map((n) => n.kind)).toContain("signup_certificate_missing");
    expect(inbox(s.member.id).map((n) => n.kind)).toEqual(["signups_certificate_missing"]);
  });

  it("a certificate that simply ran out shows in both lists, computed from today's data", () => {
    const s = scene();
    s.db
      .update(volunteerProfiles)
      .set({ certificateValidUntil: zonedIsoDate(Date.now() + 3 * DAY) })
      .where(eq(volunteerProfiles.userId, s.volunteer.id))
      .run();
    expect(flagsOnOrganisationPage(s)).toEqual({ [s.flagged]: true, [s.unaffected]: false });
    expect(flagsInCommitments(s)).toEqual({ [s.flagged]: true, [s.unaffected]: false });
  });

  it("flags a waitlisted sign-up too, and never one of a cancelled sign-up or a past shift", () => {
    const s = scene();
    const { user: second } = createVolunteer(s.db, {
      profile: {
        certificateValidUntil: zonedIsoDate(Date.now() + 400 * DAY),
        certificateVerifiedAt: new Date(),
      },
    });
    s.db.update(signups).set({ status: "waitlisted" }).where(eq(signups.id, s.flagged)).run();
    const pastShift = createShift(s.db, {
      eventId: s.event.id,
      startsAt: new Date(Date.now() - 3 * DAY),
      requiresCertificate: true,
    });
    const past = s.db
      .insert(signups)
      .values({ shiftId: pastShift.id, volunteerId: s.volunteer.id, status: "confirmed" })
      .returning()
      .get();
    revokeCertificate(s.db, s.admin, s.volunteer.id, "");
    revokeCertificate(s.db, s.admin, second.id, "");
    const flags = flagsOnOrganisationPage(s);
    expect(flags[s.flagged]).toBe(true);
    expect(flags[past.id]).toBe(false);
    // The second volunteer has no sign-ups: nobody hears about them.
    expect(
      temp.db
        .select()
        .from(notifications)
        .where(
          and(eq(notifications.userId, s.owner.id), eq(notifications.kind, "signups_certificate_missing")),
        )
        .all(),
    ).toHaveLength(1);
  });
});
