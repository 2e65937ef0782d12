import { z } from "zod";
import { PASSWORD_MAX_LENGTH } from "~/modules/auth/auth.schema";

/** The account deletion form: the password proves it is the person, not someone at their open laptop. */
export const DeleteAccountSchema = z.object({
  password: z
    .string({
      required_error: "privacy:delete.errors.passwordRequired",
      invalid_type_error: "privacy:delete.errors.passwordRequired",
    })
    .min(1, "privacy:delete.errors.passwordRequired")
    .max(PASSWORD_MAX_LENGTH, "privacy:delete.errors.passwordTooLong"),
});
export type DeleteAccountInput = z.infer<typeof DeleteAccountSchema>;
