import { sql } from "drizzle-orm";
import { check, integer, sqliteTable } from "drizzle-orm/sqlite-core";
import { timestamps } from "./columns";

/** Installation-wide settings: one row (id = 1), edited by admins. */
export const appSettings = sqliteTable(
  "app_settings",
  {
    id: integer("id").primaryKey(),
    /** Days after which the free text of a closed need is removed. */
    retentionDaysClosedNeeds: integer("retention_days_closed_needs").notNull().default(365),
    /** Months after an arrival's last step that it is anonymised into statistics. */
    retentionMonthsArrivals: integer("retention_months_arrivals").notNull().default(12),
    /** Hours before a shift that its reminder goes out. */
    reminderHoursBefore: integer("reminder_hours_before").notNull().default(24),
    /** Matching weights (relative; the engine normalises them to a 0–100 score). */
    weightLanguage: integer("weight_language").notNull().default(25),
    weightDistance: integer("weight_distance").notNull().default(20),
    weightAvailability: integer("weight_availability").notNull().default(20),
    weightLoad: integer("weight_load").notNull().default(15),
    weightExperience: integer("weight_experience").notNull().default(10),
    weightResponsiveness: integer("weight_responsiveness").notNull().default(10),
    ...timestamps,
  },
  () => [
    check("app_settings_single_row", sql`id = 1`),
    check("app_settings_retention_range", sql`retention_days_closed_needs between 30 and 3650`),
    check("app_settings_arrival_retention_range", sql`retention_months_arrivals between 3 and 120`),
    check("app_settings_reminder_range", sql`reminder_hours_before between 1 and 168`),
    check(
      "app_settings_weights_range",
      sql`weight_language between 0 and 100 and weight_distance between 0 and 100
        and weight_availability between 0 and 100 and weight_load between 0 and 100
        and weight_experience between 0 and 100 and weight_responsiveness between 0 and 100`,
    ),
    check(
      "app_settings_weights_positive_sum",
      sql`weight_language + weight_distance + weight_availability + weight_load + weight_experience + weight_responsiveness > 0`,
    ),
  ],
);
