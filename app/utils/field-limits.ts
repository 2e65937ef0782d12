/**
 * Every submitted value is measured against its field's limit BEFORE the schema runs: zod runs all of a
 * string's checks even after `.max()` has failed, so a `.regex()` or a refinement would otherwise see a
 * 100 KB value and, if it backtracks, block the server for seconds (docs/decisions/025-request-limits.md).
 * The limit of a field is its schema's `.max()`; a text field that declares none gets DEFAULT_TEXT_MAX.
 * Pure: used by the form helpers on the server and by tests.
 */
import { z } from "zod";

/** Characters of a text field whose schema declares no maximum. */
export const DEFAULT_TEXT_MAX = 5000;
/** Values of a repeated field (checkbox group, multi-select) whose schema declares no maximum. */
export const DEFAULT_LIST_MAX = 500;
/** The message of a value over a limit that declares none of its own. */
export const TOO_LONG_MESSAGE = "common:errors.tooLong";

export interface LengthIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Schemas that validate a whole form in one custom step (so that field rules and cross-field rules are
 * reported together) hide their fields from the walk below; they name the object schema of their
 * fields here, and its limits apply.
 */
const FIELD_SHAPES = new WeakMap<z.ZodTypeAny, z.ZodTypeAny>();

export function withFieldShape<S extends z.ZodTypeAny>(schema: S, fields: z.ZodTypeAny): S {
  FIELD_SHAPES.set(schema, fields);
  return schema;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Any string anywhere in a value that no schema describes: only the default limit applies. */
function defaultIssues(value: unknown, path: (string | number)[], out: LengthIssue[]): void {
  if (typeof value === "string") {
    if (value.length > DEFAULT_TEXT_MAX) out.push({ path, message: TOO_LONG_MESSAGE });
  } else if (Array.isArray(value)) {
    if (value.length > DEFAULT_LIST_MAX) out.push({ path, message: TOO_LONG_MESSAGE });
    else value.forEach((item, i) => defaultIssues(item, [...path, i], out));
  } else if (isRecord(value)) {
    for (const [key, item] of Object.entries(value)) defaultIssues(item, [...path, key], out);
  }
}

/** The values a literal or an enum allows, as strings; undefined for other schemas. */
function choicesOf(schema: z.ZodTypeAny): string[] | undefined {
  if (schema instanceof z.ZodLiteral) return [String(schema._def.value)];
  if (schema instanceof z.ZodEnum) return (schema._def.values as string[]).map(String);
  if (schema instanceof z.ZodNativeEnum) return Object.values(schema._def.values as object).map(String);
  return undefined;
}

function walk(schema: z.ZodTypeAny, value: unknown, path: (string | number)[], out: LengthIssue[]): void {
  const shape = FIELD_SHAPES.get(schema);
  if (shape) return walk(shape, value, path, out);
  if (value === undefined || value === null) return;

  if (
    schema instanceof z.ZodOptional ||
    schema instanceof z.ZodNullable ||
    schema instanceof z.ZodDefault ||
    schema instanceof z.ZodCatch ||
    schema instanceof z.ZodReadonly
  ) {
    return walk(schema._def.innerType as z.ZodTypeAny, value, path, out);
  }
  if (schema instanceof z.ZodBranded) return walk(schema._def.type as z.ZodTypeAny, value, path, out);
  if (schema instanceof z.ZodEffects) return walk(schema._def.schema as z.ZodTypeAny, value, path, out);
  if (schema instanceof z.ZodPipeline) return walk(schema._def.in as z.ZodTypeAny, value, path, out);
  if (schema instanceof z.ZodLazy) return walk(schema._def.getter() as z.ZodTypeAny, value, path, out);

  if (schema instanceof z.ZodString) {
    if (typeof value !== "string") return defaultIssues(value, path, out);
    const max = schema._def.checks.find((c) => c.kind === "max" || c.kind === "length") as
      | { value: number; message?: string }
      | undefined;
    if (value.length > (max?.value ?? DEFAULT_TEXT_MAX)) {
      out.push({ path, message: max?.message ?? TOO_LONG_MESSAGE });
    }
    return;
  }
  if (schema instanceof z.ZodArray) {
    // A single value where a list is expected is how a form sends a one-item checkbox group.
    const items = Array.isArray(value) ? value : [value];
    const max = schema._def.maxLength as { value: number; message?: string } | null;
    if (items.length > (max?.value ?? DEFAULT_LIST_MAX)) {
      out.push({ path, message: max?.message ?? TOO_LONG_MESSAGE });
      return;
    }
    items.forEach((item, i) =>
      walk(schema.element as z.ZodTypeAny, item, Array.isArray(value) ? [...path, i] : path, out),
    );
    return;
  }
  if (schema instanceof z.ZodObject) {
    if (!isRecord(value)) return defaultIssues(value, path, out);
    const fields = schema.shape as Record<string, z.ZodTypeAny>;
    for (const [key, item] of Object.entries(value)) {
      const field = Object.hasOwn(fields, key) ? fields[key] : undefined;
      if (field) walk(field, item, [...path, key], out);
      // Keys the schema does not know are dropped unparsed (zod's default), unless it keeps them.
      else if (schema._def.unknownKeys !== "strip") defaultIssues(item, [...path, key], out);
    }
    return;
  }
  if (schema instanceof z.ZodUnion || schema instanceof z.ZodDiscriminatedUnion) {
    let last: LengthIssue[] = [];
    for (const option of schema._def.options as Iterable<z.ZodTypeAny>) {
      const found: LengthIssue[] = [];
      // A value longer than every choice of an option cannot be that option.
      const choices = choicesOf(option);
      if (choices && typeof value === "string") {
        if (choices.some((choice) => value.length <= choice.length)) return;
        continue;
      }
      walk(option, value, path, found);
      if (found.length === 0) return;
      last = found;
    }
    out.push(...(last.length > 0 ? last : [{ path, message: TOO_LONG_MESSAGE }]));
    return;
  }
  if (choicesOf(schema)) {
    // Compared, never matched against a pattern: only the default limit.
    if (typeof value === "string" && value.length > DEFAULT_TEXT_MAX)
      out.push({ path, message: TOO_LONG_MESSAGE });
    return;
  }
  // Numbers, booleans, dates, `z.custom()` without a declared shape, …: only the default limits.
  defaultIssues(value, path, out);
}

/** The values over their field's limit, one issue per field, in the shape of zod's issue paths. */
export function lengthIssues(schema: z.ZodTypeAny, value: unknown): LengthIssue[] {
  const out: LengthIssue[] = [];
  walk(schema, value, [], out);
  return out;
}

/**
 * `schema.safeParse(value)`, but a value over its limit is refused first and the schema does not run at
 * all. The one way in this app to run a schema on what a client sent.
 */
export function parseWithinLimits<S extends z.ZodTypeAny>(
  schema: S,
  value: unknown,
): { success: true; data: z.output<S> } | { success: false; issues: LengthIssue[] } {
  const tooLong = lengthIssues(schema, value);
  if (tooLong.length > 0) return { success: false, issues: tooLong };
  const parsed = schema.safeParse(value);
  if (parsed.success) return { success: true, data: parsed.data as z.output<S> };
  return { success: false, issues: parsed.error.issues.map((i) => ({ path: i.path, message: i.message })) };
}
