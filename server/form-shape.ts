/**
 * The shape of a submitted form, measured before anything parses it: how many fields, and how large the
 * largest one is. One pass over the bytes, whatever they hold (docs/decisions/025-request-limits.md).
 */

/** No form of the hub has more than a few hundred fields (the activity form with 40 shifts is the largest). */
export const MAX_FORM_FIELDS = 1000;
/** Bytes of one field's value (or name), decoded. The longest honest text (a description) is a few KB. */
export const MAX_FIELD_BYTES = 100 * 1024;

export type FormShapeVerdict = "ok" | "tooManyFields" | "fieldTooLarge";

export function judgeShape(fields: number, largestField: number): FormShapeVerdict {
  if (fields > MAX_FORM_FIELDS) return "tooManyFields";
  if (largestField > MAX_FIELD_BYTES) return "fieldTooLarge";
  return "ok";
}

const AMPERSAND = 0x26;
const EQUALS = 0x3d;
const PERCENT = 0x25;

function isHexDigit(byte: number | undefined): boolean {
  return (
    byte !== undefined &&
    ((byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x46) || (byte >= 0x61 && byte <= 0x66))
  );
}

/**
 * Fields and the largest field (name or value, in decoded bytes) of an `application/x-www-form-urlencoded`
 * body. `%XX` decodes to one byte; empty pieces between `&&` are not fields (URLSearchParams skips them).
 */
export function urlEncodedShape(body: Uint8Array): { fields: number; largestField: number } {
  let fields = 0;
  let largest = 0;
  let current = 0;
  let pieceLength = 0;
  for (let i = 0; i < body.length; i += 1) {
    const byte = body[i];
    if (byte === AMPERSAND) {
      if (pieceLength > 0) fields += 1;
      if (current > largest) largest = current;
      current = 0;
      pieceLength = 0;
      continue;
    }
    pieceLength += 1;
    if (byte === EQUALS) {
      if (current > largest) largest = current;
      current = 0;
      continue;
    }
    current += 1;
    // "%41" is one byte once decoded: count the percent sign, skip the two hex digits.
    if (byte === PERCENT && isHexDigit(body[i + 1]) && isHexDigit(body[i + 2])) i += 2;
  }
  if (pieceLength > 0) fields += 1;
  if (current > largest) largest = current;
  return { fields, largestField: largest };
}

/**
 * The same for a parsed multipart form: entries, and the largest name, text value or file. A file in
 * `fileField` (an upload route's file, held to that route's body limit instead) is left out of the largest.
 */
export function formDataShape(form: FormData, fileField?: string): { fields: number; largestField: number } {
  let fields = 0;
  let largest = 0;
  for (const [name, value] of form.entries()) {
    fields += 1;
    const exempt = name === fileField && typeof value !== "string";
    const size = Math.max(
      Buffer.byteLength(name),
      typeof value === "string" ? Buffer.byteLength(value) : exempt ? 0 : value.size,
    );
    if (size > largest) largest = size;
    // Past the limit the rest does not change the answer.
    if (fields > MAX_FORM_FIELDS) break;
  }
  return { fields, largestField: largest };
}
