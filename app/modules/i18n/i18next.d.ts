import "i18next";
import type activities from "~/locales/de/activities.json";
import type admin from "~/locales/de/admin.json";
import type arrivals from "~/locales/de/arrivals.json";
import type auth from "~/locales/de/auth.json";
import type common from "~/locales/de/common.json";
import type coordination from "~/locales/de/coordination.json";
import type dashboard from "~/locales/de/dashboard.json";
import type email from "~/locales/de/email.json";
import type events from "~/locales/de/events.json";
import type help from "~/locales/de/help.json";
import type home from "~/locales/de/home.json";
import type matches from "~/locales/de/matches.json";
import type matching from "~/locales/de/matching.json";
import type needs from "~/locales/de/needs.json";
import type notifications from "~/locales/de/notifications.json";
import type offers from "~/locales/de/offers.json";
import type operations from "~/locales/de/operations.json";
import type organisations from "~/locales/de/organisations.json";
import type privacy from "~/locales/de/privacy.json";
import type proof from "~/locales/de/proof.json";
import type reach from "~/locales/de/reach.json";
import type reports from "~/locales/de/reports.json";
import type settings from "~/locales/de/settings.json";
import type volunteer from "~/locales/de/volunteer.json";

declare module "i18next" {
  interface CustomTypeOptions {
    defaultNS: "common";
    resources: {
      activities: typeof activities;
      admin: typeof admin;
      arrivals: typeof arrivals;
      auth: typeof auth;
      common: typeof common;
      coordination: typeof coordination;
      dashboard: typeof dashboard;
      email: typeof email;
      events: typeof events;
      help: typeof help;
      home: typeof home;
      matches: typeof matches;
      matching: typeof matching;
      needs: typeof needs;
      notifications: typeof notifications;
      offers: typeof offers;
      operations: typeof operations;
      organisations: typeof organisations;
      privacy: typeof privacy;
      proof: typeof proof;
      reach: typeof reach;
      reports: typeof reports;
      settings: typeof settings;
      volunteer: typeof volunteer;
    };
  }
}
