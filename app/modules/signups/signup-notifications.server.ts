import { eq } from "drizzle-orm";
import type { Db } from "@db/client";
import { events, shifts } from "@db/schema";
import { notify } from "~/modules/notifications/notify.server";
import { COMMITMENTS_PATH } from "./paths";
import type { SignupNotifier } from "./signups.server";

/**
 * The notifier the sign-up routes pass to signUpForShift / cancelSignup: an inbox row (and, by the
 * person's preference, an outbox e-mail) written in the sign-up's own transaction. A waitlisted
 * sign-up is answered on the page itself and gets no message.
 */
export const notifySignupChange: SignupNotifier = (tx, event) => {
  if (event.kind === "signup_waitlisted") return;
  const shift = tx
    .select({ shiftTitle: shifts.title, startsAt: shifts.startsAt, eventTitle: events.title })
    .from(shifts)
    .innerJoin(events, eq(events.id, shifts.eventId))
    .where(eq(shifts.id, event.shiftId))
    .get();
  if (!shift) return;
  notify(tx as Db, {
    userId: event.volunteerId,
    kind: event.kind,
    params: {
      eventTitle: shift.eventTitle,
      shiftTitle: shift.shiftTitle,
      startsAt: shift.startsAt.getTime(),
    },
    link: COMMITMENTS_PATH,
  });
};

/** Kept here too for server code that already imports it from this module. */
export { COMMITMENTS_PATH } from "./paths";
