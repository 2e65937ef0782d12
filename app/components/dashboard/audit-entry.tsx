import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { DateTime } from "~/components/time";
import type { AuditLogItem } from "~/modules/audit/audit-log.server";

/** Where a record of the audit log can be opened (only pages that exist for coordinators). */
function entityHref(entry: Pick<AuditLogItem, "entityType" | "entityId">): string | null {
  switch (entry.entityType) {
    case "need":
      return `/coordination/needs/${entry.entityId}`;
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

function detailText(value: unknown, t: (key: string, options: { defaultValue: string }) => string): string {
  if (value === null || value === undefined) return "–";
  if (Array.isArray(value)) return value.map((v) => detailText(v, t)).join(", ");
  if (typeof value === "object") return JSON.stringify(value);
  const text = String(value);
  // Enum values (statuses, roles) in words; anything else as recorded.
  return /^[a-z_]+$/.test(text) ? t(`audit.values.${text}`, { defaultValue: text }) : text;
}

/** "Katrin Neumann hat Bedarf 12 angelegt." with when, where and the changed fields. */
export function AuditEntryLine({
  entry,
}: {
  entry: Omit<AuditLogItem, "createdAt"> & { createdAt: number };
}) {
  const { t } = useTranslation("dashboard");
  const actor = entry.actorName ?? (entry.actorId ? t("audit.unknownActor") : t("audit.system"));
  const entity = t(`audit.entities.${entry.entityType}`, {
    id: entry.entityId,
    name: entry.entityName ?? entry.entityId,
  });
  const href = entityHref(entry);
  const verb = t(`audit.actionNames.${entry.action.replace(".", "_")}`, { defaultValue: entry.action });
  const details = Object.entries(entry.details).filter(([, v]) => v !== undefined);
  return (
    <>
      <span className="audit-when">
        <DateTime value={entry.createdAt} />
        {entry.neighbourhoodName ? ` · ${entry.neighbourhoodName}` : ""}
      </span>
      <strong>{actor}</strong> · {verb} · {href ? <Link to={href}>{entity}</Link> : entity}
      {details.length > 0 ? (
        <p className="audit-details">
          {details
            .map(
              ([key, value]) =>
                `${t(`audit.detailKeys.${key}`, { defaultValue: key })}: ${detailText(value, t)}`,
            )
            .join(" · ")}
        </p>
      ) : null}
    </>
  );
}
