import { z } from "zod";

/** A decimal number as people type it: 51.5111 or 51,5111, within a range. Pure: used by form and action. */
const decimal = (min: number, max: number, message: string) =>
  z
    .string({ required_error: "admin:neighbourhoods.errors.required" })
    .trim()
    .max(20, message)
    .min(1, "admin:neighbourhoods.errors.required")
    .regex(/^-?\d{1,3}([.,]\d{1,8})?$/, message)
    .transform((v) => Number(v.replace(",", ".")))
    .refine((n) => n >= min && n <= max, message);

const name = (max: number) =>
  z
    .string({ required_error: "admin:neighbourhoods.errors.required" })
    .trim()
    .max(max, "admin:neighbourhoods.errors.tooLong")
    .min(1, "admin:neighbourhoods.errors.required")
    .min(2, "admin:neighbourhoods.errors.nameShort");

/**
 * A neighbourhood as an admin adds or changes it: its name, the district and municipality it belongs
 * to, and its centre (for distances) with how far it reaches. The slug (the feed address) is made from
 * the name once and kept, so a renamed neighbourhood's calendar address stays the same.
 */
export const NeighbourhoodSchema = z.object({
  name: name(80),
  district: z
    .string()
    .trim()
    .max(80, "admin:neighbourhoods.errors.tooLong")
    .transform((v) => (v === "" ? null : v))
    .optional()
    .transform((v) => v ?? null),
  municipality: name(80),
  lat: decimal(-90, 90, "admin:neighbourhoods.errors.lat"),
  lon: decimal(-180, 180, "admin:neighbourhoods.errors.lon"),
  radiusKm: decimal(0.1, 50, "admin:neighbourhoods.errors.radius"),
});

export type NeighbourhoodInput = z.output<typeof NeighbourhoodSchema>;
