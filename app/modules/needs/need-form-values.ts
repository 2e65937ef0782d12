import { zonedIsoDate, zonedTimeToInstant } from "~/utils/time";
import { SLOT_ROWS } from "./need.schema";

const DAY_MS = 24 * 60 * 60 * 1000;

/** "09:05" for 545 minutes since midnight. */
export function hhmm(minutes: number): string {
  return `${String(Math.floor(minutes / 60)).padStart(2, "0")}:${String(minutes % 60).padStart(2, "0")}`;
}

/** Minutes since midnight in Europe/Berlin of an instant. */
function zonedMinutes(instant: number): number {
  const date = zonedIsoDate(instant);
  const [y, m, d] = date.split("-").map(Number) as [number, number, number];
  return Math.round((instant - zonedTimeToInstant(y, m, d)) / 60_000);
}

export interface StoredNeedForForm {
  categoryId: number;
  neighbourhoodId: number;
  organisationId: number | null;
  title: string;
  description: string;
  languages: string[];
  helpersNeeded: number;
  urgency: string;
  schedule: "one_off" | "recurring";
  startsAt: number;
  endsAt: number;
  slots: { weekday: number; startMinute: number; endMinute: number }[];
  requiresCertificate: boolean;
  genderPreference: string;
}

/** A stored need as the strings its edit form shows (the inverse of NeedFormSchema's transform). */
export function needToFormValues(need: StoredNeedForForm): Record<string, string | string[]> {
  const values: Record<string, string | string[]> = {
    categoryId: String(need.categoryId),
    neighbourhoodId: String(need.neighbourhoodId),
    organisationId: need.organisationId === null ? "" : String(need.organisationId),
    title: need.title,
    description: need.description,
    languages: need.languages,
    helpersNeeded: String(need.helpersNeeded),
    urgency: need.urgency,
    schedule: need.schedule,
    requiresCertificate: need.requiresCertificate ? "on" : "",
    genderPreference: need.genderPreference,
    date: "",
    startTime: "",
    endTime: "",
    periodStart: "",
    periodEnd: "",
  };
  for (const n of SLOT_ROWS) {
    values[`slot${n}Day`] = "";
    values[`slot${n}From`] = "";
    values[`slot${n}To`] = "";
  }
  if (need.schedule === "one_off") {
    values.date = zonedIsoDate(need.startsAt);
    values.startTime = hhmm(zonedMinutes(need.startsAt));
    values.endTime = hhmm(zonedMinutes(need.endsAt));
  } else {
    values.periodStart = zonedIsoDate(need.startsAt);
    // The period's end is stored as the start of the day after its last day.
    values.periodEnd = zonedIsoDate(need.endsAt - DAY_MS / 2);
    need.slots.slice(0, SLOT_ROWS.length).forEach((slot, i) => {
      values[`slot${i + 1}Day`] = String(slot.weekday);
      values[`slot${i + 1}From`] = hhmm(slot.startMinute);
      values[`slot${i + 1}To`] = hhmm(slot.endMinute);
    });
  }
  return values;
}
