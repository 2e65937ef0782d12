/**
 * Between stored activities and the activity form's string values. Pure: used by loaders, actions and
 * the form component alike.
 */
import type { UiLocale } from "@db/schema/enums";
import type { FormFailure } from "~/utils/form-validation";
import { flatten, unflatten } from "~/utils/nested-form";
import { toLocalDateTimeInput, type ActivityFormInput } from "./activity.schema";

export interface StoredActivity {
  title: string;
  description: string;
  originalLanguage: UiLocale;
  categoryId: number;
  neighbourhoodId: number;
  place: string;
  placeId: number | null;
  startsAt: number;
  endsAt: number;
  weekly: boolean;
  recurrenceUntil: string | null;
  languages: string[];
  accessibility: string;
  targetGroup: string;
  costCents: number;
  participantPlaces: number;
  participantsRegistered: number;
  shifts: {
    id: number;
    title: string;
    startsAt: number;
    endsAt: number;
    neededCount: number;
    requiresCertificate: boolean;
  }[];
}

function formatCost(cents: number): string {
  if (cents === 0) return "";
  return cents % 100 === 0 ? String(cents / 100) : (cents / 100).toFixed(2).replace(".", ",");
}

export function activityToFormValues(a: StoredActivity): ActivityFormInput {
  return {
    title: a.title,
    description: a.description,
    originalLanguage: a.originalLanguage,
    categoryId: String(a.categoryId),
    neighbourhoodId: String(a.neighbourhoodId),
    place: a.place,
    placeId: a.placeId === null ? "" : String(a.placeId),
    startsAt: toLocalDateTimeInput(a.startsAt),
    endsAt: toLocalDateTimeInput(a.endsAt),
    weekly: a.weekly,
    recurrenceUntil: a.recurrenceUntil ?? "",
    languages: a.languages,
    accessibility: a.accessibility,
    targetGroup: a.targetGroup,
    cost: formatCost(a.costCents),
    participantPlaces: a.participantPlaces ? String(a.participantPlaces) : "",
    participantsRegistered: a.participantsRegistered ? String(a.participantsRegistered) : "",
    shifts: a.shifts.map((s) => ({
      id: String(s.id),
      title: s.title,
      startsAt: toLocalDateTimeInput(s.startsAt),
      endsAt: toLocalDateTimeInput(s.endsAt),
      neededCount: String(s.neededCount),
      requiresCertificate: s.requiresCertificate,
      remove: false,
    })),
  };
}

/** A new activity: German, in the organisation's first neighbourhood, with two empty shift rows. */
export function newActivityValues(neighbourhoodId: number | undefined): ActivityFormInput {
  const row = {
    id: "",
    title: "",
    startsAt: "",
    endsAt: "",
    neededCount: "",
    requiresCertificate: false,
    remove: false,
  };
  return {
    title: "",
    description: "",
    originalLanguage: "de",
    categoryId: "",
    neighbourhoodId: neighbourhoodId ? String(neighbourhoodId) : "",
    place: "",
    placeId: "",
    startsAt: "",
    endsAt: "",
    weekly: false,
    recurrenceUntil: "",
    languages: ["de"],
    accessibility: "",
    targetGroup: "",
    cost: "",
    participantPlaces: "",
    participantsRegistered: "",
    shifts: [{ ...row }, { ...row }],
  };
}

/**
 * Default values for useValidatedForm: nested (react-hook-form, the shift rows) and flat (the
 * fields' server-rendered defaults) at once. After a failed submit the echoed values win.
 */
export function formDefaults(
  values: Record<string, unknown>,
  failure?: FormFailure | null,
): Record<string, unknown> {
  if (failure) return { ...unflatten(failure.values), ...failure.values };
  return { ...values, ...flatten(values) };
}

/** The answer to "add a shift" without JavaScript: the values as typed, plus one empty row. */
export function withExtraShiftRow(values: Record<string, string | string[]>): FormFailure {
  let rows = 0;
  for (const key of Object.keys(values)) {
    const m = /^shifts\.([0-9]+)\./.exec(key);
    if (m) rows = Math.max(rows, Number(m[1]) + 1);
  }
  return {
    errors: {},
    values: {
      ...values,
      [`shifts.${Math.min(rows, 29)}.title`]: values[`shifts.${Math.min(rows, 29)}.title`] ?? "",
    },
  };
}
