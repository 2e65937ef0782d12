import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/time";
import { describeAuditDetails } from "~/modules/audit/audit-details";
import type { AuditLogItem } from "~/modules/audit/audit-log.server";

/** Where a record of the audit log can be opened (only pages that exist for coordinators). */
function entityHref(entry: Pick<AuditLogItem, "entityType" | "entityId">): string | null {
  switch (entry.entityType) {
    case "need":
      return `/coordination/needs/${entry.entityId}`;
    case "arrival":
      return `/coordination/arrivals/${entry.entityId}`;
    case "match":
      return `/matches/${entry.entityId}`;
    case "organisation":
      return `/coordination/organisations/${entry.entityId}`;
    case "volunteer_profile":
      return `/coordination/volunteers/${entry.entityId}/certificate`;
    default:
      return null;
  }
}

/** "Katrin Neumann hat Bedarf 12 angelegt." with when, where and the changed fields. */
export function AuditEntryLine({
  entry,
}: {
  entry: Omit<AuditLogItem, "createdAt"> & { createdAt: number };
}) {
  const { t, i18n } = useTranslation("dashboard");
  const actor = entry.actorName ?? (entry.actorId ? t("audit.unknownActor") : t("audit.system"));
  const entity = t(`audit.entities.${entry.entityType}`, {
    id: entry.entityId,
    name: entry.entityName ?? entry.entityId,
  });
  const href = entityHref(entry);
  const verb = t(`audit.actionNames.${entry.action.replace(".", "_")}`, { defaultValue: entry.action });
  const details = describeAuditDetails(entry.details, {
    key: (key) => t(`audit.detailKeys.${key}`),
    value: (value) => t(`audit.values.${value}`),
    locale: i18n.language,
  });
  return (
    <>
      <span className="audit-when">
        <DateTime value={entry.createdAt} />
        {entry.neighbourhoodName ? ` · ${entry.neighbourhoodName}` : ""}
      </span>
      <strong>{actor}</strong> · {verb} · {href ? <Link to={href}>{entity}</Link> : entity}
      {details ? (
        // Server and browser may name languages and write dates with slightly different ICU data.
        <p className="audit-details" suppressHydrationWarning>
          {details}
        </p>
      ) : null}
    </>
  );
}
