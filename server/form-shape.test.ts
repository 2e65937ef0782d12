import { describe, expect, it } from "vitest";
import { formDataShape, judgeShape, MAX_FIELD_BYTES, MAX_FORM_FIELDS, urlEncodedShape } from "./form-shape";

const shape = (body: string) => urlEncodedShape(Buffer.from(body));

describe("form shape", () => {
  it("counts the fields and the largest decoded name or value of a urlencoded body", () => {
    expect(shape("")).toEqual({ fields: 0, largestField: 0 });
    expect(shape("a=1&bb=22&&c")).toEqual({ fields: 3, largestField: 2 });
    expect(shape("name=%C3%A4%C3%B6")).toEqual({ fields: 1, largestField: 4 });
    expect(shape(`${"n".repeat(10)}=x`)).toEqual({ fields: 1, largestField: 10 });
    // Exactly what URLSearchParams makes of it.
    const body = "a=%41%42c&b=++&b=%&c=%4";
    const parsed = [...new URLSearchParams(body)];
    expect(shape(body).fields).toBe(parsed.length);
    expect(shape(body).largestField).toBe(Math.max(...parsed.flat().map((s) => Buffer.byteLength(s))));
  });

  it("measures 200,000 repeated names in one pass", () => {
    const body = "a=&".repeat(200_000);
    expect(shape(body)).toEqual({ fields: 200_000, largestField: 1 });
    expect(judgeShape(200_000, 1)).toBe("tooManyFields");
  });

  it("judges the limits", () => {
    expect(judgeShape(MAX_FORM_FIELDS, MAX_FIELD_BYTES)).toBe("ok");
    expect(judgeShape(MAX_FORM_FIELDS + 1, 1)).toBe("tooManyFields");
    expect(judgeShape(1, MAX_FIELD_BYTES + 1)).toBe("fieldTooLarge");
  });

  it("measures parsed multipart forms, files included", () => {
    const form = new FormData();
    form.append("title", "äb");
    form.append("file", new Blob(["x".repeat(50)]), "f.txt");
    expect(formDataShape(form)).toEqual({ fields: 2, largestField: 50 });
  });

  it("leaves an upload route's file out of the largest field, but not a text in that field", () => {
    const form = new FormData();
    form.append("intent", "preview");
    form.append("file", new Blob(["x".repeat(500)]), "vereine.csv");
    expect(formDataShape(form, "file")).toEqual({ fields: 2, largestField: 7 });
    const text = new FormData();
    text.append("file", "y".repeat(300));
    expect(formDataShape(text, "file")).toEqual({ fields: 1, largestField: 300 });
  });
});
