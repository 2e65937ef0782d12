import { useTranslation } from "react-i18next";
import { AGE_GROUP, type AgeGroup } from "@db/schema/enums";
import { DateOnly } from "~/components/time";
import type { ArrivalUrgency, StepState } from "~/modules/arrivals/step-state";
import { startOfZonedDay } from "~/utils/time";

/** A calendar day given as an ISO date (an arrival date, a due day), in the reader's language. */
export function IsoDay({ value }: { value: string }) {
  return <DateOnly value={startOfZonedDay(value)} />;
}

/** A step's state as a tag: a word, and a colour only as a second cue. */
export function StepStateTag({ state }: { state: StepState }) {
  const { t } = useTranslation("arrivals");
  return <span className={`tag tag--step-${state}`}>{t(`states.${state}`)}</span>;
}

export function ArrivalUrgencyTag({ urgency }: { urgency: ArrivalUrgency }) {
  const { t } = useTranslation("arrivals");
  return <span className={`tag tag--arrival-${urgency}`}>{t(`urgency.${urgency}`)}</span>;
}

/** "2 × 6–17, 1 × 0–2, 2 × 18–64": the household by age group, without empty groups. */
export function AgeGroupList({ counts }: { counts: Record<AgeGroup, number> }) {
  const { t } = useTranslation("arrivals");
  const parts = AGE_GROUP.filter((g) => counts[g] > 0).map((g) =>
    t("household.group", { count: counts[g], group: t(`ageGroups.${g}`) }),
  );
  return <>{parts.join(" · ")}</>;
}
