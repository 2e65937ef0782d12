/**
 * The authorization matrix: every route module × every kind of actor, for each loader and action.
 * It fails when a file in app/routes has no entry here, or when a module exports a loader or action
 * that no case calls. To add a route: add an entry to MATRIX with one case per exported function.
 *
 * Outcomes: "allow" (the guard let the actor through: 2xx, a validation 400, a redirect elsewhere …),
 * "login" (redirect to /login), "forbidden" (403), "notFound" (404: the actor may not know it exists).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import {
  arrivals,
  arrivalSteps,
  emailOutbox,
  firstStepTemplates,
  firstStepTemplateTexts,
  matches,
  needs,
  offers,
  organisationNeighbourhoods,
  sessions,
  signups,
  volunteerProfiles,
} from "@db/schema";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { getDb } from "~/utils/db.server";
import {
  createCategory,
  createCoordinator,
  createEvent,
  createNeighbourhood,
  createOrganisation,
  createShift,
  createUser,
  createVolunteer,
} from "../factories";
import { callAction, callLoader, sessionCookieFor, type RouteResult } from "../helpers/route-calls";

const ACTORS = [
  "anonymous",
  "volunteer",
  "otherVolunteer",
  "orgMember",
  "otherOrgMember",
  "coordinatorIn",
  "coordinatorOut",
  "admin",
] as const;
type Actor = (typeof ACTORS)[number];
type Outcome = "allow" | "login" | "forbidden" | "notFound";
type Expectation = Record<Actor, Outcome>;

interface Fixture {
  users: Record<Exclude<Actor, "anonymous">, string>;
  nb1: { id: number; slug: string };
  categorySlug: string;
  categoryId: number;
  orgA: number;
  orgB: number;
  unverifiedOrg: number;
  publicEvent: number;
  draftEventOfOrgA: number;
  needInNb1: number;
  /** An arrival in nb1 whose one step is needInNb1, and the first-step template it was planned from. */
  arrivalInNb1: number;
  template: number;
  /** A proposed match of the volunteer's offer for needInNb1. */
  matchOfVolunteer: number;
  outboxId: number;
  calendarToken: string;
  publicShift: number;
  draftShift: number;
  signupOfVolunteer: number;
  offerOfVolunteer: number;
  offerOfOrgA: number;
  victimSessionId: string;
}

interface Case {
  fn: "loader" | "action";
  /** What this case shows, when a route has several. */
  label?: string;
  path: (f: Fixture) => string;
  params?: (f: Fixture) => Record<string, string>;
  form?: (f: Fixture) => Record<string, string | string[]>;
  expect: Expectation;
}

// ---- expectation shorthands -----------------------------------------------------------------------

const all = (outcome: Outcome): Expectation =>
  Object.fromEntries(ACTORS.map((a) => [a, outcome])) as Expectation;
const everyone = all("allow");
const signedIn: Expectation = { ...everyone, anonymous: "login" };
/** Visitors are sent to login; the listed actors pass; everyone else gets `denied`. */
function only(actors: Actor[], denied: Outcome = "forbidden"): Expectation {
  return Object.fromEntries(
    ACTORS.map((a) => [a, a === "anonymous" ? "login" : actors.includes(a) ? "allow" : denied]),
  ) as Expectation;
}
const adminOnly = only(["admin"]);
const volunteerPages = only(["volunteer", "otherVolunteer", "orgMember", "otherOrgMember", "admin"]);
/** Only the owner gets through; for everyone else (admins too) the object does not exist. */
const ownerOnly = (owner: Actor): Expectation => ({
  ...all("notFound"),
  anonymous: "login",
  [owner]: "allow",
});
const draftShiftReaders: Expectation = {
  ...all("notFound"),
  orgMember: "allow",
  coordinatorIn: "allow",
  admin: "allow",
};
const coordinators = only(["coordinatorIn", "coordinatorOut", "admin"]);

const get = (path: Case["path"], expect: Expectation, extra: Partial<Case> = {}): Case => ({
  fn: "loader",
  path,
  expect,
  ...extra,
});
const post = (path: Case["path"], expect: Expectation, extra: Partial<Case> = {}): Case => ({
  fn: "action",
  path,
  expect,
  ...extra,
});
const at = (p: string) => () => p;

// ---- the matrix -----------------------------------------------------------------------------------

const MATRIX: Record<string, Case[]> = {
  "_index.tsx": [get(at("/"), everyone)],
  "activities._index.tsx": [get(at("/activities"), everyone)],
  "activities.week.tsx": [
    get(at("/activities/week"), everyone),
    get(at("/activities/week?week=kein-datum&category=gibt-es-nicht"), everyone, {
      label: "a broken filter",
    }),
  ],
  "activities.$id.tsx": [
    get((f) => `/activities/${f.publicEvent}`, everyone, { params: (f) => ({ id: String(f.publicEvent) }) }),
    get((f) => `/activities/${f.draftEventOfOrgA}`, all("notFound"), {
      label: "a draft is not public",
      params: (f) => ({ id: String(f.draftEventOfOrgA) }),
    }),
  ],
  // Writing to a shift's helpers: the organisation and the neighbourhood's coordinators. The empty form
  // stops at validation, so nothing is sent.
  "activities.$id_.message.tsx": [
    get((f) => `/activities/${f.publicEvent}/message`, only(["orgMember", "coordinatorIn", "admin"]), {
      params: (f) => ({ id: String(f.publicEvent) }),
    }),
    post((f) => `/activities/${f.publicEvent}/message`, only(["orgMember", "coordinatorIn", "admin"]), {
      label: "IDOR: writing to the helpers of another organisation's activity",
      params: (f) => ({ id: String(f.publicEvent) }),
    }),
    get(
      (f) => `/activities/${f.draftEventOfOrgA}/message`,
      { ...draftShiftReaders, anonymous: "login" },
      {
        label: "a draft's helpers: only its organisation and coordinators know it exists",
        params: (f) => ({ id: String(f.draftEventOfOrgA) }),
      },
    ),
  ],
  // Self check-in: any signed-in person may open it; the code and their own sign-up decide the rest.
  "checkin.tsx": [
    get(at("/checkin?code=1-AAAAAAAA"), signedIn),
    post(at("/checkin"), signedIn, { form: () => ({ code: "1-AAAAAAAA" }) }),
  ],
  "activities.$id[.ics].ts": [
    get((f) => `/activities/${f.publicEvent}.ics`, everyone, {
      params: (f) => ({ id: String(f.publicEvent) }),
    }),
    get((f) => `/activities/${f.draftEventOfOrgA}.ics`, all("notFound"), {
      label: "a draft is not public",
      params: (f) => ({ id: String(f.draftEventOfOrgA) }),
    }),
  ],
  "feeds._index.tsx": [get(at("/feeds"), everyone)],
  "feeds.activities[.json].ts": [get(at("/feeds/activities.json"), everyone)],
  "feeds.categories.$slug[.ics].ts": [
    get((f) => `/feeds/categories/${f.categorySlug}.ics`, everyone, {
      params: (f) => ({ slug: f.categorySlug }),
    }),
  ],
  "feeds.neighbourhoods.$slug[.ics].ts": [
    get((f) => `/feeds/neighbourhoods/${f.nb1.slug}.ics`, everyone, {
      params: (f) => ({ slug: f.nb1.slug }),
    }),
  ],
  "feeds.volunteers.$token[.ics].ts": [
    get((f) => `/feeds/volunteers/${f.calendarToken}.ics`, everyone, {
      label: "the secret token is the key",
      params: (f) => ({ token: f.calendarToken }),
    }),
    get(at("/feeds/volunteers/guessed-token-00000000000000000000000000000.ics"), all("notFound"), {
      label: "a guessed token",
      params: () => ({ token: "guessed-token-00000000000000000000000000000" }),
    }),
  ],
  "healthz.ts": [get(at("/healthz"), everyone)],
  "language.ts": [
    get(at("/language"), everyone),
    post(at("/language"), everyone, { form: () => ({ locale: "en", returnTo: "/" }) }),
  ],

  "login.tsx": [
    get(at("/login"), everyone),
    post(at("/login"), everyone, { form: () => ({ email: "", password: "" }) }),
  ],
  "logout.tsx": [get(at("/logout"), everyone), post(at("/logout"), everyone)],
  "register._index.tsx": [
    get(at("/register"), everyone),
    post(at("/register"), everyone, { form: () => ({ email: "x" }) }),
  ],
  "register.organisation.tsx": [
    get(at("/register/organisation"), everyone),
    post(at("/register/organisation"), everyone, { form: () => ({ email: "x" }) }),
  ],
  "forgot-password.tsx": [
    post(at("/forgot-password"), everyone, { form: () => ({ email: "nicht-da@beispiel.test" }) }),
  ],
  "reset-password.tsx": [
    get(at("/reset-password?token=x"), everyone),
    post(at("/reset-password"), everyone, { form: () => ({ token: "x", password: "y" }) }),
  ],
  "confirm-email.tsx": [
    get(at("/confirm-email?token=x"), everyone),
    post(at("/confirm-email"), everyone, { form: () => ({ token: "x" }) }),
  ],
  "invite.tsx": [
    get(at("/invite?token=x"), everyone),
    post(at("/invite"), everyone, {
      label: "create an account",
      form: () => ({ token: "x", displayName: "X", password: "p" }),
    }),
    post(at("/invite"), signedIn, {
      label: "join needs login",
      form: () => ({ intent: "join", token: "x" }),
    }),
  ],
  "$.tsx": [get(at("/gibt-es-nicht"), all("notFound"))],
  "setup.tsx": [
    get(at("/setup?token=x"), everyone),
    post(at("/setup"), everyone, {
      form: () => ({ token: "x", displayName: "X", email: "erste@beispiel.test", password: "lang-genug-1" }),
    }),
  ],
  "unsubscribe.tsx": [get(at("/unsubscribe?token=x"), everyone), post(at("/unsubscribe?token=x"), everyone)],
  // The signed link is the key (no login): a wrong one is a 400 page for everybody, never a 5xx.
  "urgent.$token.tsx": [
    get(at("/urgent/1.abc.x"), everyone, { params: () => ({ token: "1.abc.x" }) }),
    post(at("/urgent/1.abc.x"), everyone, {
      params: () => ({ token: "1.abc.x" }),
      form: () => ({ intent: "yes" }),
    }),
  ],

  "account._index.tsx": [
    get(at("/account"), signedIn),
    post(at("/account"), signedIn, { form: () => ({ displayName: "" }) }),
  ],
  "account.password.tsx": [get(at("/account/password"), signedIn), post(at("/account/password"), signedIn)],
  "account.email.tsx": [get(at("/account/email"), signedIn), post(at("/account/email"), signedIn)],
  "account.sessions.tsx": [
    get(at("/account/sessions"), signedIn),
    post(at("/account/sessions"), signedIn, { form: () => ({ intent: "nothing" }) }),
    post(
      at("/account/sessions"),
      { ...all("notFound"), anonymous: "login" },
      {
        label: "IDOR: revoking another person's session by id",
        form: (f) => ({ intent: "revoke", sessionId: f.victimSessionId }),
      },
    ),
  ],
  "privacy.tsx": [get(at("/privacy"), everyone)],
  "how-it-works.tsx": [get(at("/how-it-works"), everyone)],
  "account.export.ts": [get(at("/account/export"), signedIn)],
  // The action needs the password: a wrong one changes nothing, so every signed-in actor passes the guard.
  "account.delete.tsx": [
    get(at("/account/delete"), signedIn),
    post(at("/account/delete"), signedIn, { form: () => ({ password: "falsch" }) }),
  ],
  "inbox.tsx": [get(at("/inbox"), signedIn), post(at("/inbox"), signedIn)],
  "settings.notifications.tsx": [
    get(at("/settings/notifications"), signedIn),
    post(at("/settings/notifications"), signedIn),
  ],

  "volunteer.tsx": [],
  // Organisation members without a profile are sent to start one (a redirect: allowed, nothing shown).
  "volunteer._index.tsx": [
    get(at("/volunteer"), only(["volunteer", "otherVolunteer", "orgMember", "otherOrgMember", "admin"])),
  ],
  // Anyone who is not staff may start a volunteer profile (an organisation member can help too).
  "volunteer.profile.tsx": [
    get(
      at("/volunteer/profile"),
      only(["volunteer", "otherVolunteer", "orgMember", "otherOrgMember", "admin"]),
    ),
    post(
      at("/volunteer/profile"),
      only(["volunteer", "otherVolunteer", "orgMember", "otherOrgMember", "admin"]),
    ),
  ],
  // Volunteer pages: organisation members (and admins) without a profile are sent to create one first.
  "volunteer.find.tsx": [get(at("/volunteer/find"), volunteerPages)],
  "volunteer.commitments.tsx": [get(at("/volunteer/commitments"), volunteerPages)],
  "volunteer.week.tsx": [get(at("/volunteer/week"), volunteerPages)],
  "volunteer.hours.tsx": [
    get(at("/volunteer/hours"), volunteerPages),
    post(at("/volunteer/hours"), volunteerPages, { form: () => ({ matchId: "" }) }),
  ],
  "volunteer.offers._index.tsx": [get(at("/volunteer/offers"), volunteerPages)],
  "volunteer.offers.new.tsx": [
    get(at("/volunteer/offers/new"), volunteerPages),
    post(at("/volunteer/offers/new"), volunteerPages, { form: () => ({ title: "" }) }),
  ],
  "offers.$id.tsx": [
    get((f) => `/offers/${f.offerOfVolunteer}`, ownerOnly("volunteer"), {
      label: "IDOR: reading another person's offer",
      params: (f) => ({ id: String(f.offerOfVolunteer) }),
    }),
    post((f) => `/offers/${f.offerOfVolunteer}`, ownerOnly("volunteer"), {
      label: "IDOR: pausing another person's offer",
      params: (f) => ({ id: String(f.offerOfVolunteer) }),
      form: () => ({ intent: "pause" }),
    }),
    get((f) => `/offers/${f.offerOfOrgA}`, ownerOnly("orgMember"), {
      label: "an organisation's offer",
      params: (f) => ({ id: String(f.offerOfOrgA) }),
    }),
  ],
  "offers.organisation.$orgId._index.tsx": [
    get((f) => `/offers/organisation/${f.orgA}`, only(["orgMember", "admin"]), {
      params: (f) => ({ orgId: String(f.orgA) }),
    }),
  ],
  "offers.organisation.$orgId.new.tsx": [
    get((f) => `/offers/organisation/${f.orgA}/new`, only(["orgMember", "admin"]), {
      params: (f) => ({ orgId: String(f.orgA) }),
    }),
    post((f) => `/offers/organisation/${f.orgA}/new`, only(["orgMember", "admin"]), {
      label: "IDOR: an offer for another organisation",
      params: (f) => ({ orgId: String(f.orgA) }),
      form: () => ({ title: "" }),
    }),
  ],
  "shifts.$id.signup.tsx": [
    get((f) => `/shifts/${f.publicShift}/signup`, everyone, {
      params: (f) => ({ id: String(f.publicShift) }),
    }),
    get((f) => `/shifts/${f.draftShift}/signup`, draftShiftReaders, {
      label: "a draft's shift is not public",
      params: (f) => ({ id: String(f.draftShift) }),
    }),
    // Organisation members and admins without a profile are told to create one (409), staff get 403.
    post(
      (f) => `/shifts/${f.publicShift}/signup`,
      only(["volunteer", "otherVolunteer", "orgMember", "otherOrgMember", "admin"]),
      {
        params: (f) => ({ id: String(f.publicShift) }),
      },
    ),
    post(
      (f) => `/shifts/${f.draftShift}/signup`,
      { ...draftShiftReaders, anonymous: "login", coordinatorIn: "forbidden" },
      {
        label: "signing up for a draft's shift",
        params: (f) => ({ id: String(f.draftShift) }),
      },
    ),
  ],
  "signups.$id.cancel.tsx": [
    get((f) => `/signups/${f.signupOfVolunteer}/cancel`, everyone, {
      params: (f) => ({ id: String(f.signupOfVolunteer) }),
    }),
    post((f) => `/signups/${f.signupOfVolunteer}/cancel`, ownerOnly("volunteer"), {
      label: "IDOR: cancelling another person's sign-up",
      params: (f) => ({ id: String(f.signupOfVolunteer) }),
    }),
  ],

  "organisation._index.tsx": [get(at("/organisation"), only(["orgMember", "otherOrgMember", "admin"]))],
  "organisations.$id.tsx": [
    get((f) => `/organisations/${f.orgA}`, only(["orgMember", "coordinatorIn", "admin"]), {
      params: (f) => ({ id: String(f.orgA) }),
    }),
  ],
  "organisations.$id._index.tsx": [
    get((f) => `/organisations/${f.orgA}`, only(["orgMember", "coordinatorIn", "admin"]), {
      params: (f) => ({ id: String(f.orgA) }),
    }),
    post((f) => `/organisations/${f.orgA}`, only(["orgMember", "admin"]), {
      label: "IDOR: editing another organisation",
      params: (f) => ({ id: String(f.orgA) }),
    }),
  ],
  "organisations.$id.activities._index.tsx": [
    get((f) => `/organisations/${f.orgA}/activities`, only(["orgMember", "admin"]), {
      params: (f) => ({ id: String(f.orgA) }),
    }),
  ],
  "organisations.$id.activities.new.tsx": [
    get((f) => `/organisations/${f.orgA}/activities/new`, only(["orgMember", "admin"]), {
      params: (f) => ({ id: String(f.orgA) }),
    }),
    post((f) => `/organisations/${f.orgA}/activities/new`, only(["orgMember", "admin"]), {
      label: "IDOR: posting an activity for another organisation",
      params: (f) => ({ id: String(f.orgA) }),
    }),
  ],
  "organisations.$id.activities.$eventId._index.tsx": [
    get((f) => `/organisations/${f.orgA}/activities/${f.publicEvent}`, only(["orgMember", "admin"]), {
      params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
    }),
    post((f) => `/organisations/${f.orgA}/activities/${f.publicEvent}`, only(["orgMember", "admin"]), {
      label: "IDOR: changing another organisation's activity",
      params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
    }),
  ],
  "organisations.$id.activities.$eventId.edit.tsx": [
    get((f) => `/organisations/${f.orgA}/activities/${f.publicEvent}/edit`, only(["orgMember", "admin"]), {
      params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
    }),
    post((f) => `/organisations/${f.orgA}/activities/${f.publicEvent}/edit`, only(["orgMember", "admin"]), {
      label: "IDOR: editing another organisation's activity (add-shift changes nothing)",
      params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
      form: () => ({ intent: "add-shift" }),
    }),
  ],
  "organisations.$id.activities.$eventId.translations.tsx": [
    get(
      (f) => `/organisations/${f.orgA}/activities/${f.publicEvent}/translations`,
      only(["orgMember", "admin"]),
      {
        params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
      },
    ),
    post(
      (f) => `/organisations/${f.orgA}/activities/${f.publicEvent}/translations`,
      only(["orgMember", "admin"]),
      {
        label: "IDOR: translating another organisation's activity",
        params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
      },
    ),
  ],
  "organisations.$id.activities.$eventId.cancel.tsx": [
    get((f) => `/organisations/${f.orgA}/activities/${f.publicEvent}/cancel`, only(["orgMember", "admin"]), {
      params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
    }),
    // Without the confirmation box the action stops at validation, so the shared public event stays.
    post((f) => `/organisations/${f.orgA}/activities/${f.publicEvent}/cancel`, only(["orgMember", "admin"]), {
      label: "IDOR: cancelling another organisation's activity",
      params: (f) => ({ id: String(f.orgA), eventId: String(f.publicEvent) }),
    }),
  ],
  "organisations.$id.places.tsx": [
    get((f) => `/organisations/${f.orgA}/places`, only(["orgMember", "admin"]), {
      params: (f) => ({ id: String(f.orgA) }),
    }),
    // Without a name the action stops at validation: nothing is added.
    post((f) => `/organisations/${f.orgA}/places`, only(["orgMember", "admin"]), {
      label: "IDOR: adding a place to another organisation",
      params: (f) => ({ id: String(f.orgA) }),
    }),
  ],
  "organisations.$id.members.tsx": [
    get((f) => `/organisations/${f.orgA}/members`, only(["orgMember", "admin"]), {
      params: (f) => ({ id: String(f.orgA) }),
    }),
    post((f) => `/organisations/${f.orgA}/members`, only(["orgMember", "admin"]), {
      label: "IDOR: inviting into another organisation",
      params: (f) => ({ id: String(f.orgA) }),
      form: () => ({ intent: "invite", email: "" }),
    }),
    get(
      at("/organisations/999999/members"),
      { ...all("notFound"), anonymous: "login" },
      { label: "unknown organisation", params: () => ({ id: "999999" }) },
    ),
  ],

  // The area's layout: coordinators, and organisation members for their needs pages.
  "coordination.tsx": [
    get(
      at("/coordination"),
      only(["orgMember", "otherOrgMember", "coordinatorIn", "coordinatorOut", "admin"]),
    ),
  ],
  "coordination._index.tsx": [get(at("/coordination"), coordinators)],
  "coordination.organisations.tsx": [
    get(at("/coordination/organisations"), coordinators),
    post(at("/coordination/organisations"), only(["coordinatorIn", "admin"]), {
      label: "verify an organisation in nb1",
      form: (f) => ({ organisationId: String(f.unverifiedOrg) }),
    }),
  ],
  "coordination.needs._index.tsx": [
    get(
      at("/coordination/needs"),
      only(["orgMember", "otherOrgMember", "coordinatorIn", "coordinatorOut", "admin"]),
    ),
  ],
  "coordination.needs.new.tsx": [
    get(
      at("/coordination/needs/new"),
      only(["orgMember", "otherOrgMember", "coordinatorIn", "coordinatorOut", "admin"]),
    ),
    post(
      at("/coordination/needs/new"),
      only(["orgMember", "otherOrgMember", "coordinatorIn", "coordinatorOut", "admin"]),
    ),
  ],
  "coordination.needs.$id.edit.tsx": [
    get((f) => `/coordination/needs/${f.needInNb1}/edit`, only(["coordinatorIn", "admin"], "notFound"), {
      params: (f) => ({ id: String(f.needInNb1) }),
    }),
    post((f) => `/coordination/needs/${f.needInNb1}/edit`, only(["coordinatorIn", "admin"], "notFound"), {
      label: "IDOR: editing a need outside one's scope",
      params: (f) => ({ id: String(f.needInNb1) }),
      // A valid form: the action checks the form before the need, so an empty one would stop earlier.
      form: (f) => ({
        categoryId: String(f.categoryId),
        neighbourhoodId: String(f.nb1.id),
        title: "Begleitung zum Amt",
        description: "Eine Familie braucht Begleitung zum Bürgeramt.",
        languages: "ar",
        helpersNeeded: "1",
        urgency: "normal",
        schedule: "one_off",
        date: new Date(Date.now() + 7 * 86_400_000).toISOString().slice(0, 10),
        startTime: "10:00",
        endTime: "12:00",
        genderPreference: "none",
      }),
    }),
  ],

  "coordination.needs.$id._index.tsx": [
    get((f) => `/coordination/needs/${f.needInNb1}`, only(["coordinatorIn", "admin"], "notFound"), {
      params: (f) => ({ id: String(f.needInNb1) }),
    }),
    post((f) => `/coordination/needs/${f.needInNb1}`, only(["coordinatorIn", "admin"], "notFound"), {
      label: "IDOR: closing or proposing for a need outside one's scope",
      params: (f) => ({ id: String(f.needInNb1) }),
      form: () => ({ intent: "nothing" }),
    }),
    post((f) => `/coordination/needs/${f.needInNb1}`, only(["coordinatorIn", "admin"], "notFound"), {
      label: "IDOR: stopping the urgent requests of a need outside one's scope",
      params: (f) => ({ id: String(f.needInNb1) }),
      form: () => ({ intent: "urgent-stop" }),
    }),
  ],
  "coordination.verification.tsx": [
    get(at("/coordination/verification"), coordinators),
    post(at("/coordination/verification"), only(["coordinatorIn", "admin"]), {
      label: "verify an organisation in nb1 from the queue",
      form: (f) => ({ organisationId: String(f.unverifiedOrg), intent: "verify" }),
    }),
  ],
  "coordination.organisations_.$id.tsx": [
    get((f) => `/coordination/organisations/${f.orgA}`, only(["coordinatorIn", "admin"]), {
      params: (f) => ({ id: String(f.orgA) }),
    }),
    post((f) => `/coordination/organisations/${f.orgA}`, only(["coordinatorIn", "admin"]), {
      label: "revoking another neighbourhood's organisation",
      params: (f) => ({ id: String(f.orgA) }),
      form: () => ({ intent: "nothing" }),
    }),
  ],
  "coordination.volunteers.$userId.certificate.tsx": [
    get(
      (f) => `/coordination/volunteers/${f.users.volunteer}/certificate`,
      { ...all("notFound"), anonymous: "login", volunteer: "forbidden", admin: "allow" },
      {
        label: "a volunteer without neighbourhood: only admins",
        params: (f) => ({ userId: f.users.volunteer }),
      },
    ),
    post(
      (f) => `/coordination/volunteers/${f.users.volunteer}/certificate`,
      { ...all("notFound"), anonymous: "login", volunteer: "forbidden", admin: "allow" },
      {
        label: "IDOR: recording one's own certificate",
        params: (f) => ({ userId: f.users.volunteer }),
        form: () => ({ intent: "verify", validUntil: "" }),
      },
    ),
  ],
  "coordination.bulk.tsx": [
    get(at("/coordination/bulk"), coordinators),
    post(
      at("/coordination/bulk"),
      { ...coordinators, coordinatorOut: "notFound" },
      {
        label: "IDOR: proposing for a need outside one's scope",
        form: (f) => ({ pair: `${f.needInNb1}:999999` }),
      },
    ),
  ],
  "matches._index.tsx": [get(at("/matches"), signedIn)],
  "matches.$id.tsx": [
    get((f) => `/matches/${f.matchOfVolunteer}`, only(["volunteer", "coordinatorIn", "admin"], "notFound"), {
      params: (f) => ({ id: String(f.matchOfVolunteer) }),
    }),
    post((f) => `/matches/${f.matchOfVolunteer}`, only(["volunteer", "coordinatorIn", "admin"], "notFound"), {
      label: "IDOR: answering someone else's request",
      params: (f) => ({ id: String(f.matchOfVolunteer) }),
      form: () => ({ intent: "nothing" }),
    }),
  ],

  // Arrivals: a coordinator's own neighbourhoods; for anyone else an arrival does not exist.
  "coordination.arrivals._index.tsx": [get(at("/coordination/arrivals"), coordinators)],
  "coordination.arrivals.new.tsx": [
    get(at("/coordination/arrivals/new"), coordinators),
    // Empty: stops at validation. A neighbourhood out of scope is a field error (see arrivals.test.ts).
    post(at("/coordination/arrivals/new"), coordinators),
  ],
  "coordination.arrivals.$id._index.tsx": [
    get((f) => `/coordination/arrivals/${f.arrivalInNb1}`, only(["coordinatorIn", "admin"], "notFound"), {
      params: (f) => ({ id: String(f.arrivalInNb1) }),
    }),
    post((f) => `/coordination/arrivals/${f.arrivalInNb1}`, only(["coordinatorIn", "admin"], "notFound"), {
      label: "IDOR: acting on another neighbourhood's arrival",
      params: (f) => ({ id: String(f.arrivalInNb1) }),
      form: () => ({ intent: "nothing" }),
    }),
  ],
  "coordination.arrivals.$id.bulk.tsx": [
    get(
      (f) => `/coordination/arrivals/${f.arrivalInNb1}/bulk`,
      only(["coordinatorIn", "admin"], "notFound"),
      {
        params: (f) => ({ id: String(f.arrivalInNb1) }),
      },
    ),
    post(
      (f) => `/coordination/arrivals/${f.arrivalInNb1}/bulk`,
      only(["coordinatorIn", "admin"], "notFound"),
      {
        label: "no pairs chosen",
        params: (f) => ({ id: String(f.arrivalInNb1) }),
      },
    ),
    post(
      (f) => `/coordination/arrivals/${f.arrivalInNb1}/bulk`,
      { ...all("notFound"), anonymous: "login" },
      {
        label: "IDOR: a pair for a need that is not one of the arrival's open steps",
        params: (f) => ({ id: String(f.arrivalInNb1) }),
        form: () => ({ pair: "999999:999999" }),
      },
    ),
  ],
  "coordination.dashboard.arrivals.tsx": [
    get(at("/coordination/dashboard/arrivals"), coordinators),
    get(
      (f) => `/coordination/dashboard/arrivals?neighbourhood=${f.nb1.id}`,
      only(["coordinatorIn", "admin"]),
      {
        label: "a neighbourhood outside one's scope",
      },
    ),
  ],
  "admin.first-steps._index.tsx": [
    get(at("/admin/first-steps"), adminOnly),
    post(at("/admin/first-steps"), adminOnly, { form: () => ({ intent: "nothing" }) }),
  ],
  "admin.first-steps.new.tsx": [
    get(at("/admin/first-steps/new"), adminOnly),
    post(at("/admin/first-steps/new"), adminOnly, { form: () => ({ titleDe: "" }) }),
  ],
  "admin.first-steps.$id.tsx": [
    get((f) => `/admin/first-steps/${f.template}`, adminOnly, {
      params: (f) => ({ id: String(f.template) }),
    }),
    post((f) => `/admin/first-steps/${f.template}`, adminOnly, {
      params: (f) => ({ id: String(f.template) }),
      form: () => ({ titleDe: "" }),
    }),
  ],

  // The dashboard and reports: every coordinator sees their own scope; a filter outside it is refused.
  "coordination.dashboard._index.tsx": [get(at("/coordination/dashboard"), coordinators)],
  "coordination.dashboard.certificates.tsx": [get(at("/coordination/dashboard/certificates"), coordinators)],
  "coordination.dashboard.load.tsx": [get(at("/coordination/dashboard/load"), coordinators)],
  "coordination.dashboard.matches.tsx": [get(at("/coordination/dashboard/matches"), coordinators)],
  "coordination.dashboard.needs.tsx": [
    get(at("/coordination/dashboard/needs"), coordinators),
    get((f) => `/coordination/dashboard/needs?neighbourhood=${f.nb1.id}`, only(["coordinatorIn", "admin"]), {
      label: "a neighbourhood outside one's scope",
    }),
  ],
  "coordination.dashboard.offers.tsx": [get(at("/coordination/dashboard/offers"), coordinators)],
  "coordination.dashboard.shifts.tsx": [get(at("/coordination/dashboard/shifts"), coordinators)],
  "coordination.reports._index.tsx": [get(at("/coordination/reports"), coordinators)],
  "coordination.reports.hours[.csv].ts": [get(at("/coordination/reports/hours.csv?by=month"), coordinators)],
  "coordination.reports.matches[.csv].ts": [get(at("/coordination/reports/matches.csv"), coordinators)],
  "coordination.reports.needs[.csv].ts": [get(at("/coordination/reports/needs.csv"), coordinators)],
  // The audit log: coordinators read their neighbourhoods' events, admins all.
  "coordination.audit.tsx": [get(at("/coordination/audit"), coordinators)],
  // The spreadsheet import: coordinators and admins; each row is checked against the importer's scope.
  "coordination.import.tsx": [
    get(at("/coordination/import"), coordinators),
    post(at("/coordination/import"), coordinators, { form: () => ({ intent: "preview" }) }),
    post(
      at("/coordination/import"),
      { ...coordinators, coordinatorIn: "notFound", coordinatorOut: "notFound", admin: "notFound" },
      {
        label: "IDOR: confirming someone else's (or no) import",
        form: () => ({ intent: "confirm", importId: "999999" }),
      },
    ),
  ],
  // The Engagementnachweis: a volunteer's own confirmed hours (ownership is in the query).
  "volunteer.proof.tsx": [get(at("/volunteer/proof"), volunteerPages)],
  "volunteer.proof[.pdf].ts": [get(at("/volunteer/proof.pdf"), volunteerPages)],

  "admin.tsx": [get(at("/admin"), adminOnly)],
  "admin._index.tsx": [get(at("/admin"), adminOnly)],
  "admin.users._index.tsx": [get(at("/admin/users"), adminOnly)],
  "admin.users.$id.tsx": [
    get((f) => `/admin/users/${f.users.volunteer}`, adminOnly, {
      params: (f) => ({ id: f.users.volunteer }),
    }),
    post((f) => `/admin/users/${f.users.volunteer}`, adminOnly, {
      params: (f) => ({ id: f.users.volunteer }),
      form: () => ({ intent: "none" }),
    }),
  ],
  "admin.invites.tsx": [
    get(at("/admin/invites"), adminOnly),
    post(at("/admin/invites"), adminOnly, { form: () => ({ email: "" }) }),
  ],
  "admin.outbox._index.tsx": [get(at("/admin/outbox"), adminOnly)],
  "admin.system.tsx": [get(at("/admin/system"), adminOnly)],
  "admin.settings.tsx": [
    get(at("/admin/settings"), adminOnly),
    post(at("/admin/settings"), adminOnly, { form: () => ({ weightLanguage: "x" }) }),
  ],
  "admin.neighbourhoods._index.tsx": [
    get(at("/admin/neighbourhoods"), adminOnly),
    post(at("/admin/neighbourhoods"), adminOnly, { form: () => ({ name: "" }) }),
  ],
  "admin.neighbourhoods.$id.tsx": [
    get((f) => `/admin/neighbourhoods/${f.nb1.id}`, adminOnly, { params: (f) => ({ id: String(f.nb1.id) }) }),
    post((f) => `/admin/neighbourhoods/${f.nb1.id}`, adminOnly, {
      label: "change (an empty name: refused, nothing changes)",
      params: (f) => ({ id: String(f.nb1.id) }),
      form: () => ({ name: "" }),
    }),
  ],
  "admin.categories._index.tsx": [
    get(at("/admin/categories"), adminOnly),
    post(at("/admin/categories"), adminOnly, { form: () => ({ name: "" }) }),
  ],
  "admin.categories.$id.tsx": [
    get((f) => `/admin/categories/${f.categoryId}`, adminOnly, {
      params: (f) => ({ id: String(f.categoryId) }),
    }),
    post((f) => `/admin/categories/${f.categoryId}`, adminOnly, {
      label: "change (an empty name: refused, nothing changes)",
      params: (f) => ({ id: String(f.categoryId) }),
      form: () => ({ name: "" }),
    }),
  ],
  "admin.outbox.$id.tsx": [
    get((f) => `/admin/outbox/${f.outboxId}`, adminOnly, { params: (f) => ({ id: String(f.outboxId) }) }),
    post((f) => `/admin/outbox/${f.outboxId}`, adminOnly, { params: (f) => ({ id: String(f.outboxId) }) }),
  ],
};

// ---- fixture --------------------------------------------------------------------------------------

let fixture: Fixture;

beforeAll(async () => {
  const db = getDb();
  const nb1 = createNeighbourhood(db);
  const nb2 = createNeighbourhood(db);
  const category = createCategory(db);
  const volunteer = createVolunteer(db).user;
  const otherVolunteer = createVolunteer(db).user;
  const orgMember = createUser(db, { role: "org_member" });
  const otherOrgMember = createUser(db, { role: "org_member" });
  const coordinatorIn = createCoordinator(db, [nb1.id]);
  const coordinatorOut = createCoordinator(db, [nb2.id]);
  const admin = createUser(db, { role: "admin" });
  const orgA = createOrganisation(db, { ownerId: orgMember.id });
  const orgB = createOrganisation(db, { ownerId: otherOrgMember.id });
  const unverifiedOrg = createOrganisation(db, { verifiedAt: null });
  db.insert(organisationNeighbourhoods)
    .values([
      { organisationId: orgA.id, neighbourhoodId: nb1.id },
      { organisationId: orgB.id, neighbourhoodId: nb2.id },
      { organisationId: unverifiedOrg.id, neighbourhoodId: nb1.id },
    ])
    .run();
  const publicEvent = createEvent(db, {
    organisationId: orgA.id,
    neighbourhoodId: nb1.id,
    categoryId: category.id,
  });
  const draft = createEvent(db, {
    organisationId: orgA.id,
    neighbourhoodId: nb1.id,
    categoryId: category.id,
    status: "draft",
    publishedAt: null,
  });
  const need = db
    .insert(needs)
    .values({
      categoryId: category.id,
      neighbourhoodId: nb1.id,
      createdBy: coordinatorIn.id,
      title: "Begleitung zum Amt",
      description: "Eine Familie braucht Begleitung.",
      startsAt: new Date(Date.now() + 86_400_000),
      endsAt: new Date(Date.now() + 90_000_000),
    })
    .returning({ id: needs.id })
    .get();
  const template = db
    .insert(firstStepTemplates)
    .values({ categoryId: category.id, leadDays: 7 })
    .returning({ id: firstStepTemplates.id })
    .get();
  db.insert(firstStepTemplateTexts)
    .values({
      templateId: template.id,
      locale: "de",
      title: "Anmeldung",
      description: "Zur Anmeldung begleiten.",
    })
    .run();
  const arrival = db
    .insert(arrivals)
    .values({
      code: "A-2026-901",
      neighbourhoodId: nb1.id,
      arrivalDate: new Date(Date.now() + 86_400_000).toISOString().slice(0, 10),
      householdSize: 2,
      age18to64: 2,
      createdBy: coordinatorIn.id,
    })
    .returning({ id: arrivals.id })
    .get();
  db.insert(arrivalSteps)
    .values({
      arrivalId: arrival.id,
      templateId: template.id,
      needId: need.id,
      dueOn: new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10),
      leadDays: 7,
    })
    .run();
  const outbox = db
    .insert(emailOutbox)
    .values({
      messageId: "<matrix@test>",
      toAddress: "x@beispiel.test",
      kind: "invite",
      subject: "s",
      bodyText: "b",
      bodyHtml: "<p>b</p>",
    })
    .returning({ id: emailOutbox.id })
    .get();
  const calendarToken = "matrix-calendar-token-0123456789abcdefghijk";
  db.update(volunteerProfiles).set({ calendarToken }).where(eq(volunteerProfiles.userId, volunteer.id)).run();
  const publicShift = createShift(db, {
    eventId: publicEvent.id,
    startsAt: publicEvent.startsAt,
    neededCount: 5,
  });
  const draftShift = createShift(db, { eventId: draft.id, startsAt: draft.startsAt });
  const otherShift = createShift(db, {
    eventId: publicEvent.id,
    startsAt: new Date(publicEvent.startsAt.getTime() + 3 * 86_400_000),
    confirmedCount: 1, // the volunteer's sign-up below
  });
  const signupOfVolunteer = db
    .insert(signups)
    .values({ shiftId: otherShift.id, volunteerId: volunteer.id, status: "confirmed" })
    .returning({ id: signups.id })
    .get();
  const offerOfVolunteer = db
    .insert(offers)
    .values({ volunteerId: volunteer.id, categoryId: category.id, title: "Begleitung" })
    .returning({ id: offers.id })
    .get();
  const offerOfOrgA = db
    .insert(offers)
    .values({ organisationId: orgA.id, categoryId: category.id, title: "Sportgruppe" })
    .returning({ id: offers.id })
    .get();
  const match = db
    .insert(matches)
    .values({
      needId: need.id,
      offerId: offerOfVolunteer.id,
      score: 50,
      proposedBy: coordinatorIn.id,
      proposedAt: new Date(),
    })
    .returning({ id: matches.id })
    .get();
  const victim = createVolunteer(db).user;
  await sessionCookieFor(victim.id);
  const victimSessionId = db
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.userId, victim.id))
    .get()!.id;

  fixture = {
    users: {
      volunteer: volunteer.id,
      otherVolunteer: otherVolunteer.id,
      orgMember: orgMember.id,
      otherOrgMember: otherOrgMember.id,
      coordinatorIn: coordinatorIn.id,
      coordinatorOut: coordinatorOut.id,
      admin: admin.id,
    },
    nb1: { id: nb1.id, slug: nb1.slug },
    categorySlug: category.slug,
    categoryId: category.id,
    orgA: orgA.id,
    orgB: orgB.id,
    unverifiedOrg: unverifiedOrg.id,
    publicEvent: publicEvent.id,
    draftEventOfOrgA: draft.id,
    needInNb1: need.id,
    arrivalInNb1: arrival.id,
    template: template.id,
    matchOfVolunteer: match.id,
    outboxId: outbox.id,
    calendarToken,
    victimSessionId,
    publicShift: publicShift.id,
    draftShift: draftShift.id,
    signupOfVolunteer: signupOfVolunteer.id,
    offerOfVolunteer: offerOfVolunteer.id,
    offerOfOrgA: offerOfOrgA.id,
  };
});

// ---- running --------------------------------------------------------------------------------------

type RouteModule = {
  loader?: (args: LoaderFunctionArgs) => unknown;
  action?: (args: ActionFunctionArgs) => unknown;
};
const modules = import.meta.glob<RouteModule>("../../app/routes/*.{ts,tsx}");
const moduleOf = (file: string) => modules[`../../app/routes/${file}`]!();

function classify(result: RouteResult): Outcome {
  if (result.status === 403) return "forbidden";
  if (result.status === 404) return "notFound";
  if (result.status >= 300 && result.status < 400 && result.location?.startsWith("/login")) return "login";
  return "allow";
}

let ipCounter = 0;

async function run(file: string, c: Case, actor: Actor): Promise<Outcome> {
  const mod = await moduleOf(file);
  const fn = c.fn === "loader" ? mod.loader : mod.action;
  if (!fn) throw new Error(`${file} has no ${c.fn}`);
  // A fresh session per call: a logout or "log out everywhere" in one case cannot leak into the next.
  const cookie = actor === "anonymous" ? null : await sessionCookieFor(fixture.users[actor]);
  const options = {
    cookie,
    params: c.params?.(fixture),
    form: c.form?.(fixture),
    clientIp: `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`,
  };
  const result =
    c.fn === "loader"
      ? await callLoader(fn, c.path(fixture), options)
      : await callAction(fn, c.path(fixture), options);
  return classify(result);
}

describe("authorization matrix", () => {
  it("covers every route module and every loader and action it exports", async () => {
    const files = readdirSync(join(import.meta.dirname, "../../app/routes")).filter(
      (f) => /\.tsx?$/.test(f) && !/\.test\.tsx?$/.test(f),
    );
    const missing = files.filter((f) => !(f in MATRIX));
    expect(missing, "route files without an entry in the authorization matrix").toEqual([]);
    const stale = Object.keys(MATRIX).filter((f) => !files.includes(f));
    expect(stale, "matrix entries for route files that no longer exist").toEqual([]);
    for (const file of files) {
      const mod = await moduleOf(file);
      for (const fn of ["loader", "action"] as const) {
        if (mod[fn])
          expect(
            MATRIX[file]!.some((c) => c.fn === fn),
            `${file}: its ${fn} has no case`,
          ).toBe(true);
      }
    }
  });

  for (const [file, cases] of Object.entries(MATRIX)) {
    for (const c of cases) {
      it(`${file} ${c.fn}${c.label ? ` (${c.label})` : ""}`, async () => {
        const actual: Partial<Expectation> = {};
        for (const actor of ACTORS) actual[actor] = await run(file, c, actor);
        expect(actual).toEqual(c.expect);
      });
    }
  }
});
