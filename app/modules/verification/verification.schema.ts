import { z } from "zod";
import { zonedIsoDate } from "~/utils/time";

/** A certificate of conduct is issued for a few years; a date further out than this is a typo. */
export const CERTIFICATE_MAX_YEARS = 10;

function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/**
 * Recording a checked extended certificate of conduct: the last day it is valid is required and lies in
 * the future (after today in Europe/Berlin: recording one that ends today qualifies nobody for anything
 * ahead). Messages are i18n keys.
 */
export function certificateSchema(now: number = Date.now()) {
  const today = zonedIsoDate(now);
  const latest = `${Number(today.slice(0, 4)) + CERTIFICATE_MAX_YEARS}${today.slice(4)}`;
  return z.object({
    intent: z.literal("verify"),
    validUntil: z
      .string({ required_error: "coordination:errors.validUntilRequired" })
      .trim()
      .min(1, "coordination:errors.validUntilRequired")
      .refine(isIsoDate, "coordination:errors.validUntilDate")
      .refine((v) => !isIsoDate(v) || v > today, "coordination:errors.validUntilPast")
      .refine((v) => !isIsoDate(v) || v <= latest, "coordination:errors.validUntilTooFar"),
  });
}

export const CertificateSchema = certificateSchema();

export const RevokeSchema = z.object({
  intent: z.literal("revoke"),
  reason: z.string().trim().max(300, "coordination:errors.reasonTooLong").optional().default(""),
});
