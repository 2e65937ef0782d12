import type { Db } from "@db/client";

/**
 * A person ("subject") with rows in every table that can hold data about them — through every kind of
 * link in PERSONAL_DATA_MAP — plus a second person and a coordinator around them, so that tests can
 * check what an export contains, what erasure leaves, and that nothing of the others leaks in.
 * Raw SQL on purpose: the fixture must not depend on the modules under test.
 */
export interface PrivacyFixture {
  subjectId: string;
  subjectEmail: string;
  otherId: string;
  otherEmail: string;
  coordinatorId: string;
  adminId: string;
  /** Unique strings placed only in the subject's data. */
  subjectMarkers: string[];
  /** Unique strings placed only in the other person's data. */
  otherMarkers: string[];
  ids: {
    categoryId: number;
    category2Id: number;
    neighbourhoodId: number;
    organisationId: number;
    subjectOfferId: number;
    orgOfferId: number;
    subjectNeedId: number;
    otherNeedId: number;
    eventId: number;
    pastShiftId: number;
    futureShiftId: number;
    liveMatchId: number;
  };
}

const DAY = 24 * 60 * 60 * 1000;

export function insertRow(db: Db, table: string, values: Record<string, unknown>): number {
  const names = Object.keys(values);
  const statement = db.$client.prepare(
    `INSERT INTO "${table}" (${names.map((n) => `"${n}"`).join(", ")}) VALUES (${names.map(() => "?").join(", ")})`,
  );
  const params = names.map((n) => {
    const v = values[n];
    if (v instanceof Date) return v.getTime();
    if (typeof v === "boolean") return v ? 1 : 0;
    if (v !== null && typeof v === "object") return JSON.stringify(v);
    return v;
  });
  return Number(statement.run(...params).lastInsertRowid);
}

export function buildPrivacyFixture(db: Db, tag: string, now = Date.now()): PrivacyFixture {
  const m = (what: string) => `zq${what}${tag}marker`;
  const subjectMarkers = [
    m("name"),
    m("bio"),
    m("skill"),
    m("offer"),
    m("decline"),
    m("note"),
    m("phone"),
    m("mail"),
    m("street"),
  ];
  const otherMarkers = [m("othername"), m("otherbio"), m("otheroffer")];
  const subjectId = `subject-${tag}`;
  const otherId = `other-${tag}`;
  const coordinatorId = `coord-${tag}`;
  const adminId = `admin-${tag}`;
  const subjectEmail = `${m("mail")}@example.org`;
  const otherEmail = `other-${tag}@example.org`;
  const ins = (table: string, values: Record<string, unknown>) => insertRow(db, table, values);

  const categoryId = ins("categories", {
    slug: `care${tag}`.toLowerCase().replace(/[^a-z]/g, ""),
    name: "Care",
  });
  const category2Id = ins("categories", {
    slug: `sport${tag}`.toLowerCase().replace(/[^a-z]/g, ""),
    name: "Sport",
  });
  const neighbourhoodId = ins("neighbourhoods", {
    slug: `nb-${tag}`,
    name: "Altstadt",
    municipality: "G",
    lat: 51.5,
    lon: 7.1,
  });

  ins("users", {
    id: subjectId,
    email: subjectEmail,
    email_verified_at: now - 50 * DAY,
    password_hash: `$argon2id$v=19$m=19456,t=2,p=1$${tag}salt$${tag}hashvalue`,
    display_name: `Ana ${m("name")}`,
    role: "volunteer",
    locale: "en",
    phone: `+49 170 ${m("phone")}`,
    gender: "female",
    password_changed_at: now - 40 * DAY,
    last_login_at: now - DAY,
  });
  ins("users", { id: otherId, email: otherEmail, password_hash: "x", display_name: `Ben ${m("othername")}` });
  ins("users", {
    id: coordinatorId,
    email: `coord-${tag}@example.org`,
    password_hash: "x",
    display_name: "Coordinator",
    role: "coordinator",
  });
  ins("users", {
    id: adminId,
    email: `admin-${tag}@example.org`,
    password_hash: "x",
    display_name: "Admin",
    role: "admin",
  });

  ins("sessions", {
    id: `sessionhash-${tag}-subject`,
    user_id: subjectId,
    expires_at: Math.floor(now / 1000) + 3600,
    user_agent: "Firefox",
  });
  ins("sessions", {
    id: `sessionhash-${tag}-other`,
    user_id: otherId,
    expires_at: Math.floor(now / 1000) + 3600,
  });
  ins("auth_tokens", {
    token_hash: `tok-${tag}-1`,
    purpose: "password_reset",
    user_id: subjectId,
    email: subjectEmail,
    expires_at: now + DAY,
    created_at: now,
  });
  ins("auth_tokens", {
    token_hash: `tok-${tag}-2`,
    purpose: "email_change",
    email: subjectEmail,
    expires_at: now + DAY,
    created_at: now,
  });
  ins("auth_tokens", {
    token_hash: `tok-${tag}-3`,
    purpose: "invite",
    email: `invitee-${tag}@example.org`,
    role: "volunteer",
    created_by: subjectId,
    expires_at: now + DAY,
    created_at: now,
  });
  ins("coordinator_neighbourhoods", { user_id: subjectId, neighbourhood_id: neighbourhoodId });
  ins("login_throttle", { key: `login:account:${subjectEmail}`, failures: 2, window_started_at: now - 1000 });
  ins("login_throttle", { key: `invite:user:${subjectId}`, failures: 3, window_started_at: now - 1000 });
  ins("login_throttle", { key: `login:ip:10.0.0.${tag.length}`, failures: 1, window_started_at: now - 1000 });

  const organisationId = ins("organisations", {
    slug: `org-${tag}`,
    name: "Sportverein",
    kind: "sports_club",
    // Copied from the owner at registration: the person's own address.
    email: subjectEmail,
    verified_at: now - 10 * DAY,
    verified_by: subjectId,
  });
  ins("organisation_neighbourhoods", { organisation_id: organisationId, neighbourhood_id: neighbourhoodId });
  ins("memberships", { organisation_id: organisationId, user_id: subjectId, role: "owner" });

  // The home address at street precision, and the geocoder's answer for it.
  const homeKey = `geokey-${tag}-subject`;
  ins("geocode_cache", { key: homeKey, status: "found", lat: 51.501, lon: 7.101, looked_up_at: now - DAY });
  ins("geocode_cache", { key: `geokey-${tag}-other`, status: "not_found", looked_up_at: now - DAY });
  ins("volunteer_profiles", {
    user_id: subjectId,
    home_neighbourhood_id: neighbourhoodId,
    home_precision: "street",
    home_street: `Bahnhofstraße 1 ${m("street")}`,
    home_postcode: "45879",
    home_geocode_key: homeKey,
    radius_km: 4,
    hours_cap_per_week: 6,
    bio: `I like helping. ${m("bio")}`,
    certificate_valid_until: "2030-01-01",
    certificate_verified_at: now - 20 * DAY,
    certificate_verified_by: coordinatorId,
    calendar_token: `caltoken-${tag}-secret`,
  });
  ins("volunteer_profiles", {
    user_id: otherId,
    home_precision: "postcode",
    home_postcode: "45881",
    home_geocode_key: `geokey-${tag}-other`,
    bio: `Other bio ${m("otherbio")}`,
    certificate_valid_until: "2030-01-01",
    certificate_verified_at: now - 5 * DAY,
    certificate_verified_by: subjectId,
  });
  ins("volunteer_languages", { user_id: subjectId, language: "de", level: "native" });
  ins("volunteer_languages", { user_id: subjectId, language: "uk", level: "good" });
  ins("volunteer_skills", { user_id: subjectId, skill: `cooking ${m("skill")}` });
  ins("volunteer_neighbourhoods", { user_id: subjectId, neighbourhood_id: neighbourhoodId });
  ins("volunteer_availability", { user_id: subjectId, weekday: 2, start_minute: 600, end_minute: 720 });

  const subjectOfferId = ins("offers", {
    volunteer_id: subjectId,
    category_id: categoryId,
    title: "Homework help",
    description: `Maths ${m("offer")}`,
    capacity: 3,
    valid_until: "2030-01-01",
  });
  const otherOfferId = ins("offers", {
    volunteer_id: otherId,
    category_id: categoryId,
    title: `Other ${m("otheroffer")}`,
  });
  const orgOfferId = ins("offers", {
    organisation_id: organisationId,
    category_id: category2Id,
    title: "Football",
  });
  ins("offer_languages", { offer_id: subjectOfferId, language: "de" });
  ins("offer_neighbourhoods", { offer_id: subjectOfferId, neighbourhood_id: neighbourhoodId });
  ins("offer_availability", { offer_id: subjectOfferId, weekday: 3, start_minute: 900, end_minute: 1020 });
  ins("offer_languages", { offer_id: otherOfferId, language: "ar" });

  const need = (createdBy: string, status: string, title: string) =>
    ins("needs", {
      category_id: categoryId,
      neighbourhood_id: neighbourhoodId,
      created_by: createdBy,
      title,
      description: "Support for a family",
      starts_at: now - 30 * DAY,
      ends_at: now + 30 * DAY,
      helpers_needed: 1,
      status,
      closed_at: status === "closed" ? now - DAY : null,
    });
  const subjectNeedId = need(subjectId, "matched", "Need recorded by the subject");
  const otherNeedId = need(coordinatorId, "matched", "Need with a live match");
  const completedNeedId = need(coordinatorId, "closed", "Completed need");
  const declinedNeedId = need(coordinatorId, "open", "Declined need");
  ins("need_languages", { need_id: otherNeedId, language: "uk" });
  ins("need_translations", { need_id: otherNeedId, locale: "en", title: "T", description: "D" });

  // An arrival the subject recorded (as a coordinator would), planned from a first-step template.
  const templateId = ins("first_step_templates", { category_id: categoryId, lead_days: 7 });
  ins("first_step_template_texts", {
    template_id: templateId,
    locale: "de",
    title: "Anmeldung",
    description: "Begleitung zur Anmeldung",
  });
  const arrivalId = ins("arrivals", {
    code: `A-2026-${tag === "exp" ? "101" : tag === "noise" ? "102" : "103"}`,
    neighbourhood_id: neighbourhoodId,
    arrival_date: "2026-03-02",
    household_size: 2,
    age_18_64: 2,
    created_by: subjectId,
  });
  ins("arrival_languages", { arrival_id: arrivalId, language: "ar", level: "native" });
  ins("arrival_steps", {
    arrival_id: arrivalId,
    template_id: templateId,
    need_id: subjectNeedId,
    due_on: "2026-03-09",
    lead_days: 7,
  });

  const eventId = ins("events", {
    organisation_id: organisationId,
    created_by: subjectId,
    category_id: category2Id,
    neighbourhood_id: neighbourhoodId,
    title: "Summer party",
    starts_at: now - 2 * DAY,
    ends_at: now + 10 * DAY,
    status: "published",
  });
  ins("event_languages", { event_id: eventId, language: "de" });
  const pastShiftId = ins("shifts", {
    event_id: eventId,
    title: "Setup",
    starts_at: now - 2 * DAY,
    ends_at: now - 2 * DAY + 7_200_000,
    needed_count: 2,
    confirmed_count: 1,
  });
  const futureShiftId = ins("shifts", {
    event_id: eventId,
    title: "Grill",
    starts_at: now + 5 * DAY,
    ends_at: now + 5 * DAY + 7_200_000,
    needed_count: 1,
    confirmed_count: 1,
  });
  const pastSignupId = ins("signups", {
    shift_id: pastShiftId,
    volunteer_id: subjectId,
    status: "confirmed",
    attendance: "present",
  });
  ins("signups", { shift_id: futureShiftId, volunteer_id: subjectId, status: "confirmed" });
  ins("signups", { shift_id: futureShiftId, volunteer_id: otherId, status: "waitlisted" });

  const match = (needId: number, offerId: number, status: string, extra: Record<string, unknown> = {}) =>
    ins("matches", {
      need_id: needId,
      offer_id: offerId,
      status,
      score: 77,
      score_language: 0.9,
      distance_km: 1.2,
      proposed_by: coordinatorId,
      proposed_at: now - 20 * DAY,
      ...extra,
    });
  const completedMatchId = match(completedNeedId, subjectOfferId, "completed", {
    responded_at: now - 19 * DAY,
    completed_at: now - 2 * DAY,
  });
  const liveMatchId = match(otherNeedId, subjectOfferId, "active", { responded_at: now - 19 * DAY });
  match(declinedNeedId, subjectOfferId, "declined", {
    responded_at: now - 19 * DAY,
    decline_reason: `No time ${m("decline")}`,
  });
  match(subjectNeedId, orgOfferId, "accepted", { proposed_by: subjectId });

  ins("hours_log", {
    volunteer_id: subjectId,
    date: "2026-01-10",
    hours: 2.5,
    source: "match",
    match_id: completedMatchId,
    category_id: categoryId,
    activity: "Homework",
    note: `Went well ${m("note")}`,
    confirmed_by: coordinatorId,
    confirmed_at: now - DAY,
  });
  ins("hours_log", {
    volunteer_id: subjectId,
    date: "2026-01-12",
    hours: 2,
    source: "shift",
    signup_id: pastSignupId,
    organisation_id: organisationId,
    category_id: category2Id,
  });
  ins("hours_log", {
    volunteer_id: otherId,
    date: "2026-01-11",
    hours: 1,
    source: "other",
    category_id: categoryId,
    confirmed_by: subjectId,
    confirmed_at: now - DAY,
  });

  ins("shift_messages", {
    event_id: eventId,
    shift_id: futureShiftId,
    sender_id: subjectId,
    body: `The hall changed ${m("message")}`,
    recipient_count: 1,
  });
  ins("urgent_reach", {
    need_id: subjectNeedId,
    started_at: now - DAY,
    started_by: subjectId,
    waves_sent: 1,
  });
  ins("urgent_requests", {
    need_id: otherNeedId,
    volunteer_id: subjectId,
    offer_id: subjectOfferId,
    wave: 1,
    score: 80,
    asked_at: now - DAY,
    expires_at: now + DAY,
    answer: "no",
    answered_at: now - DAY + 60_000,
  });
  ins("alert_digests", {
    user_id: subjectId,
    frequency: "weekly",
    covered_until: now - DAY,
    last_run_at: now - DAY,
  });
  ins("urgent_requests", {
    need_id: otherNeedId,
    volunteer_id: otherId,
    wave: 1,
    score: 70,
    asked_at: now - DAY,
    expires_at: now + DAY,
  });

  ins("notifications", {
    user_id: subjectId,
    kind: "match_proposed",
    params: { needTitle: "Homework" },
    link: "/matches/1",
  });
  ins("notifications", {
    user_id: coordinatorId,
    kind: "match_accepted",
    params: { needTitle: "Homework", helperName: `Ana ${m("name")}` },
  });
  ins("notification_preferences", { user_id: subjectId, kind: "shift_reminder", channel: "inbox_email" });
  ins("email_outbox", {
    message_id: `<a-${tag}@x>`,
    user_id: subjectId,
    to_address: subjectEmail,
    kind: "match_proposed",
    subject: "New match",
    body_text: `Hello Ana ${m("name")}`,
    body_html: `<p>Hello Ana ${m("name")}</p>`,
  });
  ins("email_outbox", {
    message_id: `<b-${tag}@x>`,
    to_address: subjectEmail,
    kind: "invite",
    subject: "Invitation",
    body_text: "Join",
    body_html: "<p>Join</p>",
    status: "failed",
    last_error: `550 ${subjectEmail} unknown`,
  });
  ins("email_outbox", {
    message_id: `<c-${tag}@x>`,
    user_id: coordinatorId,
    to_address: `coord-${tag}@example.org`,
    kind: "match_accepted",
    subject: "Accepted",
    body_text: `Ana ${m("name")} accepted`,
    body_html: `<p>Ana ${m("name")} accepted</p>`,
  });
  ins("scheduled_jobs", {
    kind: "shift_reminder",
    dedupe_key: `reminder-${tag}`,
    run_at: now + DAY,
    payload: { userId: subjectId, shiftId: futureShiftId },
  });
  ins("scheduled_jobs", {
    kind: "retention",
    dedupe_key: `retention-${tag}`,
    run_at: now + DAY,
    payload: {},
  });
  ins("audit_events", {
    actor_id: subjectId,
    action: "need.create",
    entity_type: "need",
    entity_id: String(subjectNeedId),
    neighbourhood_id: neighbourhoodId,
    details: { fields: ["title"] },
  });
  ins("audit_events", {
    actor_id: coordinatorId,
    action: "certificate.verify",
    entity_type: "volunteer_profile",
    entity_id: subjectId,
    details: { email: subjectEmail },
  });
  ins("audit_events", {
    actor_id: coordinatorId,
    action: "match.accept",
    entity_type: "match",
    entity_id: String(liveMatchId),
    details: { helper: `Ana ${m("name")}`, score: 77 },
  });

  ins("spreadsheet_imports", {
    created_by: subjectId,
    file_name: `vereine-${m("importfile")}.csv`,
    content: null,
    status: "imported",
    row_count: 12,
    organisations_created: 3,
    activities_created: 9,
    created_at: now - DAY,
    finished_at: now - DAY,
  });

  return {
    subjectId,
    subjectEmail,
    otherId,
    otherEmail,
    coordinatorId,
    adminId,
    subjectMarkers,
    otherMarkers,
    ids: {
      categoryId,
      category2Id,
      neighbourhoodId,
      organisationId,
      subjectOfferId,
      orgOfferId,
      subjectNeedId,
      otherNeedId,
      eventId,
      pastShiftId,
      futureShiftId,
      liveMatchId,
    },
  };
}
