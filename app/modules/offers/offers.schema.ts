/**
 * The offer form (a volunteer's or an organisation's): one schema for the browser and the action.
 * Messages are i18n keys in the `offers` namespace.
 */
import { z } from "zod";
import { LANGUAGE, OFFER_STATUS } from "@db/schema/enums";
import { gridToWindows } from "~/modules/volunteers/availability";
import {
  availabilityGrid,
  decimal,
  idString,
  isoDateString,
  listOf,
  wholeNumber,
} from "~/modules/volunteers/form-fields";

export const OFFER_TITLE_MAX = 120;
export const OFFER_DESCRIPTION_MAX = 2000;

export const OfferSchema = z
  .object({
    categoryId: z
      .string({ required_error: "offers:errors.categoryRequired" })
      .min(1, "offers:errors.categoryRequired")
      .pipe(idString("offers:errors.categoryUnknown")),
    title: z
      .string({ required_error: "offers:errors.titleRequired" })
      .trim()
      .min(1, "offers:errors.titleRequired")
      .max(OFFER_TITLE_MAX, "offers:errors.titleTooLong"),
    description: z.string().trim().max(OFFER_DESCRIPTION_MAX, "offers:errors.descriptionTooLong").default(""),
    languages: listOf(
      z.enum(LANGUAGE, { message: "offers:errors.languageUnknown" }),
      LANGUAGE.length,
      "offers:errors.languageUnknown",
    ).refine((list) => list.length > 0, "offers:errors.languageRequired"),
    neighbourhoodIds: listOf(
      idString("offers:errors.neighbourhoodUnknown"),
      100,
      "offers:errors.neighbourhoodUnknown",
    ).refine((list) => list.length > 0, "offers:errors.neighbourhoodRequired"),
    availability: availabilityGrid("offers:errors.availabilityInvalid").refine(
      (cells) => cells.length > 0,
      "offers:errors.availabilityRequired",
    ),
    capacity: wholeNumber({
      min: 1,
      max: 100,
      required: "offers:errors.capacityRequired",
      invalid: "offers:errors.capacityInvalid",
      range: "offers:errors.capacityRange",
    }),
    radiusKm: decimal({
      min: 0,
      max: 100,
      required: "offers:errors.radiusRequired",
      invalid: "offers:errors.radiusInvalid",
      range: "offers:errors.radiusRange",
    }),
    validUntil: z.union([z.literal(""), isoDateString("offers:errors.validUntilInvalid")]).default(""),
  })
  .transform((o) => ({
    categoryId: o.categoryId,
    title: o.title,
    description: o.description,
    languages: [...new Set(o.languages)],
    neighbourhoodIds: [...new Set(o.neighbourhoodIds)],
    availability: gridToWindows(o.availability),
    capacity: o.capacity,
    radiusKm: o.radiusKm,
    validUntil: o.validUntil === "" ? null : o.validUntil,
  }));

export type OfferInput = z.output<typeof OfferSchema>;

/** The status buttons on an offer's page. */
export const OFFER_STATUS_INTENTS = ["pause", "resume", "end"] as const;
export type OfferStatusIntent = (typeof OFFER_STATUS_INTENTS)[number];

/** The list filter in the URL: one status, or all. */
export const OFFER_LIST_FILTER = ["all", ...OFFER_STATUS] as const;
export type OfferListFilter = (typeof OFFER_LIST_FILTER)[number];

export function parseOfferListFilter(value: string | null): OfferListFilter {
  return (OFFER_LIST_FILTER as readonly string[]).includes(value ?? "") ? (value as OfferListFilter) : "all";
}
