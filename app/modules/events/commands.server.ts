/**
 * Writing an organisation's activities: create, edit with shifts, translations. Ownership is part of every
 * `where` (`organisationId`), so an id from another organisation finds nothing. Commands that read before
 * they write run in BEGIN IMMEDIATE transactions, like sign-ups, so a concurrent sign-up can never slip
 * between "needed ≥ confirmed" and the update. Publishing, cancelling and copying: status-commands.server.ts.
 */
import { and, asc, eq, inArray, sql, type SQL } from "drizzle-orm";
import type { Db, DbOrTx, Tx } from "@db/client";
import { eventLanguages, events, eventTranslations, organisationPlaces, shifts, signups } from "@db/schema";
import type { Language, UiLocale } from "@db/schema/enums";
import { notify } from "~/modules/notifications/notify.server";
import { keepsMachineMark } from "~/modules/outside/machine-mark";
import { categoryAllowed, neighbourhoodsExist } from "~/modules/places/places.server";
import type { FieldErrors } from "~/utils/form-validation";
import type { ActivityInput, ShiftInput, TranslationsFormValues } from "./activity.schema";
import { notifySignupChange } from "~/modules/signups/signup-notifications.server";
import { fillFromWaitlist } from "~/modules/signups/waitlist.server";
import { flagAfterShiftChange, type ShiftBefore } from "~/modules/signups/certificate-flags.server";
import type { ActivityScope } from "./queries.server";

export type CommandResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; errors: FieldErrors; status?: 404 | 409 };

const NOT_FOUND = {
  ok: false as const,
  errors: { form: "events:errors.notFound" },
  status: 404 as const,
};

type Refusal = Extract<CommandResult, { ok: false }>;

/**
 * The activity a command works on: the organisation's own (ownership in the where; another's is 404,
 * as one that does not exist), refused with 409 and `whenCancelled` once it has been cancelled —
 * `null` where the command has its own rule for a cancelled one (publishing, copying).
 */
export function loadOwnActivity(
  tx: DbOrTx,
  scope: ActivityScope,
  whenCancelled:
    | "events:errors.cancelledReadOnly"
    | "events:errors.alreadyCancelled"
    | null = "events:errors.cancelledReadOnly",
): { ok: true; activity: typeof events.$inferSelect } | Refusal {
  const activity = tx
    .select()
    .from(events)
    .where(and(eq(events.id, scope.eventId), eq(events.organisationId, scope.organisationId)))
    .get();
  if (!activity) return NOT_FOUND;
  if (whenCancelled && activity.status === "cancelled")
    return { ok: false, errors: { form: whenCancelled }, status: 409 };
  return { ok: true, activity };
}

// ---- create and edit ----------------------------------------------------------------------------------

/** `currentCategoryId`: the one an edited activity already has, which it keeps when no longer offered. */
function checkReferences(
  tx: Tx,
  input: ActivityInput,
  organisationId: number | null,
  currentCategoryId: number | null = null,
): FieldErrors {
  const errors: FieldErrors = {};
  if (!categoryAllowed(tx, input.categoryId, currentCategoryId)) errors.categoryId = "events:errors.choose";
  if (!neighbourhoodsExist(tx, [input.neighbourhoodId])) errors.neighbourhoodId = "events:errors.choose";
  if (input.placeId !== null) {
    // Ownership in the where: only a place of this organisation.
    const place =
      organisationId === null
        ? undefined
        : tx
            .select({ neighbourhoodId: organisationPlaces.neighbourhoodId })
            .from(organisationPlaces)
            .where(
              and(
                eq(organisationPlaces.id, input.placeId),
                eq(organisationPlaces.organisationId, organisationId),
              ),
            )
            .get();
    if (!place) errors.placeId = "events:errors.choose";
    else if (place.neighbourhoodId !== input.neighbourhoodId)
      errors.placeId = "events:errors.placeNeighbourhood";
  }
  return errors;
}

function eventValues(input: ActivityInput) {
  return {
    title: input.title,
    description: input.description,
    originalLanguage: input.originalLanguage,
    categoryId: input.categoryId,
    neighbourhoodId: input.neighbourhoodId,
    place: input.place,
    placeId: input.placeId,
    startsAt: new Date(input.startsAt),
    endsAt: new Date(input.endsAt),
    recurrence: input.recurrence,
    recurrenceUntil: input.recurrenceUntil,
    accessibility: input.accessibility,
    targetGroup: input.targetGroup,
    costCents: input.costCents,
    participantPlaces: input.participantPlaces,
    participantsRegistered: input.participantsRegistered,
  };
}

function writeLanguages(tx: Tx, eventId: number, languages: readonly Language[]): void {
  tx.delete(eventLanguages).where(eq(eventLanguages.eventId, eventId)).run();
  if (languages.length)
    tx.insert(eventLanguages)
      .values(languages.map((language) => ({ eventId, language })))
      .run();
}

function shiftValues(shift: ShiftInput) {
  return {
    title: shift.title,
    startsAt: new Date(shift.startsAt),
    endsAt: new Date(shift.endsAt),
    neededCount: shift.neededCount,
    requiresCertificate: shift.requiresCertificate,
  };
}

/** Creates a draft activity of the organisation with its shifts and languages. */
export function createActivity(
  db: Db,
  owner: { organisationId: number | null; userId: string },
  input: ActivityInput,
): CommandResult<{ eventId: number }> {
  return db.transaction((tx) => {
    const errors = checkReferences(tx, input, owner.organisationId);
    if (Object.keys(errors).length) return { ok: false as const, errors };
    const created = tx
      .insert(events)
      .values({
        ...eventValues(input),
        organisationId: owner.organisationId,
        createdBy: owner.userId,
        status: "draft",
      })
      .returning({ id: events.id })
      .get();
    writeLanguages(tx, created.id, input.languages);
    const rows = input.shifts.filter((s) => s.id === null);
    if (rows.length)
      tx.insert(shifts)
        .values(rows.map((s) => ({ ...shiftValues(s), eventId: created.id })))
        .run();
    return { ok: true as const, eventId: created.id };
  });
}

/**
 * Saves an edited activity and its shifts. Refused with field errors (nothing changes): a shift's
 * needed count below the volunteers already confirmed, removing a shift that has sign-ups, a shift
 * id of another activity. Every edited shift fills its free places from the waitlist at once (more
 * places, or a certificate no longer required or now covering the shift's date). When a
 * published activity's time or place changes, everyone signed up is told (one message per person).
 * Sign-ups that lose the certificate their shift needs (turned on, or the shift moved past the
 * certificate's date) are flagged to the volunteer and the organisation's other members.
 */
export function updateActivity(
  db: Db,
  scope: ActivityScope,
  input: ActivityInput,
  now = Date.now(),
  actorId: string | null = null,
): CommandResult<{ notified: number; promoted: number; flagged: number; changedShift: number | null }> {
  return db.transaction(
    (tx) => {
      const own = loadOwnActivity(tx, scope);
      if (!own.ok) return own;
      const before = own.activity;
      const errors = checkReferences(tx, input, scope.organisationId, before.categoryId);

      const existing = tx
        .select({
          id: shifts.id,
          startsAt: shifts.startsAt,
          endsAt: shifts.endsAt,
          neededCount: shifts.neededCount,
          confirmedCount: shifts.confirmedCount,
          requiresCertificate: shifts.requiresCertificate,
          live: sql<number>`(select count(*) from ${signups} where ${signups.shiftId} = ${shifts.id} and ${signups.status} <> 'cancelled')`,
        })
        .from(shifts)
        .where(eq(shifts.eventId, scope.eventId))
        .all();
      const byId = new Map(existing.map((s) => [s.id, s]));
      for (const shift of input.shifts) {
        if (shift.id === null) continue;
        const old = byId.get(shift.id);
        if (!old) errors.form = "events:errors.shiftGone";
        else if (shift.neededCount < old.confirmedCount)
          errors[`shifts.${shift.index}.neededCount`] = "events:errors.neededBelowConfirmed";
      }
      for (const removal of input.removeShifts) {
        const old = byId.get(removal.id);
        if (!old) errors.form = "events:errors.shiftGone";
        else if (old.live > 0) errors[`shifts.${removal.index}.remove`] = "events:errors.shiftHasSignups";
      }
      if (Object.keys(errors).length) return { ok: false as const, errors };

      tx.update(events).set(eventValues(input)).where(eq(events.id, scope.eventId)).run();
      writeLanguages(tx, scope.eventId, input.languages);

      const changedShiftIds: number[] = [];
      const editedShifts: ShiftBefore[] = [];
      let promoted = 0;
      for (const shift of input.shifts) {
        if (shift.id === null) {
          tx.insert(shifts)
            .values({ ...shiftValues(shift), eventId: scope.eventId })
            .run();
          continue;
        }
        const old = byId.get(shift.id)!;
        editedShifts.push({
          id: old.id,
          requiresCertificate: old.requiresCertificate,
          endsAt: old.endsAt.getTime(),
        });
        tx.update(shifts).set(shiftValues(shift)).where(eq(shifts.id, shift.id)).run();
        if (old.startsAt.getTime() !== shift.startsAt || old.endsAt.getTime() !== shift.endsAt)
          changedShiftIds.push(shift.id);
        // More places, the requirement of a certificate dropped, or an end now within the line's
        // certificates: each frees places for the waitlist. Promotion decides who may take them.
        promoted += fillFromWaitlist(tx, shift.id, now, notifySignupChange).length;
      }
      if (input.removeShifts.length) {
        tx.delete(shifts)
          .where(
            inArray(
              shifts.id,
              input.removeShifts.map((r) => r.id),
            ),
          )
          .run();
      }

      let notified = 0;
      let changedShift: number | null = null;
      if (before.status === "published") {
        const eventChanged =
          before.startsAt.getTime() !== input.startsAt ||
          before.endsAt.getTime() !== input.endsAt ||
          before.place !== input.place ||
          before.placeId !== input.placeId ||
          before.recurrence !== input.recurrence ||
          before.recurrenceUntil !== input.recurrenceUntil;
        const affected = eventChanged ? "all" : changedShiftIds;
        // One moved shift: the message offered afterwards goes to that shift's helpers only.
        if (!eventChanged && changedShiftIds.length === 1) changedShift = changedShiftIds[0]!;
        notified = notifyLiveVolunteers(tx, scope.eventId, affected, now, (userId) =>
          notify(tx, {
            userId,
            kind: "event_changed",
            params: { eventTitle: input.title, startsAt: input.startsAt },
            link: `/activities/${scope.eventId}`,
          }),
        );
      }
      const flagged = flagAfterShiftChange(tx, editedShifts, actorId, now);
      return { ok: true as const, notified, promoted, flagged, changedShift };
    },
    { behavior: "immediate" },
  );
}

/**
 * Calls `send` once per volunteer with a live (confirmed or waitlisted) sign-up on a shift of the
 * activity that has not started yet — on all its shifts, or only on the listed ones.
 */
export function notifyLiveVolunteers(
  tx: Tx,
  eventId: number,
  shiftIds: "all" | number[],
  now: number,
  send: (userId: string) => void,
): number {
  if (shiftIds !== "all" && shiftIds.length === 0) return 0;
  const conditions: SQL[] = [
    eq(shifts.eventId, eventId),
    inArray(signups.status, ["confirmed", "waitlisted"]),
    sql`${shifts.startsAt} > ${now}`,
  ];
  if (shiftIds !== "all") conditions.push(inArray(shifts.id, shiftIds));
  const people = tx
    .selectDistinct({ volunteerId: signups.volunteerId })
    .from(signups)
    .innerJoin(shifts, eq(shifts.id, signups.shiftId))
    .where(and(...conditions))
    .orderBy(asc(signups.volunteerId))
    .all();
  for (const p of people) send(p.volunteerId);
  return people.length;
}

/**
 * Replaces the translations; a language left empty loses its translation. Languages in `machineDrafts`
 * were just filled by the translation service and are stored marked as machine-made; a stored machine
 * draft keeps its mark while its text is unchanged and nobody ticked "reviewed".
 */
export function saveTranslations(
  db: Db,
  scope: ActivityScope,
  values: TranslationsFormValues,
  machineDrafts: ReadonlySet<UiLocale> = new Set(),
): CommandResult {
  return db.transaction((tx) => {
    const own = loadOwnActivity(tx, scope);
    if (!own.ok) return own;
    const e = own.activity;
    const stored = new Map(
      tx
        .select()
        .from(eventTranslations)
        .where(eq(eventTranslations.eventId, scope.eventId))
        .all()
        .map((r) => [r.locale, { texts: [r.title, r.description], machineTranslated: r.machineTranslated }]),
    );
    tx.delete(eventTranslations).where(eq(eventTranslations.eventId, scope.eventId)).run();
    const rows = Object.entries(values.translations)
      .filter(([locale, t]) => locale !== e.originalLanguage && t && t.title && t.description)
      .map(([locale, t]) => ({
        eventId: scope.eventId,
        locale: locale as UiLocale,
        title: t!.title,
        description: t!.description,
        machineTranslated:
          machineDrafts.has(locale as UiLocale) ||
          keepsMachineMark(stored.get(locale as UiLocale), [t!.title, t!.description], t!.reviewed ?? false),
      }));
    if (rows.length) tx.insert(eventTranslations).values(rows).run();
    return { ok: true as const };
  });
}
