/**
 * Live sign-ups (confirmed or waitlisted, on a shift that has not ended, of an activity that is not
 * cancelled) whose shift needs a certificate of conduct the volunteer does not have on its date. Such
 * a sign-up is neither kept silently nor dropped: the organisation's sign-up list and the volunteer's
 * commitments mark it (computed from current data, so a certificate that simply ran out shows too), and
 * at the moment a change causes it — a revoked or shortened certificate, "certificate required" turned
 * on, a shift moved past the certificate's date — the volunteer and the organisation's members are told.
 */
import { and, asc, eq, gt, inArray, ne } from "drizzle-orm";
import type { Tx } from "@db/client";
import { events, memberships, shifts, signups, volunteerProfiles } from "@db/schema";
import { notify } from "~/modules/notifications/notify.server";
import { COMMITMENTS_PATH } from "./paths";
import { certificateCoversShift } from "./waitlist.server";

/** The flag both lists show: the shift needs a certificate that is not valid on its date. */
export function lacksCertificate(
  shift: { requiresCertificate: boolean; endsAt: number },
  certificateValidUntil: string | null,
): boolean {
  return shift.requiresCertificate && !certificateCoversShift(certificateValidUntil, shift.endsAt);
}

interface LiveSignup {
  signupId: number;
  volunteerId: string;
  shiftId: number;
  shiftTitle: string;
  startsAt: number;
  endsAt: number;
  requiresCertificate: boolean;
  eventId: number;
  eventTitle: string;
  organisationId: number | null;
  createdBy: string | null;
  certificateValidUntil: string | null;
}

function liveSignups(tx: Tx, where: { volunteerId: string } | { shiftIds: number[] }, now: number) {
  if ("shiftIds" in where && where.shiftIds.length === 0) return [];
  return tx
    .select({
      signupId: signups.id,
      volunteerId: signups.volunteerId,
      shiftId: shifts.id,
      shiftTitle: shifts.title,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
      requiresCertificate: shifts.requiresCertificate,
      eventId: events.id,
      eventTitle: events.title,
      organisationId: events.organisationId,
      createdBy: events.createdBy,
      certificateValidUntil: volunteerProfiles.certificateValidUntil,
    })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .innerJoin(events, eq(events.id, shifts.eventId))
    .leftJoin(volunteerProfiles, eq(volunteerProfiles.userId, signups.volunteerId))
    .where(
      and(
        "volunteerId" in where
          ? eq(signups.volunteerId, where.volunteerId)
          : inArray(signups.shiftId, where.shiftIds),
        inArray(signups.status, ["confirmed", "waitlisted"]),
        gt(shifts.endsAt, new Date(now)),
        ne(events.status, "cancelled"),
      ),
    )
    .orderBy(asc(shifts.startsAt), asc(signups.id))
    .all()
    .map(
      (r): LiveSignup => ({
        ...r,
        startsAt: r.startsAt.getTime(),
        endsAt: r.endsAt.getTime(),
        certificateValidUntil: r.certificateValidUntil ?? null,
      }),
    );
}

/**
 * Tells each volunteer (one message per sign-up) and each activity's organisation (one message per
 * activity to every member, or to the activity's author when it has no organisation) — except the person
 * who made the change, who sees the marks on the page they are on. Returns how many sign-ups were flagged.
 */
function tellAboutUncovered(tx: Tx, flagged: LiveSignup[], actorId: string | null): number {
  for (const s of flagged) {
    notify(tx, {
      userId: s.volunteerId,
      kind: "signup_certificate_missing",
      params: { eventTitle: s.eventTitle, shiftTitle: s.shiftTitle, startsAt: s.startsAt },
      link: COMMITMENTS_PATH,
    });
  }
  const byEvent = new Map<number, LiveSignup[]>();
  for (const s of flagged) byEvent.set(s.eventId, [...(byEvent.get(s.eventId) ?? []), s]);
  for (const [eventId, list] of byEvent) {
    const { organisationId, createdBy, eventTitle } = list[0]!;
    const people =
      organisationId === null
        ? createdBy
          ? [createdBy]
          : []
        : tx
            .select({ userId: memberships.userId })
            .from(memberships)
            .where(eq(memberships.organisationId, organisationId))
            .orderBy(asc(memberships.userId))
            .all()
            .map((m) => m.userId);
    const link =
      organisationId === null
        ? `/activities/${eventId}`
        : `/organisations/${organisationId}/activities/${eventId}`;
    for (const userId of people) {
      if (userId === actorId) continue;
      notify(tx, {
        userId,
        kind: "signups_certificate_missing",
        params: { eventTitle, count: list.length },
        link,
      });
    }
  }
  return flagged.length;
}

/**
 * After a volunteer's certificate changed (revoked, or recorded with another date) in `tx`: flags the
 * live sign-ups it covered before and does not cover now.
 */
export function flagAfterCertificateChange(
  tx: Tx,
  change: { volunteerId: string; validUntilBefore: string | null; actorId: string },
  now = Date.now(),
): number {
  const flagged = liveSignups(tx, { volunteerId: change.volunteerId }, now).filter(
    (s) =>
      s.requiresCertificate &&
      certificateCoversShift(change.validUntilBefore, s.endsAt) &&
      !certificateCoversShift(s.certificateValidUntil, s.endsAt),
  );
  return tellAboutUncovered(tx, flagged, change.actorId);
}

/** A shift as it was before an edit: whether it needed a certificate, and when it ended. */
export interface ShiftBefore {
  id: number;
  requiresCertificate: boolean;
  endsAt: number;
}

/**
 * After shifts were edited in `tx`: flags the live sign-ups that had what their shift needed before the
 * edit and lack it now ("certificate required" turned on, or the shift moved past the certificate's date).
 */
export function flagAfterShiftChange(
  tx: Tx,
  before: ShiftBefore[],
  actorId: string | null,
  now = Date.now(),
): number {
  const old = new Map(before.map((b) => [b.id, b]));
  const flagged = liveSignups(tx, { shiftIds: [...old.keys()] }, now).filter((s) => {
    const was = old.get(s.shiftId)!;
    return !lacksCertificate(was, s.certificateValidUntil) && lacksCertificate(s, s.certificateValidUntil);
  });
  return tellAboutUncovered(tx, flagged, actorId);
}
