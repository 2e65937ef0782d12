import { describe, expect, it } from "vitest";
import { DEFAULT_WEIGHTS, normaliseWeights, validateWeights } from "./weights";

describe("validateWeights", () => {
  it("accepts integers 0–100, also as the strings a form posts", () => {
    expect(validateWeights({ ...DEFAULT_WEIGHTS, language: "40" as unknown as number })).toEqual({
      ok: true,
      weights: { ...DEFAULT_WEIGHTS, language: 40 },
    });
  });

  it("names each bad field with a translatable message", () => {
    const result = validateWeights({
      language: 101,
      distance: -1,
      availability: 2.5,
      load: "x",
      experience: "",
    });
    expect(result).toEqual({
      ok: false,
      errors: {
        language: "weights.errors.range",
        distance: "weights.errors.range",
        availability: "weights.errors.integer",
        load: "weights.errors.integer",
        experience: "weights.errors.required",
        responsiveness: "weights.errors.required",
      },
    });
  });

  it("refuses all zeros: there would be nothing to score by", () => {
    const zeros = { language: 0, distance: 0, availability: 0, load: 0, experience: 0, responsiveness: 0 };
    expect(validateWeights(zeros)).toEqual({ ok: false, errors: { total: "weights.errors.allZero" } });
  });

  it("normalises to a sum of 1", () => {
    const normalised = normaliseWeights(DEFAULT_WEIGHTS);
    expect(Object.values(normalised).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    expect(normalised.language).toBeCloseTo(0.25, 12);
  });
});
