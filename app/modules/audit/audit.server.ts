import type { DbOrTx } from "@db/client";
import { and, desc, eq, inArray, or } from "drizzle-orm";
import { auditEvents, users } from "@db/schema";
import type { AuditEntity } from "@db/schema/enums";
import type { AuditDetails } from "./audit-details";

export interface AuditInput {
  /** Who acted; null for the system (a job, a migration). */
  actorId: string | null;
  /** Dotted verb, entity first: `need.created`, `match.accepted`, `certificate.verified`. */
  action: string;
  entityType: AuditEntity;
  entityId: string | number;
  /** The neighbourhood the record belongs to, so the coordinators of it can read the trail. */
  neighbourhoodId: number | null;
  /**
   * Which fields changed and, where they are not personal data, to what. Never free text of a need.
   * Only keys the log can name in words (audit-details.ts).
   */
  details?: AuditDetails;
}

/**
 * Appends one audit event. Call it with the transaction of the change it records, so a change
 * without its audit row (or the reverse) cannot commit.
 */
export function recordAudit(tx: DbOrTx, input: AuditInput): void {
  tx.insert(auditEvents)
    .values({
      actorId: input.actorId,
      action: input.action,
      entityType: input.entityType,
      entityId: String(input.entityId),
      neighbourhoodId: input.neighbourhoodId,
      details: input.details ?? {},
    })
    .run();
}

export interface AuditEntry {
  id: number;
  action: string;
  entityType: AuditEntity;
  entityId: string;
  actorName: string | null;
  details: Record<string, unknown>;
  createdAt: number;
}

/**
 * The trail of some records, newest first (one query): e.g. a need and its matches on the need page.
 * The caller has already checked that the reader may see these records.
 */
export function listAuditTrail(
  db: DbOrTx,
  entities: { entityType: AuditEntity; entityIds: readonly (string | number)[] }[],
  limit = 50,
): AuditEntry[] {
  const conditions = entities
    .filter((e) => e.entityIds.length > 0)
    .map((e) =>
      and(eq(auditEvents.entityType, e.entityType), inArray(auditEvents.entityId, e.entityIds.map(String))),
    );
  if (conditions.length === 0) return [];
  return db
    .select({
      id: auditEvents.id,
      action: auditEvents.action,
      entityType: auditEvents.entityType,
      entityId: auditEvents.entityId,
      actorName: users.displayName,
      details: auditEvents.details,
      createdAt: auditEvents.createdAt,
    })
    .from(auditEvents)
    .leftJoin(users, eq(users.id, auditEvents.actorId))
    .where(or(...conditions))
    .orderBy(desc(auditEvents.createdAt), desc(auditEvents.id))
    .limit(limit)
    .all()
    .map((r) => ({ ...r, createdAt: r.createdAt.getTime() }));
}
