import type Database from "better-sqlite3";
import { TableWriter } from "./bulk-insert";

/**
 * The columns the seed writes per table, in the order steps pass values. Columns left out keep their
 * SQL default (only ones that don't depend on the clock: created_at/updated_at are always written).
 */
const columns = (list: string): readonly string[] => list.split(" ");

const COLUMNS = {
  neighbourhoods: columns("id slug name municipality district lat lon created_at updated_at"),
  categories: columns("id slug name sort_order active created_at updated_at"),
  users: columns(
    "id email email_verified_at password_hash display_name role locale phone gender password_changed_at last_login_at created_at updated_at",
  ),
  coordinator_neighbourhoods: columns("user_id neighbourhood_id created_at"),
  volunteer_profiles: columns(
    "user_id home_neighbourhood_id radius_km hours_cap_per_week bio certificate_valid_until certificate_verified_at certificate_verified_by calendar_token created_at updated_at",
  ),
  volunteer_languages: columns("user_id language level"),
  volunteer_skills: columns("user_id skill"),
  volunteer_neighbourhoods: columns("user_id neighbourhood_id"),
  volunteer_availability: columns("user_id weekday start_minute end_minute"),
  organisations: columns(
    "id slug name kind description website email phone verified_at verified_by created_at updated_at",
  ),
  organisation_neighbourhoods: columns("organisation_id neighbourhood_id"),
  memberships: columns("organisation_id user_id role created_at"),
  offers: columns(
    "id volunteer_id organisation_id category_id title description capacity radius_km valid_until status created_at updated_at",
  ),
  offer_languages: columns("offer_id language"),
  offer_neighbourhoods: columns("offer_id neighbourhood_id"),
  offer_availability: columns("offer_id weekday start_minute end_minute"),
  needs: columns(
    "id category_id neighbourhood_id organisation_id created_by title description original_language helpers_needed urgency schedule starts_at ends_at requires_certificate gender_preference status closed_at text_erased_at created_at updated_at",
  ),
  need_languages: columns("need_id language"),
  need_translations: columns("need_id locale title description created_at updated_at"),
  first_step_templates: columns(
    "id category_id lead_days start_minute duration_minutes per_person requires_certificate uses_household_languages default_selected active sort_order created_at updated_at",
  ),
  first_step_template_texts: columns("template_id locale title description"),
  first_step_template_age_groups: columns("template_id age_group"),
  first_step_template_languages: columns("template_id language"),
  arrivals: columns(
    "id code neighbourhood_id arrival_date household_size age_0_2 age_3_5 age_6_17 age_18_64 age_65_plus note created_by created_at updated_at",
  ),
  arrival_languages: columns("arrival_id language level"),
  arrival_steps: columns("arrival_id template_id need_id person_number due_on lead_days created_at"),
  need_slots: columns("need_id weekday start_minute end_minute"),
  matches: columns(
    "id need_id offer_id status score score_language score_distance score_availability score_load score_experience score_responsiveness distance_km proposed_by proposed_at responded_at decline_reason completed_at ended_at created_at updated_at",
  ),
  events: columns(
    "id organisation_id created_by category_id neighbourhood_id title description original_language place starts_at ends_at recurrence recurrence_until accessibility target_group cost_cents participant_places participants_registered status published_at cancelled_at created_at updated_at",
  ),
  event_languages: columns("event_id language"),
  event_translations: columns("event_id locale title description created_at updated_at"),
  shifts: columns(
    "id event_id title starts_at ends_at needed_count confirmed_count requires_certificate created_at updated_at",
  ),
  signups: columns(
    "id shift_id volunteer_id status attendance cancelled_at promoted_at created_at updated_at",
  ),
  hours_log: columns(
    "volunteer_id date hours source signup_id match_id organisation_id category_id activity note confirmed_by confirmed_at created_at updated_at",
  ),
  notifications: columns("user_id kind params link read_at created_at"),
  notification_preferences: columns("user_id kind channel"),
  audit_events: columns("actor_id action entity_type entity_id neighbourhood_id details created_at"),
};

export type SeedTable = keyof typeof COLUMNS;

/** A writer for one table; `parents` are the writers of tables its rows reference in the same step. */
export function createWriter(
  sqlite: Database.Database,
  table: SeedTable,
  ...parents: TableWriter[]
): TableWriter {
  return new TableWriter(sqlite, table, COLUMNS[table], parents);
}

/** Flushes every writer and returns the number of rows they wrote. */
export function flushAll(...writers: TableWriter[]): number {
  let rows = 0;
  for (const writer of writers) {
    writer.flush();
    rows += writer.count;
  }
  return rows;
}
