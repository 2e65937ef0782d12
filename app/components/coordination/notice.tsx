import { useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { FormMessage } from "~/components/forms";

/** Outcomes a redirect may announce with `?notice=…` (after a POST, so a reload doesn't repeat it). */
const NOTICES = [
  "organisation-verify",
  "organisation-revoke",
  "organisation-unchanged",
  "certificate-verify",
  "certificate-revoke",
  "need-created",
  "need-saved",
  "need-closed",
  "need-cancelled",
  "match-proposed",
  "matches-proposed",
  "match-accepted",
  "match-declined",
  "match-started",
  "match-completed",
  "match-ended",
  "hours-logged",
  "hours-confirmed",
  "urgent-asked",
  "urgent-stopped",
  "urgent-saved",
  "urgent-confirmed",
  "urgent-released",
] as const;

type NoticeKey = (typeof NOTICES)[number];
const isNotice = (value: string | null): value is NoticeKey =>
  value !== null && (NOTICES as readonly string[]).includes(value);

export function Notice() {
  const [params] = useSearchParams();
  const { t } = useTranslation("coordination");
  const notice = params.get("notice");
  if (!isNotice(notice)) return null;
  const count = Number(params.get("count") ?? 1);
  const skipped = Number(params.get("skipped") ?? 0);
  return <FormMessage tone="success">{t(`notices.${notice}`, { count, skipped })}</FormMessage>;
}
