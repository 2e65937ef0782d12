/**
 * The volunteer profile form: one schema for react-hook-form in the browser and the action on the
 * server. Language rows are nested (`languages.0.language`); a row whose language is left empty is
 * no row. Messages are i18n keys in the `volunteer` namespace.
 */
import { z } from "zod";
import { LANGUAGE, LANGUAGE_LEVEL } from "@db/schema/enums";
import { gridToWindows } from "./availability";
import { availabilityGrid, decimal, idString, listOf } from "./form-fields";

export const MAX_LANGUAGE_ROWS = 12;
export const MAX_SKILLS = 20;
export const MAX_SKILL_LENGTH = 80;
export const MAX_BIO_LENGTH = 2000;

const LanguageRowSchema = z
  .object({
    language: z
      .union([z.literal(""), z.enum(LANGUAGE, { message: "volunteer:errors.languageUnknown" })])
      .default(""),
    level: z
      .union([z.literal(""), z.enum(LANGUAGE_LEVEL, { message: "volunteer:errors.levelUnknown" })])
      .default(""),
  })
  .superRefine((row, ctx) => {
    if (row.language !== "" && row.level === "") {
      ctx.addIssue({ code: "custom", path: ["level"], message: "volunteer:errors.levelRequired" });
    }
  });

export const VolunteerProfileSchema = z
  .object({
    // Holes are rows removed in the browser; undefined rows and empty languages are skipped.
    languages: z
      .array(LanguageRowSchema.optional())
      .max(MAX_LANGUAGE_ROWS + 4, "volunteer:errors.tooManyLanguages")
      .default([]),
    skills: z
      .string()
      .max(MAX_SKILLS * (MAX_SKILL_LENGTH + 2), "volunteer:errors.skillsTooLong")
      .default("")
      .transform((text) => [
        ...new Set(
          text
            .split(/\r?\n/)
            .map((s) => s.trim())
            .filter(Boolean),
        ),
      ])
      .refine((skills) => skills.length <= MAX_SKILLS, "volunteer:errors.tooManySkills")
      .refine((skills) => skills.every((s) => s.length <= MAX_SKILL_LENGTH), "volunteer:errors.skillTooLong"),
    homeNeighbourhoodId: z
      .union([z.literal(""), idString("volunteer:errors.neighbourhoodUnknown")])
      .default(""),
    radiusKm: decimal({
      min: 0,
      max: 100,
      required: "volunteer:errors.radiusRequired",
      invalid: "volunteer:errors.radiusInvalid",
      range: "volunteer:errors.radiusRange",
    }),
    neighbourhoodIds: listOf(
      idString("volunteer:errors.neighbourhoodUnknown"),
      100,
      "volunteer:errors.neighbourhoodUnknown",
    ),
    availability: availabilityGrid("volunteer:errors.availabilityInvalid"),
    hoursCapPerWeek: decimal({
      min: 0,
      max: 80,
      exclusiveMin: true,
      required: "volunteer:errors.hoursCapRequired",
      invalid: "volunteer:errors.hoursCapInvalid",
      range: "volunteer:errors.hoursCapRange",
    }),
    bio: z.string().trim().max(MAX_BIO_LENGTH, "volunteer:errors.bioTooLong").default(""),
  })
  .superRefine((profile, ctx) => {
    const seen = new Set<string>();
    let count = 0;
    profile.languages.forEach((row, index) => {
      if (!row || row.language === "") return;
      count += 1;
      if (seen.has(row.language)) {
        ctx.addIssue({
          code: "custom",
          path: ["languages", index, "language"],
          message: "volunteer:errors.languageTwice",
        });
      }
      seen.add(row.language);
    });
    if (count === 0)
      ctx.addIssue({ code: "custom", path: ["languages"], message: "volunteer:errors.languageRequired" });
    if (count > MAX_LANGUAGE_ROWS)
      ctx.addIssue({ code: "custom", path: ["languages"], message: "volunteer:errors.tooManyLanguages" });
    if (profile.homeNeighbourhoodId === "" && profile.neighbourhoodIds.length === 0) {
      ctx.addIssue({
        code: "custom",
        path: ["homeNeighbourhoodId"],
        message: "volunteer:errors.whereRequired",
      });
    }
  })
  .transform((p) => ({
    languages: p.languages.flatMap((row) =>
      row && row.language !== "" && row.level !== "" ? [{ language: row.language, level: row.level }] : [],
    ),
    skills: p.skills,
    homeNeighbourhoodId: p.homeNeighbourhoodId === "" ? null : p.homeNeighbourhoodId,
    radiusKm: p.radiusKm,
    neighbourhoodIds: [...new Set(p.neighbourhoodIds)],
    availability: gridToWindows(p.availability),
    hoursCapPerWeek: p.hoursCapPerWeek,
    bio: p.bio,
  }));

export type VolunteerProfileInput = z.output<typeof VolunteerProfileSchema>;
