/**
 * Self check-in (issue 16, point 5): the club shows a shift's code (or its QR code, a link with the code);
 * a volunteer with a confirmed sign-up on that shift who opens it from 30 minutes before the start to 30
 * minutes after the end marks themselves there. It sets `signups.checked_in_at` only: the hours are
 * logged when the club confirms with "was there" in the sign-up list (markAttendance), or corrects it.
 *
 * The code is `<shiftId>-<8 letters>`, the letters from an HMAC of the shift id with the app secret under
 * its own purpose prefix: it cannot be guessed for another shift, needs no table, and is short enough to
 * type from a sheet of paper. It stays the same for the shift; the time window and the sign-up decide.
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { events, organisations, shifts, signups } from "@db/schema";
import { getAppSecret } from "~/modules/notifications/app-secret.server";
import type { MailConfig } from "~/modules/notifications/config.server";
import { CHECK_IN_CODE, CHECK_IN_WINDOW_MIN, normaliseCheckInCode } from "./check-in-code";

/** Letters without 0/O and 1/I, so a code read aloud or from paper is typed right. */
const ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
const WINDOW_MS = CHECK_IN_WINDOW_MIN * 60_000;

function letters(secret: string, shiftId: number): string {
  const mac = createHmac("sha256", secret).update(`shift-check-in:v1:${shiftId}`).digest();
  let out = "";
  for (let i = 0; i < 8; i++) out += ALPHABET[mac[i]! % ALPHABET.length];
  return out;
}

export function checkInCode(shiftId: number, config?: MailConfig): string {
  return `${shiftId}-${letters(getAppSecret(config), shiftId)}`;
}

/** The shift a code was made for, or null when it is malformed or not this server's. */
export function verifyCheckInCode(raw: string, config?: MailConfig): number | null {
  const code = normaliseCheckInCode(raw);
  const match = CHECK_IN_CODE.exec(code);
  if (!match) return null;
  const shiftId = Number(match[1]);
  if (!Number.isSafeInteger(shiftId)) return null;
  const expected = Buffer.from(letters(getAppSecret(config), shiftId));
  const given = Buffer.from(match[2]!);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return shiftId;
}

/** The app path a QR code points to. */
export function checkInPath(code: string): string {
  return `/checkin?code=${encodeURIComponent(code)}`;
}

export interface CheckInShift {
  shiftId: number;
  shiftTitle: string;
  eventId: number;
  eventTitle: string;
  organisationName: string | null;
  startsAt: number;
  endsAt: number;
  /** The window in which checking in is possible. */
  opensAt: number;
  closesAt: number;
}

export type CheckInState =
  | { state: "invalid" }
  | ({ state: "not_signed_up" | "too_early" | "too_late" | "open" } & CheckInShift)
  | ({ state: "already"; checkedInAt: number } & CheckInShift);

function loadShift(db: DbOrTx, shiftId: number) {
  return db
    .select({
      shiftId: shifts.id,
      shiftTitle: shifts.title,
      eventId: events.id,
      eventTitle: events.title,
      eventStatus: events.status,
      organisationName: organisations.name,
      startsAt: shifts.startsAt,
      endsAt: shifts.endsAt,
    })
    .from(shifts)
    .innerJoin(events, eq(events.id, shifts.eventId))
    .leftJoin(organisations, eq(organisations.id, events.organisationId))
    .where(eq(shifts.id, shiftId))
    .get();
}

/**
 * Where this person stands with this code now: the page shows it, and checkIn() acts only on "open".
 * Wrong person (no confirmed sign-up) comes before the time window, so a stranger learns nothing more.
 */
export function checkInState(db: DbOrTx, code: string, volunteerId: string, now = Date.now()): CheckInState {
  const shiftId = verifyCheckInCode(code);
  if (shiftId === null) return { state: "invalid" };
  const shift = loadShift(db, shiftId);
  if (!shift || shift.eventStatus === "cancelled") return { state: "invalid" };
  const info: CheckInShift = {
    shiftId: shift.shiftId,
    shiftTitle: shift.shiftTitle,
    eventId: shift.eventId,
    eventTitle: shift.eventTitle,
    organisationName: shift.organisationName,
    startsAt: shift.startsAt.getTime(),
    endsAt: shift.endsAt.getTime(),
    opensAt: shift.startsAt.getTime() - WINDOW_MS,
    closesAt: shift.endsAt.getTime() + WINDOW_MS,
  };
  const signup = db
    .select({ checkedInAt: signups.checkedInAt })
    .from(signups)
    .where(
      and(
        eq(signups.shiftId, shiftId),
        eq(signups.volunteerId, volunteerId),
        eq(signups.status, "confirmed"),
      ),
    )
    .get();
  if (!signup) return { state: "not_signed_up", ...info };
  if (signup.checkedInAt) return { state: "already", checkedInAt: signup.checkedInAt.getTime(), ...info };
  if (now < info.opensAt) return { state: "too_early", ...info };
  if (now > info.closesAt) return { state: "too_late", ...info };
  return { state: "open", ...info };
}

/**
 * Marks the person there, once: the state is read again inside the write transaction, and the update
 * only touches a confirmed sign-up not checked in yet, so a double tap changes nothing the second time.
 */
export function checkIn(db: Db, code: string, volunteerId: string, now = Date.now()): CheckInState {
  return db.transaction(
    (tx) => {
      const state = checkInState(tx, code, volunteerId, now);
      if (state.state !== "open") return state;
      tx.update(signups)
        .set({ checkedInAt: new Date(now), updatedAt: new Date(now) })
        .where(
          and(
            eq(signups.shiftId, state.shiftId),
            eq(signups.volunteerId, volunteerId),
            eq(signups.status, "confirmed"),
          ),
        )
        .run();
      return { ...state, state: "already" as const, checkedInAt: now };
    },
    { behavior: "immediate" },
  );
}
