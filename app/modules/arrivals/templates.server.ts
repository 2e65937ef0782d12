/**
 * First-step templates: the city's list of first steps (admins), the default set for an NRW town, and
 * the templates as the plan reads them. Every change is audited in its own transaction.
 */
import { and, asc, eq, inArray, sql } from "drizzle-orm";
import { type Db, type DbOrTx } from "@db/client";
import {
  categories,
  firstStepTemplateAgeGroups,
  firstStepTemplateLanguages,
  firstStepTemplates,
  firstStepTemplateTexts,
} from "@db/schema";
import { UI_LOCALE, type AgeGroup, type Language, type UiLocale } from "@db/schema/enums";
import { recordAudit } from "~/modules/audit/audit.server";
import { notFound } from "~/modules/permissions/guards.server";
import { categoryAllowed } from "~/modules/places/places.server";
import type { FieldErrors } from "~/utils/form-validation";
import { DEFAULT_TEMPLATES } from "./default-templates";
import { textField, type TemplateInput } from "./first-step-template.schema";
import type { PlanTemplate } from "./plan";
import { templateText, type TemplateTexts } from "./step-texts";

export { templateText, type TemplateTexts };

/** A template as the plan and the pages read it: its rules, texts, age groups and languages. */
export interface TemplateRecord extends PlanTemplate {
  defaultSelected: boolean;
  active: boolean;
  sortOrder: number;
  categorySlug: string;
  categoryName: string;
  texts: TemplateTexts;
}

/** Templates (all, or those with the given ids), in their order; four queries whatever their number. */
export function loadTemplates(
  db: DbOrTx,
  options: { ids?: readonly number[]; activeOnly?: boolean } = {},
): TemplateRecord[] {
  const conditions = [
    options.ids ? inArray(firstStepTemplates.id, [...options.ids]) : undefined,
    options.activeOnly ? eq(firstStepTemplates.active, true) : undefined,
  ];
  if (options.ids && options.ids.length === 0) return [];
  const rows = db
    .select({
      template: firstStepTemplates,
      categorySlug: categories.slug,
      categoryName: categories.name,
    })
    .from(firstStepTemplates)
    .innerJoin(categories, eq(categories.id, firstStepTemplates.categoryId))
    .where(and(...conditions))
    .orderBy(asc(firstStepTemplates.sortOrder), asc(firstStepTemplates.id))
    .all();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.template.id);
  const texts = db
    .select()
    .from(firstStepTemplateTexts)
    .where(inArray(firstStepTemplateTexts.templateId, ids))
    .all();
  const groups = db
    .select()
    .from(firstStepTemplateAgeGroups)
    .where(inArray(firstStepTemplateAgeGroups.templateId, ids))
    .all();
  const languages = db
    .select()
    .from(firstStepTemplateLanguages)
    .where(inArray(firstStepTemplateLanguages.templateId, ids))
    .all();
  return rows.map(({ template: t, categorySlug, categoryName }) => ({
    id: t.id,
    categoryId: t.categoryId,
    leadDays: t.leadDays,
    startMinute: t.startMinute,
    durationMinutes: t.durationMinutes,
    perPerson: t.perPerson,
    requiresCertificate: t.requiresCertificate,
    usesHouseholdLanguages: t.usesHouseholdLanguages,
    defaultSelected: t.defaultSelected,
    active: t.active,
    sortOrder: t.sortOrder,
    categorySlug,
    categoryName,
    ageGroups: groups
      .filter((g) => g.templateId === t.id)
      .map((g) => g.ageGroup as AgeGroup)
      .sort(),
    languages: languages
      .filter((l) => l.templateId === t.id)
      .map((l) => l.language as Language)
      .sort(),
    texts: Object.fromEntries(
      texts
        .filter((x) => x.templateId === t.id)
        .map((x) => [x.locale, { title: x.title, description: x.description }]),
    ) as TemplateTexts,
  }));
}

export function getTemplate(db: DbOrTx, id: number): TemplateRecord {
  const template = loadTemplates(db, { ids: [id] })[0];
  if (!template) throw notFound();
  return template;
}

/** A template as the form's values (strings, as a plain form post sends them). */
export function templateFormValues(template: TemplateRecord): Record<string, string | string[]> {
  const pad = (n: number) => String(n).padStart(2, "0");
  const values: Record<string, string | string[]> = {
    categoryId: String(template.categoryId),
    leadDays: String(template.leadDays),
    startTime: `${pad(Math.floor(template.startMinute / 60))}:${pad(template.startMinute % 60)}`,
    durationMinutes: String(template.durationMinutes),
    perPerson: template.perPerson ? "on" : "",
    ageGroups: [...template.ageGroups],
    requiresCertificate: template.requiresCertificate ? "on" : "",
    usesHouseholdLanguages: template.usesHouseholdLanguages ? "on" : "",
    languages: [...template.languages],
    defaultSelected: template.defaultSelected ? "on" : "",
    active: template.active ? "on" : "",
    sortOrder: String(template.sortOrder),
  };
  for (const locale of UI_LOCALE) {
    values[textField("title", locale)] = template.texts[locale]?.title ?? "";
    values[textField("description", locale)] = template.texts[locale]?.description ?? "";
  }
  return values;
}

function writeChildren(tx: DbOrTx, templateId: number, input: TemplateInput): void {
  tx.delete(firstStepTemplateTexts).where(eq(firstStepTemplateTexts.templateId, templateId)).run();
  tx.delete(firstStepTemplateAgeGroups).where(eq(firstStepTemplateAgeGroups.templateId, templateId)).run();
  tx.delete(firstStepTemplateLanguages).where(eq(firstStepTemplateLanguages.templateId, templateId)).run();
  const texts = Object.entries(input.texts).map(([locale, text]) => ({
    templateId,
    locale: locale as UiLocale,
    title: text.title,
    description: text.description,
  }));
  if (texts.length > 0) tx.insert(firstStepTemplateTexts).values(texts).run();
  if (input.ageGroups.length > 0)
    tx.insert(firstStepTemplateAgeGroups)
      .values(input.ageGroups.map((ageGroup) => ({ templateId, ageGroup })))
      .run();
  if (input.languages.length > 0)
    tx.insert(firstStepTemplateLanguages)
      .values(input.languages.map((language) => ({ templateId, language })))
      .run();
}

/** The audited facts of a template: its rules and which languages it has texts in. */
function auditFacts(input: TemplateInput): Record<string, unknown> {
  return {
    categoryId: input.categoryId,
    leadDays: input.leadDays,
    startMinute: input.startMinute,
    durationMinutes: input.durationMinutes,
    perPerson: input.perPerson,
    ageGroups: input.ageGroups,
    requiresCertificate: input.requiresCertificate,
    usesHouseholdLanguages: input.usesHouseholdLanguages,
    languages: input.languages,
    defaultSelected: input.defaultSelected,
    active: input.active,
    sortOrder: input.sortOrder,
    texts: Object.keys(input.texts).sort(),
  };
}

/** `currentId`: the category an edited template already has, which it keeps when no longer offered. */
function categoryError(db: DbOrTx, categoryId: number, currentId: number | null = null): FieldErrors {
  return categoryAllowed(db, categoryId, currentId) ? {} : { categoryId: "arrivals:errors.category" };
}

function columnsOf(input: TemplateInput) {
  return {
    categoryId: input.categoryId,
    leadDays: input.leadDays,
    startMinute: input.startMinute,
    durationMinutes: input.durationMinutes,
    perPerson: input.perPerson,
    requiresCertificate: input.requiresCertificate,
    usesHouseholdLanguages: input.usesHouseholdLanguages,
    defaultSelected: input.defaultSelected,
    active: input.active,
    sortOrder: input.sortOrder,
  };
}

export type TemplateResult = { ok: true; value: { id: number } } | { ok: false; errors: FieldErrors };

export function createTemplate(db: Db, actorId: string, input: TemplateInput): TemplateResult {
  const errors = categoryError(db, input.categoryId);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  const id = db.transaction((tx) => {
    const row = tx
      .insert(firstStepTemplates)
      .values(columnsOf(input))
      .returning({ id: firstStepTemplates.id })
      .get();
    writeChildren(tx, row.id, input);
    recordAudit(tx, {
      actorId,
      action: "first_step_template.created",
      entityType: "first_step_template",
      entityId: row.id,
      neighbourhoodId: null,
      details: auditFacts(input),
    });
    return row.id;
  });
  return { ok: true, value: { id } };
}

/** Changes a template. Steps already planned keep their dates; new arrivals use the new rules. */
export function updateTemplate(db: Db, actorId: string, id: number, input: TemplateInput): TemplateResult {
  const before = getTemplate(db, id);
  const errors = categoryError(db, input.categoryId, before.categoryId);
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  db.transaction((tx) => {
    tx.update(firstStepTemplates).set(columnsOf(input)).where(eq(firstStepTemplates.id, id)).run();
    writeChildren(tx, id, input);
    const was: Record<string, unknown> = auditFacts({
      ...before,
      ageGroups: [...before.ageGroups],
      languages: [...before.languages],
    });
    const changed: Record<string, { from: unknown; to: unknown }> = {};
    for (const [key, value] of Object.entries(auditFacts(input))) {
      if (JSON.stringify(was[key]) !== JSON.stringify(value)) changed[key] = { from: was[key], to: value };
    }
    recordAudit(tx, {
      actorId,
      action: "first_step_template.updated",
      entityType: "first_step_template",
      entityId: id,
      neighbourhoodId: null,
      details: { changed },
    });
  });
  return { ok: true, value: { id } };
}

/**
 * Installs the default first steps of an NRW town (DEFAULT_TEMPLATES) that the installation does not
 * have yet (by German title), in one transaction. Steps whose category the installation lacks are left
 * out and reported. `actorId` null: the seed.
 */
export function installDefaultTemplates(
  db: Db,
  actorId: string | null,
): { installed: number; present: number; missingCategories: string[] } {
  return db.transaction(
    (tx) => {
      const existing = new Set(
        tx
          .select({ title: firstStepTemplateTexts.title })
          .from(firstStepTemplateTexts)
          .where(eq(firstStepTemplateTexts.locale, "de"))
          .all()
          .map((r) => r.title),
      );
      const categoryIds = new Map(
        tx
          .select({ id: categories.id, slug: categories.slug })
          .from(categories)
          .where(eq(categories.active, true))
          .all()
          .map((c) => [c.slug, c.id]),
      );
      const maxOrder =
        tx
          .select({ n: sql<number>`coalesce(max(${firstStepTemplates.sortOrder}), 0)` })
          .from(firstStepTemplates)
          .get()?.n ?? 0;
      let installed = 0;
      let present = 0;
      const missingCategories = new Set<string>();
      DEFAULT_TEMPLATES.forEach((d, i) => {
        if (existing.has(d.texts.de.title)) {
          present += 1;
          return;
        }
        const categoryId = categoryIds.get(d.categorySlug);
        if (categoryId === undefined) {
          missingCategories.add(d.categorySlug);
          return;
        }
        const input: TemplateInput = {
          categoryId,
          leadDays: d.leadDays,
          startMinute: d.startMinute,
          durationMinutes: d.durationMinutes,
          perPerson: d.perPerson,
          ageGroups: d.ageGroups,
          requiresCertificate: d.requiresCertificate,
          usesHouseholdLanguages: d.usesHouseholdLanguages,
          languages: d.languages,
          defaultSelected: d.defaultSelected,
          active: true,
          sortOrder: maxOrder + (i + 1) * 10,
          texts: d.texts,
        };
        const row = tx
          .insert(firstStepTemplates)
          .values(columnsOf(input))
          .returning({ id: firstStepTemplates.id })
          .get();
        writeChildren(tx, row.id, input);
        recordAudit(tx, {
          actorId,
          action: "first_step_template.created",
          entityType: "first_step_template",
          entityId: row.id,
          neighbourhoodId: null,
          details: { ...auditFacts(input), source: "defaults" },
        });
        installed += 1;
      });
      return { installed, present, missingCategories: [...missingCategories].sort() };
    },
    { behavior: "immediate" },
  );
}

/** How many planned steps each template has (the list shows it: a used template is deactivated, not removed). */
export function templateUsage(db: DbOrTx): Map<number, number> {
  const rows = db.all<{ templateId: number; n: number }>(
    sql`select template_id as templateId, count(*) as n from arrival_steps group by template_id`,
  );
  return new Map(rows.map((r) => [r.templateId, r.n]));
}

export { DEFAULT_TEMPLATES };
