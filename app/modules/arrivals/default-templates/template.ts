/** The shape of a default first step (default-templates.ts), and what the step files share. */
import type { AgeGroup, Language, UiLocale } from "@db/schema/enums";

export interface DefaultTemplate {
  /** Stable name of the step, so an installation can tell which defaults it has already. */
  key: string;
  categorySlug: string;
  leadDays: number;
  startMinute: number;
  durationMinutes: number;
  perPerson: boolean;
  ageGroups: AgeGroup[];
  requiresCertificate: boolean;
  usesHouseholdLanguages: boolean;
  languages: Language[];
  defaultSelected: boolean;
  texts: Record<UiLocale, { title: string; description: string }>;
}

export const H = 60;
export const CHILDREN: AgeGroup[] = ["0_2", "3_5", "6_17"];
export const ADULTS: AgeGroup[] = ["18_64", "65_plus"];
