/**
 * What the page says after "Entwurf übersetzen" (activities and organisation profiles): the languages
 * drafted, or that there was nothing to draft, and the languages left without a draft with the reason.
 * Notices after the redirect (utils/notice.server.ts); the language lists are written in the reader's
 * language here, since a notice carries values, not lists.
 */
import { getServerT } from "~/modules/i18n/server-t.server";
import { formatList } from "~/utils/format";
import type { Notice } from "~/utils/notice";
import type { DraftSummary } from "./machine-mark";

export function draftNotices(summary: DraftSummary, locale: string): Notice[] {
  const t = getServerT(locale, "common");
  const names = (locales: DraftSummary["drafted"]) =>
    formatList(
      locales.map((l) => t(`languages.${l}`)),
      locale,
    );
  const notices: Notice[] = [];
  if (summary.drafted.length > 0)
    notices.push({
      key: "common:translationHelp.drafted",
      values: { count: summary.drafted.length, languages: names(summary.drafted) },
    });
  else if (summary.missing.length === 0) notices.push({ key: "common:translationHelp.nothingToDraft" });
  if (summary.missing.length > 0)
    notices.push(
      {
        key: "common:translationHelp.missing",
        values: { languages: names(summary.missing) },
        tone: "warning",
      },
      { key: `common:translationHelp.problems.${summary.problem ?? "failed"}`, tone: "warning" },
    );
  return notices;
}
