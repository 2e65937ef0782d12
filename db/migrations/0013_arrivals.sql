-- Hand-edited drizzle-kit output. New tables for arrivals and first-step templates; two rebuilds:
-- audit_events (new entity types in its CHECK; no table references it and no trigger sits on it, so DROP
-- TABLE fires nothing, and its AUTOINCREMENT high-water mark is saved and put back, as in 0004) and
-- app_settings (the new retention_months_arrivals column with its range CHECK; drizzle-kit selected the new
-- column from the old table, so the copy leaves it out and the default of 12 applies).
CREATE TABLE `arrival_languages` (
	`arrival_id` integer NOT NULL,
	`language` text NOT NULL,
	`level` text NOT NULL,
	PRIMARY KEY(`arrival_id`, `language`),
	FOREIGN KEY (`arrival_id`) REFERENCES `arrivals`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "arrival_languages_language_check" CHECK(language in ('de', 'en', 'ar', 'uk', 'ru', 'tr', 'fa', 'prs', 'kmr', 'ckb', 'ti', 'so', 'fr', 'es', 'pl', 'ro', 'bg', 'sq', 'ku', 'ps', 'ur', 'it', 'el', 'sr')),
	CONSTRAINT "arrival_languages_level_check" CHECK(level in ('basic', 'good', 'fluent', 'native'))
);
--> statement-breakpoint
CREATE TABLE `arrival_statistics` (
	`neighbourhood_id` integer NOT NULL,
	`month` text NOT NULL,
	`arrivals` integer DEFAULT 0 NOT NULL,
	`persons` integer DEFAULT 0 NOT NULL,
	`age_0_2` integer DEFAULT 0 NOT NULL,
	`age_3_5` integer DEFAULT 0 NOT NULL,
	`age_6_17` integer DEFAULT 0 NOT NULL,
	`age_18_64` integer DEFAULT 0 NOT NULL,
	`age_65_plus` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`neighbourhood_id`, `month`),
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "arrival_statistics_month_format" CHECK(month glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]')
);
--> statement-breakpoint
CREATE TABLE `arrival_step_statistics` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`month` text NOT NULL,
	`template_id` integer,
	`category_id` integer,
	`lead_days` integer NOT NULL,
	`outcome` text NOT NULL,
	`days_to_done` integer,
	`done_within_lead` integer,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `first_step_templates`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "arrival_step_statistics_month_format" CHECK(month glob '[0-9][0-9][0-9][0-9]-[0-1][0-9]'),
	CONSTRAINT "arrival_step_statistics_outcome_check" CHECK(outcome in ('done', 'cancelled', 'open')),
	CONSTRAINT "arrival_step_statistics_done_facts" CHECK((outcome = 'done') = (days_to_done is not null and done_within_lead is not null))
);
--> statement-breakpoint
CREATE INDEX `arrival_step_statistics_nb_month_idx` ON `arrival_step_statistics` (`neighbourhood_id`,`month`);--> statement-breakpoint
CREATE TABLE `arrival_steps` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`arrival_id` integer NOT NULL,
	`template_id` integer NOT NULL,
	`need_id` integer NOT NULL,
	`person_number` integer,
	`due_on` text NOT NULL,
	`lead_days` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`arrival_id`) REFERENCES `arrivals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`template_id`) REFERENCES `first_step_templates`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "arrival_steps_due_format" CHECK(date(due_on) is due_on),
	CONSTRAINT "arrival_steps_person_range" CHECK(person_number is null or person_number between 1 and 30),
	CONSTRAINT "arrival_steps_lead_range" CHECK(lead_days between 0 and 180)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `arrival_steps_need_unique` ON `arrival_steps` (`need_id`);--> statement-breakpoint
CREATE INDEX `arrival_steps_arrival_idx` ON `arrival_steps` (`arrival_id`);--> statement-breakpoint
CREATE INDEX `arrival_steps_template_idx` ON `arrival_steps` (`template_id`);--> statement-breakpoint
CREATE TABLE `arrivals` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`code` text NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`arrival_date` text NOT NULL,
	`household_size` integer NOT NULL,
	`age_0_2` integer DEFAULT 0 NOT NULL,
	`age_3_5` integer DEFAULT 0 NOT NULL,
	`age_6_17` integer DEFAULT 0 NOT NULL,
	`age_18_64` integer DEFAULT 0 NOT NULL,
	`age_65_plus` integer DEFAULT 0 NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "arrivals_code_format" CHECK(code glob 'A-[0-9][0-9][0-9][0-9]-[0-9][0-9][0-9]*'),
	CONSTRAINT "arrivals_date_format" CHECK(date(arrival_date) is arrival_date),
	CONSTRAINT "arrivals_household_range" CHECK(household_size between 1 and 30),
	CONSTRAINT "arrivals_age_groups" CHECK(age_0_2 >= 0 and age_3_5 >= 0 and age_6_17 >= 0 and age_18_64 >= 0 and age_65_plus >= 0
        and age_0_2 + age_3_5 + age_6_17 + age_18_64 + age_65_plus = household_size)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `arrivals_code_unique` ON `arrivals` (`code`);--> statement-breakpoint
CREATE INDEX `arrivals_nb_date_idx` ON `arrivals` (`neighbourhood_id`,`arrival_date`);--> statement-breakpoint
CREATE INDEX `arrivals_date_idx` ON `arrivals` (`arrival_date`);--> statement-breakpoint
CREATE INDEX `arrivals_created_by_idx` ON `arrivals` (`created_by`);--> statement-breakpoint
CREATE TABLE `first_step_template_age_groups` (
	`template_id` integer NOT NULL,
	`age_group` text NOT NULL,
	PRIMARY KEY(`template_id`, `age_group`),
	FOREIGN KEY (`template_id`) REFERENCES `first_step_templates`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "first_step_template_age_groups_check" CHECK(age_group in ('0_2', '3_5', '6_17', '18_64', '65_plus'))
);
--> statement-breakpoint
CREATE TABLE `first_step_template_languages` (
	`template_id` integer NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`template_id`, `language`),
	FOREIGN KEY (`template_id`) REFERENCES `first_step_templates`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "first_step_template_languages_check" CHECK(language in ('de', 'en', 'ar', 'uk', 'ru', 'tr', 'fa', 'prs', 'kmr', 'ckb', 'ti', 'so', 'fr', 'es', 'pl', 'ro', 'bg', 'sq', 'ku', 'ps', 'ur', 'it', 'el', 'sr'))
);
--> statement-breakpoint
CREATE TABLE `first_step_template_texts` (
	`template_id` integer NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	PRIMARY KEY(`template_id`, `locale`),
	FOREIGN KEY (`template_id`) REFERENCES `first_step_templates`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "first_step_template_texts_locale_check" CHECK(locale in ('de', 'en', 'uk', 'ar', 'tr')),
	CONSTRAINT "first_step_template_texts_title_nonempty" CHECK(length(trim(title)) > 0)
);
--> statement-breakpoint
CREATE TABLE `first_step_templates` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` integer NOT NULL,
	`lead_days` integer NOT NULL,
	`start_minute` integer DEFAULT 540 NOT NULL,
	`duration_minutes` integer DEFAULT 120 NOT NULL,
	`per_person` integer DEFAULT false NOT NULL,
	`requires_certificate` integer DEFAULT false NOT NULL,
	`uses_household_languages` integer DEFAULT true NOT NULL,
	`default_selected` integer DEFAULT true NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "first_step_templates_lead_range" CHECK(lead_days between 0 and 180),
	CONSTRAINT "first_step_templates_start_range" CHECK(start_minute between 0 and 1439),
	CONSTRAINT "first_step_templates_duration_range" CHECK(duration_minutes between 15 and 600),
	CONSTRAINT "first_step_templates_ends_same_day" CHECK(start_minute + duration_minutes <= 1440)
);
--> statement-breakpoint
CREATE INDEX `first_step_templates_active_idx` ON `first_step_templates` (`active`,`sort_order`);--> statement-breakpoint
CREATE INDEX `first_step_templates_category_idx` ON `first_step_templates` (`category_id`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
CREATE TABLE `__migration_0013_seq` (`seq` integer);--> statement-breakpoint
INSERT INTO `__migration_0013_seq` (`seq`) SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'audit_events';--> statement-breakpoint
CREATE TABLE `__new_audit_events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`entity_type` text NOT NULL,
	`entity_id` text NOT NULL,
	`neighbourhood_id` integer,
	`details` text DEFAULT '{}' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "audit_events_entity_check" CHECK(entity_type in ('need', 'arrival', 'first_step_template', 'match', 'user', 'volunteer_profile', 'organisation', 'offer', 'event', 'shift', 'signup', 'hours', 'settings', 'import')),
	CONSTRAINT "audit_events_action_nonempty" CHECK(length(action) > 0),
	CONSTRAINT "audit_events_details_json" CHECK(json_valid(details))
);
--> statement-breakpoint
INSERT INTO `__new_audit_events`("id", "actor_id", "action", "entity_type", "entity_id", "neighbourhood_id", "details", "created_at") SELECT "id", "actor_id", "action", "entity_type", "entity_id", "neighbourhood_id", "details", "created_at" FROM `audit_events`;--> statement-breakpoint
DROP TABLE `audit_events`;--> statement-breakpoint
ALTER TABLE `__new_audit_events` RENAME TO `audit_events`;--> statement-breakpoint
DELETE FROM `sqlite_sequence` WHERE `name` = 'audit_events';--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT 'audit_events', `seq` FROM `__migration_0013_seq`;--> statement-breakpoint
DROP TABLE `__migration_0013_seq`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_nb_created_idx` ON `audit_events` (`neighbourhood_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`);--> statement-breakpoint
CREATE TABLE `__new_app_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`retention_days_closed_needs` integer DEFAULT 365 NOT NULL,
	`retention_months_arrivals` integer DEFAULT 12 NOT NULL,
	`reminder_hours_before` integer DEFAULT 24 NOT NULL,
	`weight_language` integer DEFAULT 25 NOT NULL,
	`weight_distance` integer DEFAULT 20 NOT NULL,
	`weight_availability` integer DEFAULT 20 NOT NULL,
	`weight_load` integer DEFAULT 15 NOT NULL,
	`weight_experience` integer DEFAULT 10 NOT NULL,
	`weight_responsiveness` integer DEFAULT 10 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "app_settings_single_row" CHECK(id = 1),
	CONSTRAINT "app_settings_retention_range" CHECK(retention_days_closed_needs between 30 and 3650),
	CONSTRAINT "app_settings_arrival_retention_range" CHECK(retention_months_arrivals between 3 and 120),
	CONSTRAINT "app_settings_reminder_range" CHECK(reminder_hours_before between 1 and 168),
	CONSTRAINT "app_settings_weights_range" CHECK(weight_language between 0 and 100 and weight_distance between 0 and 100
        and weight_availability between 0 and 100 and weight_load between 0 and 100
        and weight_experience between 0 and 100 and weight_responsiveness between 0 and 100),
	CONSTRAINT "app_settings_weights_positive_sum" CHECK(weight_language + weight_distance + weight_availability + weight_load + weight_experience + weight_responsiveness > 0)
);
--> statement-breakpoint
INSERT INTO `__new_app_settings`("id", "retention_days_closed_needs", "reminder_hours_before", "weight_language", "weight_distance", "weight_availability", "weight_load", "weight_experience", "weight_responsiveness", "created_at", "updated_at") SELECT "id", "retention_days_closed_needs", "reminder_hours_before", "weight_language", "weight_distance", "weight_availability", "weight_load", "weight_experience", "weight_responsiveness", "created_at", "updated_at" FROM `app_settings`;--> statement-breakpoint
DROP TABLE `app_settings`;--> statement-breakpoint
ALTER TABLE `__new_app_settings` RENAME TO `app_settings`;