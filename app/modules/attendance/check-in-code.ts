/**
 * The shape of a shift's check-in code, `<shiftId>-<8 letters>`: pure, shared by the page (the field's
 * pattern) and the server (which also checks the signature, see self-check-in.server.ts).
 */
export const CHECK_IN_CODE = /^([1-9][0-9]{0,12})-([A-Z2-9]{8})$/;
export const CHECK_IN_CODE_MAX = 30;
/** Minutes before the start and after the end of a shift in which helpers may check in themselves. */
export const CHECK_IN_WINDOW_MIN = 30;

/** What a person typed: spaces dropped, letters capitalised; too long is nothing. */
export function normaliseCheckInCode(raw: string): string {
  if (raw.length > CHECK_IN_CODE_MAX) return "";
  return raw.replace(/\s+/g, "").toUpperCase();
}
