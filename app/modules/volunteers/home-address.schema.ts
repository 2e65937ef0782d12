/**
 * How exactly a volunteer's home is known for distances: the neighbourhood only, the postcode, or
 * street and postcode. One schema for the form and the action. Messages: `volunteer` namespace.
 */
import { z } from "zod";
import { HOME_PRECISION } from "@db/schema/enums";

export const MAX_STREET_LENGTH = 120;

export const HomeAddressSchema = z
  .object({
    homePrecision: z.enum(HOME_PRECISION, { message: "volunteer:errors.homePrecision" }),
    homeStreet: z.string().trim().max(MAX_STREET_LENGTH, "volunteer:errors.streetTooLong").default(""),
    homePostcode: z.string().trim().max(5, "volunteer:errors.postcodeInvalid").default(""),
  })
  .superRefine((v, ctx) => {
    if (v.homePrecision === "neighbourhood") return;
    if (!/^[0-9]{5}$/.test(v.homePostcode))
      ctx.addIssue({ code: "custom", path: ["homePostcode"], message: "volunteer:errors.postcodeInvalid" });
    if (v.homePrecision === "street" && (v.homeStreet.length < 3 || !/\p{L}/u.test(v.homeStreet)))
      ctx.addIssue({ code: "custom", path: ["homeStreet"], message: "volunteer:errors.streetRequired" });
  })
  .transform((v) => ({
    precision: v.homePrecision,
    street: v.homePrecision === "street" ? v.homeStreet : null,
    postcode: v.homePrecision === "neighbourhood" ? null : v.homePostcode,
  }));

export type HomeAddressInput = z.output<typeof HomeAddressSchema>;
