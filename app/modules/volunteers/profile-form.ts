/**
 * The profile form's starting values (flat names, as a plain form post sends them back) and the
 * no-JavaScript row buttons (add a language row, remove one) that re-render the form without saving.
 * Pure.
 */
import type { WeeklyWindow } from "./availability";
import { windowsToGrid } from "./availability";
import { MAX_LANGUAGE_ROWS } from "./volunteer-profile.schema";
import { rowIndices } from "~/utils/nested-form";

export type FlatValues = Record<string, string | string[]>;

export interface ProfileFormSource {
  languages: { language: string; level: string }[];
  skills: string[];
  homeNeighbourhoodId: number | null;
  radiusKm: number;
  neighbourhoodIds: number[];
  availability: WeeklyWindow[];
  hoursCapPerWeek: number;
  bio: string;
}

/** Level preselected in a new language row: most people who list a language speak it well. */
export const NEW_ROW_LEVEL = "good";

/** What a new volunteer profile starts with (the DB defaults). */
export const EMPTY_PROFILE: ProfileFormSource = {
  languages: [],
  skills: [],
  homeNeighbourhoodId: null,
  radiusKm: 3,
  neighbourhoodIds: [],
  availability: [],
  hoursCapPerWeek: 4,
  bio: "",
};

/** The saved profile as form values, plus one empty language row to add to without JavaScript. */
export function profileFormValues(profile: ProfileFormSource): FlatValues {
  const values: FlatValues = {};
  profile.languages.forEach((l, i) => {
    values[`languages.${i}.language`] = l.language;
    values[`languages.${i}.level`] = l.level;
  });
  if (profile.languages.length < MAX_LANGUAGE_ROWS) {
    values[`languages.${profile.languages.length}.language`] = "";
    values[`languages.${profile.languages.length}.level`] = NEW_ROW_LEVEL;
  }
  values.skills = profile.skills.join("\n");
  values.homeNeighbourhoodId =
    profile.homeNeighbourhoodId === null ? "" : String(profile.homeNeighbourhoodId);
  values.radiusKm = String(profile.radiusKm);
  values.neighbourhoodIds = profile.neighbourhoodIds.map(String);
  values.availability = windowsToGrid(profile.availability);
  values.hoursCapPerWeek = String(profile.hoursCapPerWeek);
  values.bio = profile.bio;
  return values;
}

/** The sent values with one more empty language row (the "add a language" button without JavaScript). */
export function withLanguageRowAdded(values: FlatValues): FlatValues {
  const rows = rowIndices(values, "languages");
  if (rows.length >= MAX_LANGUAGE_ROWS) return values;
  const next = rows.length === 0 ? 0 : Math.max(...rows) + 1;
  return { ...values, [`languages.${next}.language`]: "", [`languages.${next}.level`]: NEW_ROW_LEVEL };
}

/** The sent values without one language row (the "remove" button without JavaScript). */
export function withLanguageRowRemoved(values: FlatValues, index: number): FlatValues {
  const prefix = `languages.${index}.`;
  return Object.fromEntries(Object.entries(values).filter(([key]) => !key.startsWith(prefix)));
}

/** The row buttons' intents: "add-language" and "remove-language:<row>". */
export function parseRowIntent(
  intent: string | null,
): { kind: "add" } | { kind: "remove"; index: number } | null {
  if (intent === "add-language") return { kind: "add" };
  const match = /^remove-language:(0|[1-9][0-9]{0,2})$/.exec(intent ?? "");
  return match ? { kind: "remove", index: Number(match[1]) } : null;
}
