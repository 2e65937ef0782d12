import { stepRng, type SeedContext } from "../context";
import { DAY_MS, HOUR_MS } from "../time";
import { createWriter, flushAll } from "../writers";

/**
 * Certificate reminders, then every notification and audit event the other steps collected, written in
 * time order (ties in the order they were collected) so that ids follow the order things happened in.
 */
export function seedNotificationsAndAudit(ctx: SeedContext): number {
  const rng = stepRng(ctx, "notifications");
  const w = {
    notifications: createWriter(ctx.sqlite, "notifications"),
    preferences: createWriter(ctx.sqlite, "notification_preferences"),
    audit: createWriter(ctx.sqlite, "audit_events"),
  };

  for (const v of ctx.volunteers) {
    const until = v.certificateValidUntil;
    if (until === null || until <= ctx.anchorMs || until - ctx.anchorMs > 60 * DAY_MS) continue;
    const at = Math.max(v.createdAt, Math.min(until - 60 * DAY_MS, ctx.anchorMs - rng.int(1, 72) * HOUR_MS));
    ctx.notifications.push({
      userId: v.id,
      kind: "certificate_expiring",
      params: { validUntil: new Date(until).toISOString().slice(0, 10) },
      link: "/volunteer/profile",
      createdAt: at,
      readAt: rng.chance(0.4) ? Math.min(at + 12 * HOUR_MS, ctx.anchorMs) : null,
    });
  }

  // The demo volunteer wants proposals by e-mail too; the demo coordinator only in the inbox.
  w.preferences.add(ctx.accounts.volunteerId, "match_proposed", "inbox_email");
  w.preferences.add(ctx.accounts.volunteerId, "shift_reminder", "inbox_email");
  w.preferences.add(ctx.accounts.coordinatorId, "match_accepted", "inbox");
  w.preferences.add(ctx.accounts.coordinatorId, "match_declined", "inbox");

  const notifications = ctx.notifications
    .map((n, i) => [n, i] as const)
    .sort((a, b) => a[0].createdAt - b[0].createdAt || a[1] - b[1]);
  for (const [n] of notifications) {
    w.notifications.add(n.userId, n.kind, JSON.stringify(n.params), n.link, n.readAt, n.createdAt);
  }
  const audit = ctx.audit
    .map((e, i) => [e, i] as const)
    .sort((a, b) => a[0].createdAt - b[0].createdAt || a[1] - b[1]);
  for (const [e] of audit) {
    w.audit.add(
      e.actorId,
      e.action,
      e.entityType,
      e.entityId,
      e.neighbourhoodId,
      JSON.stringify(e.details),
      e.createdAt,
    );
  }

  return flushAll(w.notifications, w.preferences, w.audit);
}
