import { z } from "zod";

/** A ticked checkbox posts "on"; an unticked one posts nothing. */
const checkbox = z.preprocess((v) => v === true || v === "on" || v === "true", z.boolean());

/**
 * A category of help as an admin adds or changes it: its name, and whether forms and filters offer it.
 * The slug (the feed address, the key of its translations) is made from the name once and kept. Pure:
 * used by form and action.
 */
export const CategorySchema = z.object({
  name: z
    .string({ required_error: "admin:categories.errors.required" })
    .trim()
    .max(60, "admin:categories.errors.tooLong")
    .min(1, "admin:categories.errors.required")
    .min(2, "admin:categories.errors.nameShort"),
  active: checkbox,
});

export type CategoryInput = z.output<typeof CategorySchema>;
