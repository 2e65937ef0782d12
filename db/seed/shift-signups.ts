import { COMMITMENTS_PATH } from "../../app/modules/signups/paths";
import type { EventStatus } from "../schema/enums";
import type { SeedContext } from "./context";
import type { Rng } from "./prng";
import { DAY_MS, HOUR_MS, MINUTE_MS } from "./time";

export interface ShiftPlan {
  title: string;
  startsAt: number;
  endsAt: number;
  needed: number;
  requiresCertificate: boolean;
}

interface SignupRow {
  volunteerId: string;
  status: "confirmed" | "waitlisted" | "cancelled";
  attendance: "present" | "no_show" | null;
  cancelledAt: number | null;
  promotedAt: number | null;
  createdAt: number;
  updatedAt: number;
}

export interface ShiftSignupInput {
  shift: ShiftPlan;
  status: EventStatus;
  openedAt: number;
  cancelledAt: number | null;
  pool: readonly number[];
  withCertificate: readonly number[];
  /** The demo volunteer's place on this shift, if any. */
  demo: "confirmed" | "waitlisted" | null;
  eventTitle: string;
  eventId: number;
}

/**
 * Sign-ups of one shift, simulated in time order: a sign-up is confirmed while places are left and
 * waitlisted otherwise; a confirmed one that cancels promotes the first on the waitlist. So the
 * invariants hold by construction. Rows come out in the order they were made, so ids follow time.
 */
export function seedShiftSignups(
  ctx: SeedContext,
  rng: Rng,
  input: ShiftSignupInput,
): { signups: SignupRow[]; confirmed: number; lastChange: number } {
  const { shift, status } = input;
  if (status === "draft") return { signups: [], confirmed: 0, lastChange: input.openedAt };
  const past = shift.endsAt <= ctx.anchorMs;
  const ratio = past
    ? 0.7 + rng.next() * 0.7
    : Math.min(1.6, Math.max(0, ctx.config.shiftFill + (rng.next() - 0.5) * 0.9));
  let arrivals = Math.max(past ? 1 : 0, Math.round(shift.needed * ratio));
  if (input.demo === "waitlisted") arrivals = Math.max(arrivals, shift.needed) + 1;

  const chosen = drawVolunteers(ctx, rng, input, arrivals - (input.demo ? 1 : 0));
  if (input.demo === "confirmed") chosen.unshift(0);
  if (input.demo === "waitlisted") chosen.splice(Math.min(chosen.length, shift.needed), 0, 0);

  const closesAt = Math.min(shift.startsAt, ctx.anchorMs, input.cancelledAt ?? Infinity) - HOUR_MS;
  const span = Math.max(HOUR_MS, closesAt - input.openedAt);
  const times = chosen.map(() => input.openedAt + Math.floor(rng.next() * span)).sort((a, b) => a - b);

  // Each sign-up may be withdrawn later (never the demo volunteer's, and none on the demo waitlist shift).
  const rows: SignupRow[] = chosen.map((index, k) => {
    const createdAt = times[k] ?? input.openedAt;
    return {
      volunteerId: ctx.volunteers[index]?.id ?? "",
      status: "confirmed",
      attendance: null,
      cancelledAt: null,
      promotedAt: null,
      createdAt,
      updatedAt: createdAt,
    };
  });
  const cancellations = new Map<number, number>();
  rows.forEach((row, k) => {
    if (input.demo === "waitlisted" || chosen[k] === 0 || !rng.chance(0.1)) return;
    cancellations.set(
      k,
      row.createdAt + Math.floor(rng.next() * Math.max(MINUTE_MS, closesAt - row.createdAt)),
    );
  });

  // Replay arrivals and cancellations in time order.
  type Happening = { at: number; k: number; kind: "arrive" | "cancel" };
  const happenings: Happening[] = rows.map((row, k) => ({ at: row.createdAt, k, kind: "arrive" as const }));
  for (const [k, at] of cancellations) happenings.push({ at, k, kind: "cancel" });
  happenings.sort((a, b) => a.at - b.at || a.k - b.k || (a.kind === "arrive" ? -1 : 1));
  const waitlist: number[] = [];
  let confirmed = 0;
  let lastChange = input.openedAt;
  for (const h of happenings) {
    const row = rows[h.k];
    if (!row) continue;
    lastChange = Math.max(lastChange, h.at);
    if (h.kind === "arrive") {
      if (confirmed < shift.needed) {
        row.status = "confirmed";
        confirmed++;
      } else {
        row.status = "waitlisted";
        waitlist.push(h.k);
      }
      continue;
    }
    const wasConfirmed = row.status === "confirmed";
    if (row.status === "waitlisted") waitlist.splice(waitlist.indexOf(h.k), 1);
    row.status = "cancelled";
    row.cancelledAt = h.at;
    row.updatedAt = h.at;
    if (!wasConfirmed) continue;
    confirmed--;
    const next = waitlist.shift();
    const promoted = next === undefined ? undefined : rows[next];
    if (promoted) {
      promoted.status = "confirmed";
      promoted.promotedAt = h.at;
      promoted.updatedAt = h.at;
      confirmed++;
      if (ctx.anchorMs - h.at < 14 * DAY_MS) {
        ctx.notifications.push({
          userId: promoted.volunteerId,
          kind: "waitlist_promoted",
          params: { eventTitle: input.eventTitle, shiftTitle: shift.title, startsAt: shift.startsAt },
          link: COMMITMENTS_PATH,
          createdAt: h.at,
          readAt: null,
        });
      }
    }
  }

  return finishShift(ctx, rng, input, rows, confirmed, lastChange, past);
}

/** Distinct volunteers from the neighbourhood, with a valid certificate where the shift needs one. */
function drawVolunteers(ctx: SeedContext, rng: Rng, input: ShiftSignupInput, wanted: number): number[] {
  const { shift } = input;
  const chosen: number[] = [];
  const taken = new Set<number>([0]);
  const eligible = (index: number) => {
    const v = ctx.volunteers[index];
    if (!v || taken.has(index)) return false;
    return (
      !shift.requiresCertificate ||
      (v.certificateValidUntil !== null && v.certificateValidUntil >= shift.endsAt)
    );
  };
  const take = (index: number) => {
    if (!eligible(index)) return;
    chosen.push(index);
    taken.add(index);
  };
  for (let attempt = 0; attempt < wanted * 6 && chosen.length < wanted && input.pool.length > 0; attempt++) {
    take(rng.pick(input.pool));
  }
  const fallback = shift.requiresCertificate ? input.withCertificate : null;
  for (let attempt = 0; attempt < wanted * 6 && chosen.length < wanted; attempt++) {
    if (fallback) {
      if (fallback.length === 0) break;
      take(rng.pick(fallback));
    } else take(rng.int(1, ctx.volunteers.length - 1));
  }
  return chosen;
}

/** Cancelled activities cancel every sign-up; past shifts get attendance; notifications for the demo. */
function finishShift(
  ctx: SeedContext,
  rng: Rng,
  input: ShiftSignupInput,
  rows: SignupRow[],
  confirmedCount: number,
  lastChange: number,
  past: boolean,
): { signups: SignupRow[]; confirmed: number; lastChange: number } {
  if (input.status === "cancelled" && input.cancelledAt !== null) {
    const at = input.cancelledAt;
    for (const row of rows) {
      if (row.status === "cancelled") continue;
      row.status = "cancelled";
      row.cancelledAt = Math.max(at, row.createdAt);
      row.updatedAt = row.cancelledAt;
      ctx.notifications.push({
        userId: row.volunteerId,
        kind: "event_cancelled",
        params: { eventTitle: input.eventTitle, startsAt: input.shift.startsAt },
        // As the app writes it: a cancelled activity has no public page any more.
        link: COMMITMENTS_PATH,
        createdAt: row.cancelledAt,
        readAt: null,
      });
    }
    return { signups: rows, confirmed: 0, lastChange: Math.max(lastChange, at) };
  }
  for (const row of rows) {
    const isDemo = row.volunteerId === ctx.accounts.volunteerId;
    if (row.status === "confirmed" && past)
      row.attendance = isDemo || rng.chance(0.9) ? "present" : "no_show";
    if (isDemo && !past && row.status === "confirmed") {
      ctx.notifications.push({
        userId: row.volunteerId,
        kind: "signup_confirmed",
        params: {
          eventTitle: input.eventTitle,
          shiftTitle: input.shift.title,
          startsAt: input.shift.startsAt,
        },
        link: COMMITMENTS_PATH,
        createdAt: row.createdAt,
        readAt: row.createdAt + 2 * HOUR_MS < ctx.anchorMs ? row.createdAt + 2 * HOUR_MS : null,
      });
    }
  }
  return { signups: rows, confirmed: confirmedCount, lastChange };
}
