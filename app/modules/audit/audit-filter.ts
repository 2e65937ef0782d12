/**
 * The audit log's filter as it appears in the URL, read leniently: an unknown value is dropped and
 * reported, so a mistyped link still shows the log. Pure: shared by the loader and the form.
 */
import { AUDIT_ENTITY, type AuditEntity } from "@db/schema/enums";
import { isIsoDate } from "~/modules/dashboard/periods";

export interface AuditFilter {
  entityType?: AuditEntity;
  action?: string;
  actor?: string;
  entityId?: string;
  from?: string;
  to?: string;
  page: number;
}

export type AuditFilterErrors = Partial<
  Record<"entityType" | "action" | "actor" | "entityId" | "from" | "to", string>
>;

export function parseAuditFilter(params: URLSearchParams): {
  filter: AuditFilter;
  errors: AuditFilterErrors;
} {
  const errors: AuditFilterErrors = {};
  const filter: AuditFilter = { page: 1 };
  const get = (key: string) => params.get(key)?.trim() ?? "";

  const entityType = get("entityType");
  if (entityType) {
    if ((AUDIT_ENTITY as readonly string[]).includes(entityType))
      filter.entityType = entityType as AuditEntity;
    else errors.entityType = "dashboard:audit.errors.unknown";
  }
  const action = get("action");
  if (action) {
    if (/^[a-z_]+(\.[a-z_]+)+$/.test(action) && action.length <= 60) filter.action = action;
    else errors.action = "dashboard:audit.errors.unknown";
  }
  const actor = get("actor");
  if (actor) {
    if (actor.length <= 80) filter.actor = actor;
    else errors.actor = "dashboard:audit.errors.tooLong";
  }
  const entityId = get("entityId");
  if (entityId) {
    if (/^[A-Za-z0-9_-]{1,64}$/.test(entityId)) filter.entityId = entityId;
    else errors.entityId = "dashboard:audit.errors.entityId";
  }
  for (const key of ["from", "to"] as const) {
    const value = get(key);
    if (!value) continue;
    if (isIsoDate(value)) filter[key] = value;
    else errors[key] = "dashboard:audit.errors.date";
  }
  if (filter.from && filter.to && filter.from > filter.to)
    [filter.from, filter.to] = [filter.to, filter.from];
  const page = get("page");
  if (/^[1-9][0-9]{0,5}$/.test(page)) filter.page = Number(page);
  return { filter, errors };
}
