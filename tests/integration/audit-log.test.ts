/**
 * The audit log view: a coordinator reads the events of their neighbourhoods only, an admin all of
 * them (also those without a neighbourhood); every filter narrows the count; pages of 50.
 */
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { auditEvents } from "@db/schema";
import { parseAuditFilter } from "~/modules/audit/audit-filter";
import { AUDIT_PAGE_SIZE, listAuditEvents } from "~/modules/audit/audit-log.server";
import { recordAudit } from "~/modules/audit/audit.server";
import { ALL_NEIGHBOURHOODS, scopeOf, type NeighbourhoodScope } from "~/modules/dashboard/scope.server";
import { getDb } from "~/utils/db.server";
import { createCoordinator, createNeighbourhood, createUser, createVolunteer } from "../factories";
import { authUserOf } from "../helpers/auth-user";
import { callLoader, sessionCookieFor } from "../helpers/route-calls";

let scopeA: NeighbourhoodScope;
let coordinatorId: string;

beforeAll(() => {
  const db = getDb();
  const A = createNeighbourhood(db, { name: "Altstadt" }).id;
  const B = createNeighbourhood(db, { name: "Buer" }).id;
  const coordinator = createCoordinator(db, [A]);
  coordinatorId = coordinator.id;
  scopeA = scopeOf(authUserOf(db, coordinator.id));
  const katrin = createUser(db, { role: "coordinator", displayName: "Katrin Neumann" }).id;
  const ahmet = createUser(db, { role: "coordinator", displayName: "Ahmet Yıldırım" }).id;
  const admin = createUser(db, { role: "admin", displayName: "Betrieb" }).id;

  const write = (values: Parameters<typeof recordAudit>[1], createdAt: string) => {
    recordAudit(db, values);
    // recordAudit stamps "now"; the test needs fixed times to check the date filter.
    db.update(auditEvents)
      .set({ createdAt: new Date(createdAt) })
      .where(sqlLastId())
      .run();
  };
  const sqlLastId = () =>
    eq(auditEvents.id, db.select({ id: auditEvents.id }).from(auditEvents).all().at(-1)!.id);
  write(
    { actorId: katrin, action: "need.created", entityType: "need", entityId: 1, neighbourhoodId: A },
    "2026-03-01T09:00:00Z",
  );
  write(
    {
      actorId: katrin,
      action: "match.proposed",
      entityType: "match",
      entityId: 7,
      neighbourhoodId: A,
      details: { needId: 1, score: 88 },
    },
    "2026-03-02T09:00:00Z",
  );
  write(
    {
      actorId: ahmet,
      action: "need.status_changed",
      entityType: "need",
      entityId: 1,
      neighbourhoodId: A,
      details: { from: "open", to: "partly_matched" },
    },
    "2026-03-02T23:30:00Z",
  ); // 3 March in Berlin
  write(
    { actorId: ahmet, action: "need.created", entityType: "need", entityId: 2, neighbourhoodId: B },
    "2026-03-02T10:00:00Z",
  );
  write(
    {
      actorId: admin,
      action: "user.role_changed",
      entityType: "user",
      entityId: katrin,
      neighbourhoodId: null,
      details: { from: "volunteer", to: "coordinator" },
    },
    "2026-03-01T08:00:00Z",
  );
  write(
    { actorId: null, action: "need.closed", entityType: "need", entityId: 3, neighbourhoodId: A },
    "2026-03-04T09:00:00Z",
  );
  for (let i = 0; i < 50; i++)
    write(
      {
        actorId: katrin,
        action: "hours.confirmed",
        entityType: "hours",
        entityId: 100 + i,
        neighbourhoodId: A,
      },
      "2026-02-01T09:00:00Z",
    );
});

const f = (query: string) => parseAuditFilter(new URLSearchParams(query)).filter;

describe("listAuditEvents", () => {
  it("shows a coordinator only the events of their neighbourhoods, newest first, in pages of 50", () => {
    const page1 = listAuditEvents(getDb(), scopeA, f(""));
    expect(page1.total).toBe(54); // 4 in A + 50 hours; not B, not the role change
    expect(page1.pageCount).toBe(2);
    expect(page1.items).toHaveLength(AUDIT_PAGE_SIZE);
    expect(page1.items.slice(0, 4).map((e) => [e.action, e.entityId, e.actorName])).toEqual([
      ["need.closed", "3", null],
      ["need.status_changed", "1", "Ahmet Yıldırım"],
      ["match.proposed", "7", "Katrin Neumann"],
      ["need.created", "1", "Katrin Neumann"],
    ]);
    expect(page1.items[2]!.details).toEqual({ needId: 1, score: 88 });
    expect(page1.items[0]!.neighbourhoodName).toBe("Altstadt");
    expect(listAuditEvents(getDb(), scopeA, f("page=2")).items).toHaveLength(4);
    expect(page1.actions).toEqual([
      "hours.confirmed",
      "match.proposed",
      "need.closed",
      "need.created",
      "need.status_changed",
    ]);
  });

  it("shows an admin everything, also events without a neighbourhood", () => {
    const all = listAuditEvents(getDb(), ALL_NEIGHBOURHOODS, f("entityType=user"));
    expect(all.total).toBe(1);
    expect(all.items[0]).toMatchObject({
      action: "user.role_changed",
      entityName: "Katrin Neumann",
      actorName: "Betrieb",
      neighbourhoodName: null,
    });
    expect(listAuditEvents(getDb(), ALL_NEIGHBOURHOODS, f("")).total).toBe(56);
  });

  it("filters by entity type, action, actor, entity id and Berlin dates", () => {
    const db = getDb();
    expect(listAuditEvents(db, scopeA, f("entityType=need")).total).toBe(3);
    expect(listAuditEvents(db, scopeA, f("action=need.created")).total).toBe(1);
    expect(listAuditEvents(db, scopeA, f("actor=ahmet")).total).toBe(1);
    expect(listAuditEvents(db, scopeA, f("actor=Katrin")).total).toBe(52);
    expect(listAuditEvents(db, scopeA, f("entityType=need&entityId=1")).total).toBe(2);
    expect(
      listAuditEvents(db, scopeA, f("from=2026-03-03&to=2026-03-03")).items.map((e) => e.action),
    ).toEqual(["need.status_changed"]);
    expect(listAuditEvents(db, scopeA, f("from=2026-03-01&to=2026-03-02")).total).toBe(2);
    expect(listAuditEvents(db, scopeA, f("actor=100%25")).total).toBe(0);
  });

  it("reports filter values that do not parse and ignores them", () => {
    const { filter, errors } = parseAuditFilter(
      new URLSearchParams("entityType=planet&action=DROP TABLE&entityId=a b&from=2026-13-01"),
    );
    expect(filter).toEqual({ page: 1 });
    expect(errors).toEqual({
      entityType: "dashboard:audit.errors.unknown",
      action: "dashboard:audit.errors.unknown",
      entityId: "dashboard:audit.errors.entityId",
      from: "dashboard:audit.errors.date",
    });
  });
});

describe("the audit log route", () => {
  it("serves coordinators and admins and refuses volunteers", async () => {
    const { loader } = await import("~/routes/coordination.audit");
    const coordinator = await callLoader(loader, "/coordination/audit?entityType=need", {
      cookie: await sessionCookieFor(coordinatorId),
    });
    expect(coordinator.status).toBe(200);
    expect((coordinator.data as { total: number }).total).toBe(3);
    const admin = createUser(getDb(), { role: "admin" }).id;
    expect(
      (
        (await callLoader(loader, "/coordination/audit", { cookie: await sessionCookieFor(admin) })).data as {
          total: number;
        }
      ).total,
    ).toBe(56);
    const volunteer = createVolunteer(getDb()).user.id;
    expect(
      (await callLoader(loader, "/coordination/audit", { cookie: await sessionCookieFor(volunteer) })).status,
    ).toBe(403);
  });
});
