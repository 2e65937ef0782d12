import { sql } from "drizzle-orm";
import { check, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { oneOf, timestamps } from "./columns";
import { ATTENDANCE, SIGNUP_STATUS } from "./enums";
import { shifts } from "./events";
import { users } from "./users";

/** A volunteer on a shift: confirmed, waitlisted (ordered by id) or cancelled. */
export const signups = sqliteTable(
  "signups",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shiftId: integer("shift_id")
      .notNull()
      .references(() => shifts.id, { onDelete: "cascade" }),
    volunteerId: text("volunteer_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    status: text("status", { enum: SIGNUP_STATUS }).notNull(),
    attendance: text("attendance", { enum: ATTENDANCE }),
    cancelledAt: integer("cancelled_at", { mode: "timestamp_ms" }),
    promotedAt: integer("promoted_at", { mode: "timestamp_ms" }),
    /** The volunteer checked in themselves with the shift's code (issue 16); the club confirms `attendance`. */
    checkedInAt: integer("checked_in_at", { mode: "timestamp_ms" }),
    ...timestamps,
  },
  (t) => [
    // One live sign-up per volunteer and shift; cancelled ones stay as history.
    uniqueIndex("signups_live_unique")
      .on(t.shiftId, t.volunteerId)
      .where(sql`status <> 'cancelled'`),
    index("signups_shift_status_idx").on(t.shiftId, t.status, t.id),
    index("signups_volunteer_status_idx").on(t.volunteerId, t.status),
    check("signups_status_check", oneOf("status", SIGNUP_STATUS)),
    check("signups_attendance_check", sql`attendance is null or attendance in ('present', 'no_show')`),
    check("signups_cancelled_consistent", sql`(status = 'cancelled') = (cancelled_at is not null)`),
    check("signups_attendance_confirmed", sql`attendance is null or status = 'confirmed'`),
  ],
);
