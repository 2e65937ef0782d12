import { check, index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { sql } from "drizzle-orm";
import { nowMs, oneOf } from "./columns";
import { AUDIT_ENTITY } from "./enums";
import { neighbourhoods } from "./places";
import { users } from "./users";

/** Who did what to which need, match or person record, and when. Append-only. */
export const auditEvents = sqliteTable(
  "audit_events",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    action: text("action").notNull(),
    entityType: text("entity_type", { enum: AUDIT_ENTITY }).notNull(),
    entityId: text("entity_id").notNull(),
    /** The neighbourhood the record belongs to, so coordinators see the audit of their scope. */
    neighbourhoodId: integer("neighbourhood_id").references(() => neighbourhoods.id, {
      onDelete: "set null",
    }),
    /** Which fields changed (names and, where not personal, values): JSON object. */
    details: text("details", { mode: "json" }).$type<Record<string, unknown>>().notNull().default({}),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(nowMs),
  },
  (t) => [
    index("audit_events_entity_idx").on(t.entityType, t.entityId),
    index("audit_events_created_idx").on(t.createdAt),
    index("audit_events_nb_created_idx").on(t.neighbourhoodId, t.createdAt),
    index("audit_events_actor_idx").on(t.actorId),
    check("audit_events_entity_check", oneOf("entity_type", AUDIT_ENTITY)),
    check("audit_events_action_nonempty", sql`length(action) > 0`),
    check("audit_events_details_json", sql`json_valid(details)`),
  ],
);
