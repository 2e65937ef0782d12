/**
 * zod building blocks for the volunteer and offer forms: the same in the browser (react-hook-form
 * gives strings, arrays, sometimes booleans) and on the server (FormData gives strings, or one string
 * where several boxes share a name). Messages are i18n keys. Pure.
 */
import { z } from "zod";
import { GRID_KEY_PATTERN } from "./availability";

/** A checkbox group: nothing ticked, one ticked or many ticked → always an array of checked items. */
export function listOf<T extends z.ZodTypeAny>(item: T, max: number, tooMany: string) {
  return z
    .union([z.string(), z.array(z.string()), z.boolean()])
    .optional()
    .transform((v) => (v === undefined || typeof v === "boolean" ? [] : Array.isArray(v) ? v : [v]))
    .pipe(z.array(item).max(max, tooMany));
}

// The parsers below report problems from inside one transform instead of chaining regex → transform
// → refine: zod skips a transform (and with it every check of the whole form, such as "at least one
// language") once a field before it failed, so people would see their mistakes in two rounds.

/** A positive database id sent as text. */
export function idString(message: string) {
  return z.string().transform((raw, ctx) => {
    if (!/^[1-9][0-9]{0,9}$/.test(raw)) ctx.addIssue({ code: "custom", message });
    return Number(raw);
  });
}

function typedNumber(
  pattern: RegExp,
  opts: {
    min: number;
    max: number;
    required: string;
    invalid: string;
    range: string;
    exclusiveMin?: boolean;
  },
) {
  return z.string({ required_error: opts.required }).transform((raw, ctx) => {
    const text = raw.trim();
    if (text === "") {
      ctx.addIssue({ code: "custom", message: opts.required });
      return NaN;
    }
    if (!pattern.test(text)) {
      ctx.addIssue({ code: "custom", message: opts.invalid });
      return NaN;
    }
    const n = Number(text.replace(",", "."));
    if (!((opts.exclusiveMin ? n > opts.min : n >= opts.min) && n <= opts.max))
      ctx.addIssue({ code: "custom", message: opts.range });
    return n;
  });
}

/** A number typed by a person: "2,5" and "2.5" both work. */
export function decimal(opts: {
  min: number;
  max: number;
  required: string;
  invalid: string;
  range: string;
  exclusiveMin?: boolean;
}) {
  return typedNumber(/^[0-9]{1,4}([.,][0-9]{1,2})?$/, opts);
}

/** A whole number typed by a person. */
export function wholeNumber(opts: {
  min: number;
  max: number;
  required: string;
  invalid: string;
  range: string;
}) {
  return typedNumber(/^[0-9]{1,6}$/, opts);
}

/** A calendar date from <input type="date"> (YYYY-MM-DD) that really exists. */
export function isoDateString(message: string) {
  return z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}$/, message)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
    }, message);
}

/** The availability grid's ticked cells ("0-morning", …). */
export function availabilityGrid(message: string) {
  return listOf(z.string().regex(GRID_KEY_PATTERN, message), 21, message);
}
