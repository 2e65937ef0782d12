/**
 * One zod schema per form of the account area. Used by react-hook-form in the browser and by the
 * actions on the server. Messages are i18n keys of the `auth` namespace.
 */
import { z } from "zod";
import { ORGANISATION_KIND, UI_LOCALE } from "@db/schema/enums";
import { isCommonPassword } from "./common-passwords";

export const PASSWORD_MIN_LENGTH = 10;
/** Long enough for any passphrase; bounds the work argon2 does for one request. */
export const PASSWORD_MAX_LENGTH = 200;

export const EmailSchema = z
  .string({ required_error: "auth:errors.emailRequired" })
  .trim()
  .toLowerCase()
  .min(1, "auth:errors.emailRequired")
  .max(254, "auth:errors.emailInvalid")
  .email("auth:errors.emailInvalid");

export const NewPasswordSchema = z
  .string({ required_error: "auth:errors.passwordTooShort" })
  .min(PASSWORD_MIN_LENGTH, "auth:errors.passwordTooShort")
  .max(PASSWORD_MAX_LENGTH, "auth:errors.passwordTooLong")
  .refine((value) => !isCommonPassword(value), "auth:errors.passwordTooCommon");

export const DisplayNameSchema = z
  .string({ required_error: "auth:errors.nameRequired" })
  .trim()
  .min(1, "auth:errors.nameRequired")
  .max(80, "auth:errors.nameTooLong");

/** The i18n key of what is wrong with a new password beyond its own rules (the e-mail as password). */
export function passwordMatchesEmail(password: string, email: string | undefined): boolean {
  if (!email) return false;
  const p = password.trim().toLowerCase();
  const e = email.trim().toLowerCase();
  return p === e || p === e.split("@")[0];
}

const redirectTo = z.string().max(500).optional();

export const LoginSchema = z.object({
  email: EmailSchema,
  password: z
    .string({ required_error: "auth:errors.passwordRequired" })
    .min(1, "auth:errors.passwordRequired")
    .max(PASSWORD_MAX_LENGTH, "auth:errors.passwordTooLong"),
  redirectTo,
});

export const RegisterVolunteerSchema = z
  .object({ displayName: DisplayNameSchema, email: EmailSchema, password: NewPasswordSchema })
  .refine((v) => !passwordMatchesEmail(v.password, v.email), {
    path: ["password"],
    message: "auth:errors.passwordIsEmail",
  });

export const RegisterOrganisationSchema = z
  .object({
    organisationName: z
      .string()
      .trim()
      .min(2, "auth:errors.organisationNameRequired")
      .max(120, "auth:errors.organisationNameTooLong"),
    kind: z.enum(ORGANISATION_KIND, { errorMap: () => ({ message: "auth:errors.kindRequired" }) }),
    displayName: DisplayNameSchema,
    email: EmailSchema,
    password: NewPasswordSchema,
  })
  .refine((v) => !passwordMatchesEmail(v.password, v.email), {
    path: ["password"],
    message: "auth:errors.passwordIsEmail",
  });

export const ForgotPasswordSchema = z.object({ email: EmailSchema });

export const ResetPasswordSchema = z.object({
  token: z.string().min(1, "auth:errors.tokenInvalid").max(200, "auth:errors.tokenInvalid"),
  password: NewPasswordSchema,
});

export const ChangePasswordSchema = z
  .object({
    currentPassword: z
      .string()
      .min(1, "auth:errors.passwordRequired")
      .max(PASSWORD_MAX_LENGTH, "auth:errors.passwordTooLong"),
    newPassword: NewPasswordSchema,
  })
  .refine((v) => v.currentPassword !== v.newPassword, {
    path: ["newPassword"],
    message: "auth:errors.passwordUnchanged",
  });

export const ChangeEmailSchema = z.object({
  newEmail: EmailSchema,
  currentPassword: z
    .string()
    .min(1, "auth:errors.passwordRequired")
    .max(PASSWORD_MAX_LENGTH, "auth:errors.passwordTooLong"),
});

export const ProfileSchema = z.object({
  displayName: DisplayNameSchema,
  locale: z.enum(UI_LOCALE, { errorMap: () => ({ message: "auth:errors.localeInvalid" }) }),
});

export const INVITABLE_ROLES = ["coordinator", "admin"] as const;

const toIdArray = (value: unknown) =>
  value === undefined || value === "" || value === false ? [] : Array.isArray(value) ? value : [value];

export const InviteSchema = z.object({
  email: EmailSchema,
  role: z.enum(INVITABLE_ROLES, { errorMap: () => ({ message: "auth:errors.roleInvalid" }) }),
  /** A coordinator's neighbourhoods from the start; ignored for an admin (who sees everything). */
  neighbourhoodIds: z.preprocess(
    toIdArray,
    z
      .array(z.coerce.number().int().positive("auth:errors.neighbourhoodInvalid"))
      .max(500, "auth:errors.neighbourhoodInvalid"),
  ),
});

export const OrganisationInviteSchema = z.object({ email: EmailSchema });

export const AcceptInviteSchema = z.object({
  token: z.string().min(1, "auth:errors.tokenInvalid").max(200, "auth:errors.tokenInvalid"),
  displayName: DisplayNameSchema,
  password: NewPasswordSchema,
});

const toArray = (value: unknown) =>
  value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];

export const SetRoleSchema = z.object({
  role: z.enum(["volunteer", "org_member", "coordinator", "admin"], {
    errorMap: () => ({ message: "auth:errors.roleInvalid" }),
  }),
});

export const SetNeighbourhoodsSchema = z.object({
  neighbourhoodIds: z.preprocess(
    toArray,
    z.array(z.coerce.number().int().positive("auth:errors.neighbourhoodInvalid")).max(500),
  ),
});

/** The first administrator of a fresh installation, through the one-time link `npm start` prints. */
export const FirstAdministratorSchema = z
  .object({
    token: z.string().min(1, "auth:errors.tokenInvalid").max(200, "auth:errors.tokenInvalid"),
    displayName: DisplayNameSchema,
    email: EmailSchema,
    password: NewPasswordSchema,
  })
  .refine((v) => !passwordMatchesEmail(v.password, v.email), {
    path: ["password"],
    message: "auth:errors.passwordIsEmail",
  });
