/**
 * The organisation profile form, shared by the browser (react-hook-form) and the action.
 * Messages are i18n keys in the `organisations` namespace. Pure: safe in the browser.
 */
import { z } from "zod";
import { ORGANISATION_KIND, UI_LOCALE } from "@db/schema/enums";

/**
 * An http(s) address with a host that has a dot (`https://sv-ueckendorf.de/kurse`), parsed by the URL
 * parser rather than matched by a pattern: a pattern of the same rule backtracked on long input.
 */
export function isWebAddress(value: string): boolean {
  if (/\s/.test(value)) return false;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  const labels = url.hostname.split(".");
  return labels.length >= 2 && labels.every((label) => label.length > 0) && labels.at(-1)!.length >= 2;
}

const optional = (schema: z.ZodTypeAny) => z.union([z.literal(""), schema]).default("");

export const OrganisationProfileSchema = z.object({
  name: z.string().trim().min(2, "organisations:errors.nameShort").max(120, "organisations:errors.tooLong"),
  kind: z.enum(ORGANISATION_KIND, { message: "organisations:errors.choose" }),
  description: z.string().trim().max(2000, "organisations:errors.tooLong").default(""),
  /** The language the description is written in. */
  originalLanguage: z.enum(UI_LOCALE, { message: "organisations:errors.choose" }).default("de"),
  website: optional(
    z
      .string()
      .trim()
      .max(300, "organisations:errors.tooLong")
      .refine(isWebAddress, "organisations:errors.website"),
  ),
  email: optional(
    z.string().trim().max(254, "organisations:errors.tooLong").email("organisations:errors.email"),
  ),
  phone: optional(
    z
      .string()
      .trim()
      .regex(/^\+?[0-9 ()/-]{5,30}$/, "organisations:errors.phone"),
  ),
  neighbourhoodIds: z
    .preprocess(
      (v) => (v === undefined || v === null || v === false || v === "" ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().regex(/^[1-9][0-9]{0,9}$/, "organisations:errors.choose")).max(100),
    )
    .default([]),
});

export type OrganisationProfileInput = z.input<typeof OrganisationProfileSchema>;
export type OrganisationProfileValues = z.output<typeof OrganisationProfileSchema>;

/** A checkbox: "on" from a form post, true from react-hook-form, absent = false. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/**
 * The description in the other UI languages; an empty one is no translation. `reviewed`: a person
 * ticked that the machine draft in this language is right.
 */
export const OrganisationTranslationsSchema = z.object({
  translations: z
    .record(
      z.enum(UI_LOCALE),
      z.object({
        // NUL is no text a person writes, and SQLite's length() stops at it: dropped, so that a
        // description is stored exactly when it is not empty.
        description: z
          .string()
          .max(2000, "organisations:errors.tooLong")
          .transform((v) => v.replaceAll("\u0000", "").trim())
          .default(""),
        reviewed: checkbox.optional(),
      }),
    )
    .default({}),
});

export type OrganisationTranslationsValues = z.output<typeof OrganisationTranslationsSchema>;

/** A place where the organisation works: its name and address, in one of the neighbourhoods. */
export const OrganisationPlaceSchema = z.object({
  name: z.string().trim().min(2, "organisations:errors.nameShort").max(120, "organisations:errors.tooLong"),
  street: z
    .string()
    .trim()
    .max(120, "organisations:errors.tooLong")
    .refine((v) => v.length >= 3 && /\p{L}/u.test(v), "organisations:places.errors.street"),
  postcode: z
    .string()
    .trim()
    .max(5, "organisations:places.errors.postcode")
    .regex(/^[0-9]{5}$/, "organisations:places.errors.postcode"),
  neighbourhoodId: z
    .string()
    .trim()
    .regex(/^[1-9][0-9]{0,9}$/, "organisations:errors.choose"),
});

export type OrganisationPlaceValues = z.output<typeof OrganisationPlaceSchema>;
