// Every relation in one file, so the table files never import each other in cycles.
import { relations } from "drizzle-orm";
import {
  arrivalLanguages,
  arrivals,
  arrivalSteps,
  firstStepTemplateAgeGroups,
  firstStepTemplateLanguages,
  firstStepTemplates,
  firstStepTemplateTexts,
} from "./arrivals";
import { auditEvents } from "./audit";
import { eventLanguages, events, eventTranslations, shifts } from "./events";
import { hoursLog, matches } from "./matches";
import { needLanguages, needs, needSlots, needTranslations } from "./needs";
import { notifications } from "./notifications";
import { offerAvailability, offerLanguages, offerNeighbourhoods, offers } from "./offers";
import {
  memberships,
  organisationNeighbourhoods,
  organisationPlaces,
  organisations,
  organisationTranslations,
} from "./organisations";
import { categories, neighbourhoods } from "./places";
import { signups } from "./signups";
import { coordinatorNeighbourhoods, sessions, users } from "./users";
import {
  volunteerAvailability,
  volunteerLanguages,
  volunteerNeighbourhoods,
  volunteerProfiles,
  volunteerSkills,
} from "./volunteers";

export const usersRelations = relations(users, ({ one, many }) => ({
  sessions: many(sessions),
  volunteerProfile: one(volunteerProfiles, { fields: [users.id], references: [volunteerProfiles.userId] }),
  memberships: many(memberships),
  coordinatorNeighbourhoods: many(coordinatorNeighbourhoods),
  signups: many(signups),
  notifications: many(notifications),
}));

export const sessionsRelations = relations(sessions, ({ one }) => ({
  user: one(users, { fields: [sessions.userId], references: [users.id] }),
}));

export const coordinatorNeighbourhoodsRelations = relations(coordinatorNeighbourhoods, ({ one }) => ({
  user: one(users, { fields: [coordinatorNeighbourhoods.userId], references: [users.id] }),
  neighbourhood: one(neighbourhoods, {
    fields: [coordinatorNeighbourhoods.neighbourhoodId],
    references: [neighbourhoods.id],
  }),
}));

export const neighbourhoodsRelations = relations(neighbourhoods, ({ many }) => ({
  needs: many(needs),
  events: many(events),
}));

export const categoriesRelations = relations(categories, ({ many }) => ({
  needs: many(needs),
  events: many(events),
  offers: many(offers),
}));

export const organisationsRelations = relations(organisations, ({ many }) => ({
  memberships: many(memberships),
  neighbourhoods: many(organisationNeighbourhoods),
  offers: many(offers),
  events: many(events),
  places: many(organisationPlaces),
  translations: many(organisationTranslations),
}));

export const organisationPlacesRelations = relations(organisationPlaces, ({ one }) => ({
  organisation: one(organisations, {
    fields: [organisationPlaces.organisationId],
    references: [organisations.id],
  }),
  neighbourhood: one(neighbourhoods, {
    fields: [organisationPlaces.neighbourhoodId],
    references: [neighbourhoods.id],
  }),
}));

export const organisationTranslationsRelations = relations(organisationTranslations, ({ one }) => ({
  organisation: one(organisations, {
    fields: [organisationTranslations.organisationId],
    references: [organisations.id],
  }),
}));

export const organisationNeighbourhoodsRelations = relations(organisationNeighbourhoods, ({ one }) => ({
  organisation: one(organisations, {
    fields: [organisationNeighbourhoods.organisationId],
    references: [organisations.id],
  }),
  neighbourhood: one(neighbourhoods, {
    fields: [organisationNeighbourhoods.neighbourhoodId],
    references: [neighbourhoods.id],
  }),
}));

export const membershipsRelations = relations(memberships, ({ one }) => ({
  organisation: one(organisations, { fields: [memberships.organisationId], references: [organisations.id] }),
  user: one(users, { fields: [memberships.userId], references: [users.id] }),
}));

export const volunteerProfilesRelations = relations(volunteerProfiles, ({ one, many }) => ({
  user: one(users, { fields: [volunteerProfiles.userId], references: [users.id] }),
  homeNeighbourhood: one(neighbourhoods, {
    fields: [volunteerProfiles.homeNeighbourhoodId],
    references: [neighbourhoods.id],
  }),
  languages: many(volunteerLanguages),
  skills: many(volunteerSkills),
  neighbourhoods: many(volunteerNeighbourhoods),
  availability: many(volunteerAvailability),
}));

export const volunteerLanguagesRelations = relations(volunteerLanguages, ({ one }) => ({
  profile: one(volunteerProfiles, {
    fields: [volunteerLanguages.userId],
    references: [volunteerProfiles.userId],
  }),
}));

export const volunteerSkillsRelations = relations(volunteerSkills, ({ one }) => ({
  profile: one(volunteerProfiles, {
    fields: [volunteerSkills.userId],
    references: [volunteerProfiles.userId],
  }),
}));

export const volunteerNeighbourhoodsRelations = relations(volunteerNeighbourhoods, ({ one }) => ({
  profile: one(volunteerProfiles, {
    fields: [volunteerNeighbourhoods.userId],
    references: [volunteerProfiles.userId],
  }),
  neighbourhood: one(neighbourhoods, {
    fields: [volunteerNeighbourhoods.neighbourhoodId],
    references: [neighbourhoods.id],
  }),
}));

export const volunteerAvailabilityRelations = relations(volunteerAvailability, ({ one }) => ({
  profile: one(volunteerProfiles, {
    fields: [volunteerAvailability.userId],
    references: [volunteerProfiles.userId],
  }),
}));

export const offersRelations = relations(offers, ({ one, many }) => ({
  volunteer: one(users, { fields: [offers.volunteerId], references: [users.id] }),
  organisation: one(organisations, { fields: [offers.organisationId], references: [organisations.id] }),
  category: one(categories, { fields: [offers.categoryId], references: [categories.id] }),
  languages: many(offerLanguages),
  neighbourhoods: many(offerNeighbourhoods),
  availability: many(offerAvailability),
  matches: many(matches),
}));

export const offerLanguagesRelations = relations(offerLanguages, ({ one }) => ({
  offer: one(offers, { fields: [offerLanguages.offerId], references: [offers.id] }),
}));

export const offerNeighbourhoodsRelations = relations(offerNeighbourhoods, ({ one }) => ({
  offer: one(offers, { fields: [offerNeighbourhoods.offerId], references: [offers.id] }),
  neighbourhood: one(neighbourhoods, {
    fields: [offerNeighbourhoods.neighbourhoodId],
    references: [neighbourhoods.id],
  }),
}));

export const offerAvailabilityRelations = relations(offerAvailability, ({ one }) => ({
  offer: one(offers, { fields: [offerAvailability.offerId], references: [offers.id] }),
}));

export const needsRelations = relations(needs, ({ one, many }) => ({
  category: one(categories, { fields: [needs.categoryId], references: [categories.id] }),
  neighbourhood: one(neighbourhoods, { fields: [needs.neighbourhoodId], references: [neighbourhoods.id] }),
  organisation: one(organisations, { fields: [needs.organisationId], references: [organisations.id] }),
  author: one(users, { fields: [needs.createdBy], references: [users.id] }),
  languages: many(needLanguages),
  slots: many(needSlots),
  translations: many(needTranslations),
  matches: many(matches),
}));

export const needLanguagesRelations = relations(needLanguages, ({ one }) => ({
  need: one(needs, { fields: [needLanguages.needId], references: [needs.id] }),
}));

export const needSlotsRelations = relations(needSlots, ({ one }) => ({
  need: one(needs, { fields: [needSlots.needId], references: [needs.id] }),
}));

export const needTranslationsRelations = relations(needTranslations, ({ one }) => ({
  need: one(needs, { fields: [needTranslations.needId], references: [needs.id] }),
}));

export const eventsRelations = relations(events, ({ one, many }) => ({
  organisation: one(organisations, { fields: [events.organisationId], references: [organisations.id] }),
  author: one(users, { fields: [events.createdBy], references: [users.id] }),
  category: one(categories, { fields: [events.categoryId], references: [categories.id] }),
  neighbourhood: one(neighbourhoods, { fields: [events.neighbourhoodId], references: [neighbourhoods.id] }),
  place: one(organisationPlaces, { fields: [events.placeId], references: [organisationPlaces.id] }),
  languages: many(eventLanguages),
  translations: many(eventTranslations),
  shifts: many(shifts),
}));

export const eventLanguagesRelations = relations(eventLanguages, ({ one }) => ({
  event: one(events, { fields: [eventLanguages.eventId], references: [events.id] }),
}));

export const eventTranslationsRelations = relations(eventTranslations, ({ one }) => ({
  event: one(events, { fields: [eventTranslations.eventId], references: [events.id] }),
}));

export const shiftsRelations = relations(shifts, ({ one, many }) => ({
  event: one(events, { fields: [shifts.eventId], references: [events.id] }),
  signups: many(signups),
}));

export const signupsRelations = relations(signups, ({ one }) => ({
  shift: one(shifts, { fields: [signups.shiftId], references: [shifts.id] }),
  volunteer: one(users, { fields: [signups.volunteerId], references: [users.id] }),
}));

export const matchesRelations = relations(matches, ({ one, many }) => ({
  need: one(needs, { fields: [matches.needId], references: [needs.id] }),
  offer: one(offers, { fields: [matches.offerId], references: [offers.id] }),
  hours: many(hoursLog),
}));

export const hoursLogRelations = relations(hoursLog, ({ one }) => ({
  volunteer: one(users, { fields: [hoursLog.volunteerId], references: [users.id] }),
  match: one(matches, { fields: [hoursLog.matchId], references: [matches.id] }),
  signup: one(signups, { fields: [hoursLog.signupId], references: [signups.id] }),
  organisation: one(organisations, { fields: [hoursLog.organisationId], references: [organisations.id] }),
  category: one(categories, { fields: [hoursLog.categoryId], references: [categories.id] }),
}));

export const notificationsRelations = relations(notifications, ({ one }) => ({
  user: one(users, { fields: [notifications.userId], references: [users.id] }),
}));

export const auditEventsRelations = relations(auditEvents, ({ one }) => ({
  actor: one(users, { fields: [auditEvents.actorId], references: [users.id] }),
  neighbourhood: one(neighbourhoods, {
    fields: [auditEvents.neighbourhoodId],
    references: [neighbourhoods.id],
  }),
}));

export const firstStepTemplatesRelations = relations(firstStepTemplates, ({ one, many }) => ({
  category: one(categories, { fields: [firstStepTemplates.categoryId], references: [categories.id] }),
  texts: many(firstStepTemplateTexts),
  ageGroups: many(firstStepTemplateAgeGroups),
  languages: many(firstStepTemplateLanguages),
  steps: many(arrivalSteps),
}));

export const firstStepTemplateTextsRelations = relations(firstStepTemplateTexts, ({ one }) => ({
  template: one(firstStepTemplates, {
    fields: [firstStepTemplateTexts.templateId],
    references: [firstStepTemplates.id],
  }),
}));

export const firstStepTemplateAgeGroupsRelations = relations(firstStepTemplateAgeGroups, ({ one }) => ({
  template: one(firstStepTemplates, {
    fields: [firstStepTemplateAgeGroups.templateId],
    references: [firstStepTemplates.id],
  }),
}));

export const firstStepTemplateLanguagesRelations = relations(firstStepTemplateLanguages, ({ one }) => ({
  template: one(firstStepTemplates, {
    fields: [firstStepTemplateLanguages.templateId],
    references: [firstStepTemplates.id],
  }),
}));

export const arrivalsRelations = relations(arrivals, ({ one, many }) => ({
  neighbourhood: one(neighbourhoods, { fields: [arrivals.neighbourhoodId], references: [neighbourhoods.id] }),
  author: one(users, { fields: [arrivals.createdBy], references: [users.id] }),
  languages: many(arrivalLanguages),
  steps: many(arrivalSteps),
}));

export const arrivalLanguagesRelations = relations(arrivalLanguages, ({ one }) => ({
  arrival: one(arrivals, { fields: [arrivalLanguages.arrivalId], references: [arrivals.id] }),
}));

export const arrivalStepsRelations = relations(arrivalSteps, ({ one }) => ({
  arrival: one(arrivals, { fields: [arrivalSteps.arrivalId], references: [arrivals.id] }),
  template: one(firstStepTemplates, {
    fields: [arrivalSteps.templateId],
    references: [firstStepTemplates.id],
  }),
  need: one(needs, { fields: [arrivalSteps.needId], references: [needs.id] }),
}));
