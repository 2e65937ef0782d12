import { WEIGHT_KEYS, type WeightKey, type Weights } from "./types";

/** The defaults of app_settings (db/schema/settings.ts). */
export const DEFAULT_WEIGHTS: Weights = {
  language: 25,
  distance: 20,
  availability: 20,
  load: 15,
  experience: 10,
  responsiveness: 10,
};

export const WEIGHT_MIN = 0;
export const WEIGHT_MAX = 100;

/** Error messages are i18n keys in the `matching` namespace, translated by the form field. */
export type WeightErrors = Partial<Record<WeightKey | "total", string>>;

export type WeightValidation = { ok: true; weights: Weights } | { ok: false; errors: WeightErrors };

/**
 * Checks admin input for the weights: each an integer 0–100, and their sum positive (otherwise
 * there is no score to normalise). Accepts numbers or numeric strings, as a form posts them. The
 * admin form's zod schema is built on this, so browser and server give the same verdict.
 */
export function validateWeights(input: Partial<Record<WeightKey, unknown>>): WeightValidation {
  const errors: WeightErrors = {};
  const weights = { ...DEFAULT_WEIGHTS };
  for (const key of WEIGHT_KEYS) {
    const raw = input[key];
    const value = typeof raw === "string" && raw.trim() !== "" ? Number(raw) : raw;
    if (value === undefined || value === null || value === "") {
      errors[key] = "weights.errors.required";
    } else if (typeof value !== "number" || !Number.isInteger(value)) {
      errors[key] = "weights.errors.integer";
    } else if (value < WEIGHT_MIN || value > WEIGHT_MAX) {
      errors[key] = "weights.errors.range";
    } else {
      weights[key] = value;
    }
  }
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  if (WEIGHT_KEYS.every((key) => weights[key] === 0)) {
    return { ok: false, errors: { total: "weights.errors.allZero" } };
  }
  return { ok: true, weights };
}

/** Weights scaled to sum 1, in WEIGHT_KEYS order. Assumes valid weights. */
export function normaliseWeights(weights: Weights): Record<WeightKey, number> {
  const total = WEIGHT_KEYS.reduce((sum, key) => sum + weights[key], 0);
  const result = {} as Record<WeightKey, number>;
  for (const key of WEIGHT_KEYS) result[key] = total > 0 ? weights[key] / total : 0;
  return result;
}
