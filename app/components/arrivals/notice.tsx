import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormMessage } from "~/components/forms";

/** Outcomes the arrival pages announce after a redirect (`?notice=…`), so a reload doesn't repeat them. */
const NOTICES = [
  "arrival-created",
  "step-done",
  "step-not-needed",
  "organisation-asked",
  "helpers-proposed",
] as const;

export function ArrivalNotice() {
  const [params] = useSearchParams();
  const { t } = useTranslation("arrivals");
  const notice = params.get("notice");
  if (!notice || !(NOTICES as readonly string[]).includes(notice)) return null;
  const count = Number(params.get("count") ?? 1);
  const skipped = Number(params.get("skipped") ?? 0);
  return (
    <FormMessage tone="success">
      {t(`notices.${notice as (typeof NOTICES)[number]}`, {
        count: Number.isFinite(count) ? count : 1,
        skipped,
      })}
    </FormMessage>
  );
}
