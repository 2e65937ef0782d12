import { z } from "zod";

/** Verifying or revoking an organisation (from the queue or its page). Messages are i18n keys. */
export const OrganisationDecisionSchema = z.object({
  organisationId: z
    .string({ required_error: "coordination:errors.organisation" })
    .regex(/^[1-9][0-9]{0,9}$/, "coordination:errors.organisation")
    .transform(Number),
  intent: z
    .enum(["verify", "revoke"], { errorMap: () => ({ message: "coordination:errors.intent" }) })
    .default("verify"),
  reason: z.string().trim().max(300, "coordination:errors.reasonTooLong").optional().default(""),
});

export type OrganisationDecision = z.output<typeof OrganisationDecisionSchema>;
