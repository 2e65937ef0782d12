import { describe, expect, it } from "vitest";
import { z } from "zod";
import { formDataToObject, formFailure, validateFormData } from "./form-validation";

function form(entries: [string, string][]): FormData {
  const data = new FormData();
  for (const [k, v] of entries) data.append(k, v);
  return data;
}

describe("form validation", () => {
  it("turns repeated names into arrays", () => {
    expect(
      formDataToObject(
        form([
          ["a", "1"],
          ["b", "x"],
          ["a", "2"],
        ]),
      ),
    ).toEqual({ a: ["1", "2"], b: "x" });
  });

  it("returns typed data, or the first error per field and the values without passwords", () => {
    const Schema = z.object({
      email: z.string().email("e:invalid"),
      password: z.string().min(10, "p:short").regex(/\d/, "p:digit"),
    });
    expect(
      validateFormData(
        form([
          ["email", "a@b.de"],
          ["password", "0123456789"],
        ]),
        Schema,
      ),
    ).toEqual({
      success: true,
      data: { email: "a@b.de", password: "0123456789" },
    });
    expect(
      validateFormData(
        form([
          ["email", "nope"],
          ["password", "short"],
          ["newPassword", "x"],
        ]),
        Schema,
      ),
    ).toEqual({
      success: false,
      errors: { email: "e:invalid", password: "p:short" },
      values: { email: "nope" },
    });
  });

  it("puts object-level problems under `form` and server verdicts in the same shape", () => {
    const Schema = z.object({ a: z.string() }).refine(() => false, "x:never");
    const result = validateFormData(form([["a", "1"]]), Schema);
    expect(result.success === false && result.errors).toEqual({ form: "x:never" });
    expect(
      formFailure(
        form([
          ["email", "a@b.de"],
          ["currentPassword", "geheim"],
        ]),
        { email: "auth:errors.emailTaken" },
      ),
    ).toEqual({
      errors: { email: "auth:errors.emailTaken" },
      values: { email: "a@b.de" },
    });
  });
});
