/**
 * Recording an arrival: by a coordinator for a neighbourhood in their scope, turned into dated needs by the
 * city's first-step templates (plan.ts). Every change is audited in its own transaction.
 * docs/decisions/088-arrivals-and-first-steps.md
 */
import { like, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import { arrivalLanguages, arrivals, arrivalSteps, needLanguages, needs, needTranslations } from "@db/schema";
import { UI_LOCALE, type UiLocale } from "@db/schema/enums";
import type { AuthUser } from "~/modules/auth/auth-user";
import { recordAudit } from "~/modules/audit/audit.server";
import { addDays } from "~/modules/dashboard/periods";
import { dataKeyT } from "~/modules/i18n/keys";
import { getServerT } from "~/modules/i18n/server-t.server";
import { can } from "~/modules/permissions/permissions";
import type { FieldErrors } from "~/utils/form-validation";
import { zonedIsoDate } from "~/utils/time";
import type { ArrivalInput } from "./arrival.schema";
import { arrivalCode, planArrival, type PlannedStep } from "./plan";
import { stepNeedTexts, type HouseholdFacts } from "./step-texts";
import { loadTemplates, type TemplateRecord } from "./templates.server";
import { neighbourhoodsExist } from "~/modules/places/places.server";

export type ArrivalResult<T = { id: number }> = { ok: true; value: T } | { ok: false; errors: FieldErrors };

/** How far back an arrival may be recorded (a household that came last month), and how far ahead. */
export const RECORD_PAST_DAYS = 60;

export const RECORD_AHEAD_DAYS = 366;

// ---- recording --------------------------------------------------------------------------------------

/** A step's need texts in one language, as the app writes them (step-texts.ts). */
function needTexts(
  template: TemplateRecord,
  step: PlannedStep,
  household: HouseholdFacts,
  locale: UiLocale,
): { title: string; description: string } {
  return stepNeedTexts(template, step, household, locale, (l, ns) => dataKeyT(getServerT(l, ns)));
}

/** The next free code of the year: A-<year>-<highest number of that year + 1>. Inside the write transaction. */
function nextCode(tx: DbOrTx, year: number): string {
  const row = tx
    .select({ n: sql<number | null>`max(cast(substr(${arrivals.code}, 8) as integer))` })
    .from(arrivals)
    .where(like(arrivals.code, `A-${year}-%`))
    .get();
  return arrivalCode(year, (row?.n ?? 0) + 1);
}

function referenceErrors(
  db: DbOrTx,
  user: AuthUser,
  input: ArrivalInput,
  templates: TemplateRecord[],
  now: number,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!neighbourhoodsExist(db, [input.neighbourhoodId]))
    errors.neighbourhoodId = "arrivals:errors.neighbourhood";
  else if (!can(user, "arrival:create", { neighbourhoodId: input.neighbourhoodId }))
    errors.neighbourhoodId = "arrivals:errors.neighbourhoodOutOfScope";
  const today = zonedIsoDate(now);
  if (
    input.arrivalDate < addDays(today, -RECORD_PAST_DAYS) ||
    input.arrivalDate > addDays(today, RECORD_AHEAD_DAYS)
  )
    errors.arrivalDate = "arrivals:errors.dateRange";
  const active = new Set(templates.filter((t) => t.active).map((t) => t.id));
  if (input.templateIds.some((id) => !active.has(id))) errors.templateIds = "arrivals:errors.steps";
  return errors;
}

/**
 * Records an arrival and its plan in one transaction: the arrival with a fresh code, its languages, and
 * for every step of the chosen templates that applies a need (in German, with translations where the
 * template has them), its languages, and the step linking both. Refuses a neighbourhood out of scope, a
 * date out of range, unknown or inactive templates, and a choice of steps none of which applies.
 */
export function recordArrival(
  db: Db,
  user: AuthUser,
  input: ArrivalInput,
  now = Date.now(),
): ArrivalResult<{ id: number; code: string; steps: number }> {
  const templates = loadTemplates(db, { ids: input.templateIds });
  const errors = referenceErrors(db, user, input, templates, now);
  const plan = planArrival(
    { arrivalDate: input.arrivalDate, ageCounts: input.ageCounts, languages: input.languages },
    templates,
    now,
  );
  if (!errors.templateIds && plan.length === 0) errors.templateIds = "arrivals:errors.noStepApplies";
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const byId = new Map(templates.map((t) => [t.id, t]));

  const result = db.transaction(
    (tx) => {
      const code = nextCode(tx, Number(zonedIsoDate(now).slice(0, 4)));
      const row = tx
        .insert(arrivals)
        .values({
          code,
          neighbourhoodId: input.neighbourhoodId,
          arrivalDate: input.arrivalDate,
          householdSize: input.householdSize,
          age0to2: input.ageCounts["0_2"],
          age3to5: input.ageCounts["3_5"],
          age6to17: input.ageCounts["6_17"],
          age18to64: input.ageCounts["18_64"],
          age65plus: input.ageCounts["65_plus"],
          note: input.note,
          createdBy: user.id,
        })
        .returning({ id: arrivals.id })
        .get();
      tx.insert(arrivalLanguages)
        .values(input.languages.map((l) => ({ arrivalId: row.id, ...l })))
        .run();
      const household: HouseholdFacts = { code, ...input };
      for (const step of plan) {
        const template = byId.get(step.templateId)!;
        const german = needTexts(template, step, household, "de");
        const need = tx
          .insert(needs)
          .values({
            categoryId: step.categoryId,
            neighbourhoodId: input.neighbourhoodId,
            createdBy: user.id,
            title: german.title,
            description: german.description,
            originalLanguage: "de",
            helpersNeeded: 1,
            urgency: step.urgency,
            schedule: "one_off",
            startsAt: new Date(step.startsAt),
            endsAt: new Date(step.endsAt),
            requiresCertificate: step.requiresCertificate,
          })
          .returning({ id: needs.id })
          .get();
        tx.insert(needLanguages)
          .values(step.languages.map((language) => ({ needId: need.id, language })))
          .run();
        const translations = UI_LOCALE.filter((l) => l !== "de" && template.texts[l]).map((locale) => ({
          needId: need.id,
          locale,
          ...needTexts(template, step, household, locale),
        }));
        if (translations.length > 0) tx.insert(needTranslations).values(translations).run();
        tx.insert(arrivalSteps)
          .values({
            arrivalId: row.id,
            templateId: step.templateId,
            needId: need.id,
            personNumber: step.personNumber,
            dueOn: step.dueOn,
            leadDays: step.leadDays,
          })
          .run();
        recordAudit(tx, {
          actorId: user.id,
          action: "need.created",
          entityType: "need",
          entityId: need.id,
          neighbourhoodId: input.neighbourhoodId,
          details: {
            arrivalId: row.id,
            templateId: step.templateId,
            categoryId: step.categoryId,
            languages: step.languages,
            urgency: step.urgency,
            startsAt: step.startsAt,
            dueOn: step.dueOn,
          },
        });
      }
      recordAudit(tx, {
        actorId: user.id,
        action: "arrival.created",
        entityType: "arrival",
        entityId: row.id,
        neighbourhoodId: input.neighbourhoodId,
        // The code and the plan, not the household: those facts go with the arrival when it is anonymised.
        details: { code, steps: plan.length, templates: [...new Set(plan.map((s) => s.templateId))] },
      });
      return { id: row.id, code, steps: plan.length };
    },
    { behavior: "immediate" },
  );
  return { ok: true, value: result };
}
