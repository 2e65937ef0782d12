/**
 * Rules a text field's schema and its table's CHECK share. What counts as an empty text, said once: a text field's schema trims
 * these characters with `trimBlank`, and the table's CHECK trims the same ones with `sqlTrimBlank`, so
 * a value the form accepts is never refused by the database (a 500) and the other way round. SQLite's
 * `trim(x)` alone strips only spaces; JavaScript's `trim()` strips more but keeps zero-width characters,
 * which show nothing either. Pure: safe in the browser.
 */

/** JavaScript's whitespace (what `String.prototype.trim` strips) and the invisible zero-width characters. */
export const BLANK_CODE_POINTS: readonly number[] = [
  0x09, 0x0a, 0x0b, 0x0c, 0x0d, 0x20, 0xa0, 0x1680, 0x180e, 0x2000, 0x2001, 0x2002, 0x2003, 0x2004, 0x2005,
  0x2006, 0x2007, 0x2008, 0x2009, 0x200a, 0x200b, 0x200c, 0x200d, 0x2028, 0x2029, 0x202f, 0x205f, 0x2060,
  0x3000, 0xfeff,
];

const BLANK = new Set(BLANK_CODE_POINTS);

/** The text without blank characters at either end (the whole text when none). */
export function trimBlank(value: string): string {
  let start = 0;
  let end = value.length;
  // Every blank character is in the Basic Multilingual Plane: one UTF-16 unit each.
  while (start < end && BLANK.has(value.charCodeAt(start))) start++;
  while (end > start && BLANK.has(value.charCodeAt(end - 1))) end--;
  return start === 0 && end === value.length ? value : value.slice(start, end);
}

/**
 * A text as a form stores it: without NUL characters (nobody types them; SQLite's `length()` stops at the
 * first one, so the database would count such a text as empty) and trimmed like `trimBlank`.
 */
export function cleanText(value: string): string {
  return trimBlank(value.replaceAll("\u0000", ""));
}

/**
 * The CHECK that matches `cleanText(value).length` between 1 and `max`: no NUL, and 1 to `max` characters
 * after trimming the blank characters. (JavaScript counts UTF-16 units, SQLite characters, so a text the
 * form accepts is never longer here.)
 */
export function sqlCleanTextWithin(column: string, max: number): string {
  if (!/^[a-z_]+$/.test(column)) throw new Error(`not a column name: ${column}`);
  const trimmed = `trim(${column}, char(${BLANK_CODE_POINTS.join(", ")}))`;
  return `instr(${column}, char(0)) = 0 and length(${trimmed}) between 1 and ${max}`;
}

/** Characters of a message to a shift's helpers, after trimming (the form's maximum and the CHECK's). */
export const SHIFT_MESSAGE_MAX = 1000;
