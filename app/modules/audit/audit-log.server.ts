/**
 * The audit log as a filterable list: coordinators read the events of their neighbourhoods, admins all
 * of them (events without a neighbourhood — role changes, organisations without one — only admins).
 * Three statements per page whatever the filter: the count, the page, and the actions for the filter.
 */
import type { DbOrTx } from "@db/client";
import { sql, type SQL } from "drizzle-orm";
import type { AuditEntity } from "@db/schema/enums";
import { periodOf } from "~/modules/dashboard/periods";
import { inScope, type NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import type { AuditFilter } from "./audit-filter";

export const AUDIT_PAGE_SIZE = 50;

export interface AuditLogItem {
  id: number;
  action: string;
  entityType: AuditEntity;
  entityId: string;
  /** A readable name of the record where one exists (a person, an organisation); null otherwise. */
  entityName: string | null;
  actorId: string | null;
  actorName: string | null;
  neighbourhoodName: string | null;
  details: Record<string, unknown>;
  createdAt: number;
}

export interface AuditLogPage {
  items: AuditLogItem[];
  total: number;
  page: number;
  pageCount: number;
  /** The actions that occur in the reader's scope, for the filter's select. */
  actions: string[];
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

export function listAuditEvents(db: DbOrTx, scope: NeighbourhoodScope, filter: AuditFilter): AuditLogPage {
  const parts: SQL[] = [inScope("a.neighbourhood_id", scope)];
  if (filter.entityType) parts.push(sql`a.entity_type = ${filter.entityType}`);
  if (filter.action) parts.push(sql`a.action = ${filter.action}`);
  if (filter.entityId) parts.push(sql`a.entity_id = ${filter.entityId}`);
  if (filter.from) parts.push(sql`a.created_at >= ${periodOf(filter.from, filter.from).fromMs}`);
  if (filter.to) parts.push(sql`a.created_at < ${periodOf(filter.to, filter.to).toMs}`);
  if (filter.actor) {
    parts.push(
      sql`a.actor_id in (select id from users where display_name like ${`%${escapeLike(filter.actor)}%`} escape '\\')`,
    );
  }
  const where = sql.join(parts, sql` and `);
  const total = db.get<{ n: number }>(sql`select count(*) as n from audit_events a where ${where}`)?.n ?? 0;
  const pageCount = Math.max(1, Math.ceil(total / AUDIT_PAGE_SIZE));
  const page = Math.min(filter.page, pageCount);
  const rows =
    total === 0
      ? []
      : db.all<Omit<AuditLogItem, "details"> & { details: string }>(sql`
    select a.id, a.action, a.entity_type as entityType, a.entity_id as entityId, a.actor_id as actorId,
      actor.display_name as actorName, nb.name as neighbourhoodName, a.details, a.created_at as createdAt,
      case
        when a.entity_type in ('user', 'volunteer_profile') then (select display_name from users where id = a.entity_id)
        when a.entity_type = 'organisation' then (select name from organisations where id = a.entity_id)
        when a.entity_type = 'neighbourhood' then (select name from neighbourhoods where id = a.entity_id)
        when a.entity_type = 'category' then (select name from categories where id = a.entity_id)
      end as entityName
    from audit_events a
    left join users actor on actor.id = a.actor_id
    left join neighbourhoods nb on nb.id = a.neighbourhood_id
    where ${where}
    order by a.created_at desc, a.id desc
    limit ${AUDIT_PAGE_SIZE} offset ${(page - 1) * AUDIT_PAGE_SIZE}`);
  const actions = db
    .all<{
      action: string;
    }>(
      sql`select distinct a.action from audit_events a where ${inScope("a.neighbourhood_id", scope)} order by a.action`,
    )
    .map((r) => r.action);
  return {
    items: rows.map((r) => ({ ...r, details: parseDetails(r.details) })),
    total,
    page,
    pageCount,
    actions,
  };
}

function parseDetails(raw: string): Record<string, unknown> {
  try {
    const value: unknown = JSON.parse(raw);
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : {};
  } catch {
    return {};
  }
}
