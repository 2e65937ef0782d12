import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { auditEvents } from "@db/schema";
import { listAuditTrail, recordAudit } from "~/modules/audit/audit.server";
import { createCoordinator, createNeighbourhood } from "../factories";
import { createTempDb, sqliteErrorOf, type TempDb } from "../helpers/db";

let temp: TempDb;
beforeEach(() => {
  temp = createTempDb();
});
afterEach(() => temp.cleanup());

describe("recordAudit", () => {
  it("commits and rolls back with the change it records", () => {
    const { db } = temp;
    const nb = createNeighbourhood(db);
    const actor = createCoordinator(db, [nb.id]);
    db.transaction((tx) =>
      recordAudit(tx, {
        actorId: actor.id,
        action: "need.created",
        entityType: "need",
        entityId: 7,
        neighbourhoodId: nb.id,
        details: { urgency: "high" },
      }),
    );
    expect(() =>
      db.transaction((tx) => {
        recordAudit(tx, {
          actorId: actor.id,
          action: "need.updated",
          entityType: "need",
          entityId: 7,
          neighbourhoodId: nb.id,
        });
        throw new Error("the change failed");
      }),
    ).toThrow("the change failed");
    expect(db.select().from(auditEvents).all()).toEqual([
      expect.objectContaining({
        action: "need.created",
        entityId: "7",
        neighbourhoodId: nb.id,
        details: { urgency: "high" },
      }),
    ]);
  });

  it("refuses an empty action and lists a trail newest first with the actor's name", () => {
    const { db } = temp;
    const actor = createCoordinator(db, []);
    expect(
      sqliteErrorOf(() =>
        recordAudit(db, {
          actorId: null,
          action: "",
          entityType: "need",
          entityId: 1,
          neighbourhoodId: null,
        }),
      ),
    ).toContain("audit_events_action_nonempty");
    recordAudit(db, {
      actorId: actor.id,
      action: "need.created",
      entityType: "need",
      entityId: 1,
      neighbourhoodId: null,
    });
    recordAudit(db, {
      actorId: null,
      action: "match.proposed",
      entityType: "match",
      entityId: 5,
      neighbourhoodId: null,
    });
    recordAudit(db, {
      actorId: null,
      action: "need.created",
      entityType: "need",
      entityId: 2,
      neighbourhoodId: null,
    });
    const trail = listAuditTrail(db, [
      { entityType: "need", entityIds: [1] },
      { entityType: "match", entityIds: [5] },
    ]);
    expect(trail.map((e) => [e.action, e.entityId, e.actorName])).toEqual([
      ["match.proposed", "5", null],
      ["need.created", "1", actor.displayName],
    ]);
    expect(listAuditTrail(db, [{ entityType: "need", entityIds: [] }])).toEqual([]);
  });
});
