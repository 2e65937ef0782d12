/** The personal data map (personal-data-map.ts), needs and arrivals: needs, first-step templates, arrivals and their statistics. */
import { N, P, type TablePrivacy } from "./classes";

export const NEED_TABLES = {
  needs: {
    // A need holds no personal data of the newcomer by design (see needs/personal-data.ts); who recorded
    // it is the recording person's.
    columns: {
      id: N,
      category_id: N,
      neighbourhood_id: N,
      organisation_id: N,
      created_by: P,
      title: N,
      description: N,
      original_language: N,
      helpers_needed: N,
      urgency: N,
      schedule: N,
      starts_at: N,
      ends_at: N,
      requires_certificate: N,
      gender_preference: N,
      status: N,
      closed_at: N,
      text_erased_at: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [
      {
        kind: "user_id",
        column: "created_by",
        key: "needsYouRecorded",
        columns: ["id", "title", "status", "created_by", "created_at"],
      },
    ],
  },
  need_languages: { columns: { need_id: N, language: N }, subjects: [] },
  need_slots: { columns: { id: N, need_id: N, weekday: N, start_minute: N, end_minute: N }, subjects: [] },
  need_translations: {
    columns: { need_id: N, locale: N, title: N, description: N, created_at: N, updated_at: N },
    subjects: [],
  },
  first_step_templates: {
    columns: {
      id: N,
      category_id: N,
      lead_days: N,
      start_minute: N,
      duration_minutes: N,
      per_person: N,
      requires_certificate: N,
      uses_household_languages: N,
      default_selected: N,
      active: N,
      sort_order: N,
      created_at: N,
      updated_at: N,
    },
    subjects: [],
  },
  first_step_template_texts: {
    columns: { template_id: N, locale: N, title: N, description: N },
    subjects: [],
  },
  first_step_template_age_groups: { columns: { template_id: N, age_group: N }, subjects: [] },
  first_step_template_languages: { columns: { template_id: N, language: N }, subjects: [] },
  arrivals: {
    // A household known only by its code (no name, nationality, birth date or health data, see
    // arrivals/arrival.schema.ts); who recorded it is the recording person's.
    columns: {
      id: N,
      code: N,
      neighbourhood_id: N,
      arrival_date: N,
      household_size: N,
      age_0_2: N,
      age_3_5: N,
      age_6_17: N,
      age_18_64: N,
      age_65_plus: N,
      note: N,
      created_by: P,
      created_at: N,
      updated_at: N,
    },
    subjects: [
      {
        kind: "user_id",
        column: "created_by",
        key: "arrivalsYouRecorded",
        columns: ["id", "code", "created_by", "created_at"],
      },
    ],
  },
  arrival_languages: { columns: { arrival_id: N, language: N, level: N }, subjects: [] },
  arrival_steps: {
    columns: {
      id: N,
      arrival_id: N,
      template_id: N,
      need_id: N,
      person_number: N,
      due_on: N,
      lead_days: N,
      created_at: N,
    },
    subjects: [],
  },
  arrival_statistics: {
    columns: {
      neighbourhood_id: N,
      month: N,
      arrivals: N,
      persons: N,
      age_0_2: N,
      age_3_5: N,
      age_6_17: N,
      age_18_64: N,
      age_65_plus: N,
    },
    subjects: [],
  },
  arrival_step_statistics: {
    columns: {
      id: N,
      neighbourhood_id: N,
      month: N,
      template_id: N,
      category_id: N,
      lead_days: N,
      outcome: N,
      days_to_done: N,
      done_within_lead: N,
    },
    subjects: [],
  },
} as const satisfies Record<string, TablePrivacy>;
