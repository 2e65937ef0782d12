import { useTranslation } from "react-i18next";
import { formatDate, formatRange, formatShortDateTime, formatTime } from "~/utils/format";

// Server and browser may format with slightly different ICU data; the text is the same to a reader.
export function DateRange({ start, end }: { start: number; end: number }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={new Date(start).toISOString()} suppressHydrationWarning>
      {formatRange(start, end, i18n.language)}
    </time>
  );
}

/** A day: an instant, or an ISO date ("2027-03-17") as stored for certificates and hours. */
export function DateOnly({ value }: { value: number | string }) {
  const { i18n } = useTranslation();
  // Noon UTC is the same calendar day in Europe/Berlin all year round.
  const instant = typeof value === "string" ? Date.parse(`${value}T12:00:00Z`) : value;
  return (
    <time dateTime={new Date(instant).toISOString().slice(0, 10)} suppressHydrationWarning>
      {formatDate(instant, i18n.language)}
    </time>
  );
}

/** Date and time of an instant ("Di., 24. November 2026, 17:00"; `short`: "24.11.26, 17:00"). */
export function DateTime({ value, short = false }: { value: number; short?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <time dateTime={new Date(value).toISOString()} suppressHydrationWarning>
      {short
        ? formatShortDateTime(value, i18n.language)
        : `${formatDate(value, i18n.language)}, ${formatTime(value, i18n.language)}`}
    </time>
  );
}
