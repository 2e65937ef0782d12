import type { Exclusion, Reason, ScoredCandidate } from "./types";

/** i18next's `t`, bound to the `matching` namespace (or any function with the same contract). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

const LIST_PARAMS = new Set(["languages", "needLanguages", "offerLanguages"]);
const NUMBER_PARAMS = new Set(["km", "radiusKm", "hours", "cap"]);
const DATE_PARAMS = new Set(["validUntil", "date"]);

function languageName(code: string, names: Intl.DisplayNames | null): string {
  try {
    return names?.of(code) ?? code;
  } catch (_error) {
    return code;
  }
}

/**
 * Turns a reason's raw params into words of the locale: language codes into names joined as a list
 * ("Arabisch und Deutsch"), numbers with the locale's decimal mark ("1,2"), ISO dates as dates, and
 * weekday/daypart codes into the phrase from the locale file ("dienstagnachmittags").
 */
function localiseParams(params: Reason["params"], t: Translate, locale: string): Record<string, unknown> {
  const names =
    typeof Intl.DisplayNames === "function" ? new Intl.DisplayNames([locale], { type: "language" }) : null;
  const list = new Intl.ListFormat(locale, { style: "long", type: "conjunction" });
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 1 });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" });
  const result: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(params)) {
    if (LIST_PARAMS.has(name) && Array.isArray(value)) {
      result[name] = list.format(value.map((code) => languageName(code, names)));
    } else if (name === "when") {
      const codes = Array.isArray(value) ? value : [value];
      result[name] = list.format(codes.slice(0, 3).map((code) => t(`when.${code}`)));
    } else if (NUMBER_PARAMS.has(name) && typeof value === "number") {
      result[name] = number.format(value);
    } else if (DATE_PARAMS.has(name) && typeof value === "string") {
      result[name] = date.format(new Date(`${value}T00:00:00Z`));
    } else {
      result[name] = value;
    }
  }
  return result;
}

/** One sentence fragment per reason, e.g. "spricht Arabisch und Deutsch", "etwa 1,2 km entfernt". */
export function describeReason(reason: Reason | Exclusion, t: Translate, locale: string): string {
  return t(reason.key, localiseParams(reason.params, t, locale));
}

/**
 * The line a coordinator reads under a suggestion: language · distance · time · load, then
 * experience and responsiveness, joined with " · ".
 */
export function describeCandidate(
  candidate: Pick<ScoredCandidate, "reasons">,
  t: Translate,
  locale: string,
): string {
  return candidate.reasons.map((reason) => describeReason(reason, t, locale)).join(" · ");
}
