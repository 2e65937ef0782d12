/**
 * More form fields in the frame of the others (field-frame.tsx; values that survive a failed submit
 * without JavaScript): a checkbox group and the weekly availability grid.
 */
import type { ReactNode } from "react";
import type { FieldValues, Path } from "react-hook-form";
import { useTranslation } from "react-i18next";
import {
  DAYPART_WINDOWS,
  DAYPARTS,
  gridKey,
  minuteToClock,
  WEEKDAYS,
} from "~/modules/volunteers/availability";
import { FieldFrame } from "./field-frame";
import type { ValidatedForm } from "./use-validated-form";

function asList(value: string | string[] | undefined): string[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

/** Checkboxes sharing one name; the group is a fieldset whose legend names it. */
export function CheckboxGroup<T extends FieldValues>({
  form,
  name,
  legend,
  options,
  hint,
  columns = false,
}: {
  form: ValidatedForm<T>;
  name: Path<T>;
  legend: ReactNode;
  options: { value: string; label: string }[];
  hint?: ReactNode;
  /** Lay long lists out in columns. */
  columns?: boolean;
}) {
  const id = form.fieldId(name);
  const error = form.errorOf(name);
  const checked = new Set(asList(form.valueOf(name)));
  return (
    <FieldFrame
      id={id}
      label={legend}
      hint={hint}
      error={error}
      layout="group"
      className="field choice-group"
    >
      <div
        className={columns ? "choice-group__options choice-group__options--columns" : "choice-group__options"}
      >
        {options.map((o) => (
          <label key={o.value} className="choice">
            <input
              type="checkbox"
              value={o.value}
              defaultChecked={checked.has(o.value)}
              {...form.rhf.register(name)}
            />{" "}
            <span>{o.label}</span>
          </label>
        ))}
      </div>
    </FieldFrame>
  );
}

/** Weekday × morning/afternoon/evening, each cell a labelled checkbox ("Monday, morning 08:00–12:00"). */
export function AvailabilityGrid<T extends FieldValues>({
  form,
  name,
  legend,
  hint,
}: {
  form: ValidatedForm<T>;
  name: Path<T>;
  legend: ReactNode;
  hint?: ReactNode;
}) {
  const { t, i18n } = useTranslation("volunteer");
  const id = form.fieldId(name);
  const error = form.errorOf(name);
  const checked = new Set(asList(form.valueOf(name)));
  // 1 January 2024 was a Monday (weekday 0 here).
  const shortDay = new Intl.DateTimeFormat(i18n.language, { weekday: "short", timeZone: "UTC" });
  const shortWeekday = (day: number) => shortDay.format(Date.UTC(2024, 0, 1 + day));
  return (
    <FieldFrame
      id={id}
      label={legend}
      hint={hint}
      error={error}
      layout="group"
      className="field availability"
    >
      <table className="availability__grid">
        <thead>
          <tr>
            <td />
            {DAYPARTS.map((part) => (
              <th key={part} scope="col">
                {t(`availability.dayparts.${part}`)}
                <span className="availability__hours">
                  {minuteToClock(DAYPART_WINDOWS[part][0])}–{minuteToClock(DAYPART_WINDOWS[part][1])}
                </span>
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {WEEKDAYS.map((day) => (
            <tr key={day}>
              <th scope="row">
                <span className="availability__day">{t(`availability.weekdays.${day}`)}</span>
                <span className="availability__day-short" aria-hidden="true">
                  {shortWeekday(day)}
                </span>
              </th>
              {DAYPARTS.map((part) => {
                const key = gridKey(day, part);
                return (
                  <td key={part}>
                    <label className="availability__cell">
                      <input
                        type="checkbox"
                        value={key}
                        defaultChecked={checked.has(key)}
                        {...form.rhf.register(name)}
                      />
                      <span className="visually-hidden">
                        {t("availability.cellLabel", {
                          day: t(`availability.weekdays.${day}`),
                          part: t(`availability.dayparts.${part}`),
                        })}
                      </span>
                    </label>
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </FieldFrame>
  );
}
