import { describe, expect, it } from "vitest";
import { z } from "zod";
import { NeedFormSchema, DESCRIPTION_MAX } from "~/modules/needs/need.schema";
import {
  DEFAULT_LIST_MAX,
  DEFAULT_TEXT_MAX,
  lengthIssues,
  parseWithinLimits,
  TOO_LONG_MESSAGE,
  withFieldShape,
} from "./field-limits";

describe("field limits", () => {
  it("refuses a value over its max before any check or refinement of the schema runs", () => {
    let patternRuns = 0;
    const Schema = z.object({
      website: z
        .string()
        .max(300, "x:tooLong")
        .refine((v) => {
          patternRuns += 1;
          return v.startsWith("http");
        }, "x:website"),
    });
    expect(parseWithinLimits(Schema, { website: "h".repeat(301) })).toEqual({
      success: false,
      issues: [{ path: ["website"], message: "x:tooLong" }],
    });
    expect(patternRuns).toBe(0);
    // Without the limit check first, zod runs the refinement on the long value too.
    Schema.safeParse({ website: "h".repeat(301) });
    expect(patternRuns).toBe(1);
    expect(parseWithinLimits(Schema, { website: "https://a.de" })).toEqual({
      success: true,
      data: { website: "https://a.de" },
    });
  });

  it("gives text without a declared max the default limit, and lists theirs", () => {
    const Schema = z.object({ note: z.string().optional(), tags: z.array(z.string()) });
    expect(lengthIssues(Schema, { note: "a".repeat(DEFAULT_TEXT_MAX), tags: [] })).toEqual([]);
    expect(lengthIssues(Schema, { note: "a".repeat(DEFAULT_TEXT_MAX + 1), tags: [] })).toEqual([
      { path: ["note"], message: TOO_LONG_MESSAGE },
    ]);
    expect(lengthIssues(Schema, { tags: Array(DEFAULT_LIST_MAX + 1).fill("a") })).toEqual([
      { path: ["tags"], message: TOO_LONG_MESSAGE },
    ]);
    expect(lengthIssues(Schema, { tags: ["ok", "b".repeat(DEFAULT_TEXT_MAX + 1)] })).toEqual([
      { path: ["tags", 1], message: TOO_LONG_MESSAGE },
    ]);
  });

  it("sees through optional, default, preprocess, pipe and unions", () => {
    const Schema = z.object({
      a: z.union([z.literal(""), z.string().max(5, "a:long")]).default(""),
      b: z.preprocess(
        (v) => (Array.isArray(v) ? v : [v]),
        z.array(z.string().max(3, "b:long")).max(2, "b:many"),
      ),
      c: z.string().max(4, "c:long").pipe(z.string().regex(/^x+$/)),
    });
    expect(lengthIssues(Schema, { a: "", b: "abc", c: "xxxx" })).toEqual([]);
    expect(lengthIssues(Schema, { a: "123456", b: "abcd", c: "xxxxx" })).toEqual([
      { path: ["a"], message: "a:long" },
      { path: ["b"], message: "b:long" },
      { path: ["c"], message: "c:long" },
    ]);
    expect(lengthIssues(Schema, { b: ["a", "b", "c"] })).toEqual([{ path: ["b"], message: "b:many" }]);
  });

  it("ignores keys the schema drops, and applies the default to values no schema describes", () => {
    expect(lengthIssues(z.object({}), { intent: "x".repeat(100_000) })).toEqual([]);
    expect(
      lengthIssues(z.object({}).passthrough(), { intent: "x".repeat(DEFAULT_TEXT_MAX + 1) }),
    ).toHaveLength(1);
    expect(lengthIssues(z.custom<unknown>(), { deep: ["x".repeat(DEFAULT_TEXT_MAX + 1)] })).toEqual([
      { path: ["deep", 0], message: TOO_LONG_MESSAGE },
    ]);
  });

  it("uses the field shape a whole-form schema names (the need form)", () => {
    let runs = 0;
    const Fields = z.object({ title: z.string().max(10, "t:long") });
    const Form = withFieldShape(
      z.custom<unknown>().superRefine(() => {
        runs += 1;
      }),
      Fields,
    );
    expect(parseWithinLimits(Form, { title: "a".repeat(11) })).toMatchObject({ success: false });
    expect(runs).toBe(0);
    const need = parseWithinLimits(NeedFormSchema, { description: "a".repeat(DESCRIPTION_MAX + 1) });
    expect(need).toEqual({
      success: false,
      issues: [{ path: ["description"], message: "needs:errors.descriptionTooLong" }],
    });
  });
});
