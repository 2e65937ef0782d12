CREATE TABLE `auth_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`user_id` text,
	`email` text NOT NULL,
	`role` text,
	`organisation_id` integer,
	`created_by` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "auth_tokens_purpose_check" CHECK(purpose in ('password_reset', 'email_change', 'invite', 'organisation_invite')),
	CONSTRAINT "auth_tokens_expiry_after_creation" CHECK(expires_at > created_at)
);
--> statement-breakpoint
CREATE INDEX `auth_tokens_user_idx` ON `auth_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `auth_tokens_email_idx` ON `auth_tokens` (`email`);--> statement-breakpoint
CREATE TABLE `coordinator_neighbourhoods` (
	`user_id` text NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`user_id`, `neighbourhood_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `coordinator_neighbourhoods_nb_idx` ON `coordinator_neighbourhoods` (`neighbourhood_id`);--> statement-breakpoint
CREATE TABLE `login_throttle` (
	`key` text PRIMARY KEY NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	`window_started_at` integer NOT NULL,
	`locked_until` integer,
	CONSTRAINT "login_throttle_failures_nonneg" CHECK(failures >= 0)
);
--> statement-breakpoint
CREATE TABLE `sessions` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`expires_at` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_seen_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`user_agent` text,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `sessions_user_idx` ON `sessions` (`user_id`);--> statement-breakpoint
CREATE INDEX `sessions_expires_idx` ON `sessions` (`expires_at`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text NOT NULL,
	`email_verified_at` integer,
	`password_hash` text NOT NULL,
	`display_name` text NOT NULL,
	`role` text DEFAULT 'volunteer' NOT NULL,
	`locale` text DEFAULT 'de' NOT NULL,
	`phone` text,
	`gender` text DEFAULT 'unspecified' NOT NULL,
	`password_changed_at` integer,
	`last_login_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "users_role_check" CHECK(role in ('volunteer', 'org_member', 'coordinator', 'admin')),
	CONSTRAINT "users_locale_check" CHECK(locale in ('de', 'en', 'uk', 'ar', 'tr')),
	CONSTRAINT "users_gender_check" CHECK(gender in ('female', 'male', 'diverse', 'unspecified')),
	CONSTRAINT "users_email_lowercase" CHECK(email = lower(email) and email like '%_@_%'),
	CONSTRAINT "users_display_name_nonempty" CHECK(length(trim(display_name)) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE INDEX `users_role_idx` ON `users` (`role`);--> statement-breakpoint
CREATE TABLE `categories` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`sort_order` integer DEFAULT 0 NOT NULL,
	`active` integer DEFAULT true NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "categories_slug_format" CHECK(slug glob '[a-z]*' and slug not glob '*[^a-z0-9_]*')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `categories_slug_unique` ON `categories` (`slug`);--> statement-breakpoint
CREATE TABLE `neighbourhoods` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`municipality` text NOT NULL,
	`district` text,
	`lat` real NOT NULL,
	`lon` real NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "neighbourhoods_lat_range" CHECK(lat between -90 and 90),
	CONSTRAINT "neighbourhoods_lon_range" CHECK(lon between -180 and 180)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `neighbourhoods_slug_unique` ON `neighbourhoods` (`slug`);--> statement-breakpoint
CREATE INDEX `neighbourhoods_name_idx` ON `neighbourhoods` (`name`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`organisation_id` integer NOT NULL,
	`user_id` text NOT NULL,
	`role` text DEFAULT 'member' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`organisation_id`, `user_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "memberships_role_check" CHECK(role in ('owner', 'member'))
);
--> statement-breakpoint
CREATE INDEX `memberships_user_idx` ON `memberships` (`user_id`);--> statement-breakpoint
CREATE TABLE `organisation_neighbourhoods` (
	`organisation_id` integer NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	PRIMARY KEY(`organisation_id`, `neighbourhood_id`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `organisation_neighbourhoods_nb_idx` ON `organisation_neighbourhoods` (`neighbourhood_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`slug` text NOT NULL,
	`name` text NOT NULL,
	`kind` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`website` text,
	`email` text,
	`phone` text,
	`verified_at` integer,
	`verified_by` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "organisations_kind_check" CHECK(kind in ('sports_club', 'cultural_group', 'welfare', 'migrant_organisation', 'religious_community', 'initiative', 'public_body')),
	CONSTRAINT "organisations_name_nonempty" CHECK(length(trim(name)) > 0)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_slug_unique` ON `organisations` (`slug`);--> statement-breakpoint
CREATE INDEX `organisations_name_idx` ON `organisations` (`name`);--> statement-breakpoint
CREATE INDEX `organisations_verified_idx` ON `organisations` (`verified_at`);--> statement-breakpoint
CREATE TABLE `volunteer_availability` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `volunteer_profiles`(`user_id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "volunteer_availability_weekday" CHECK(weekday between 0 and 6),
	CONSTRAINT "volunteer_availability_window" CHECK(start_minute >= 0 and end_minute <= 1440 and end_minute > start_minute)
);
--> statement-breakpoint
CREATE INDEX `volunteer_availability_user_idx` ON `volunteer_availability` (`user_id`);--> statement-breakpoint
CREATE TABLE `volunteer_languages` (
	`user_id` text NOT NULL,
	`language` text NOT NULL,
	`level` text NOT NULL,
	PRIMARY KEY(`user_id`, `language`),
	FOREIGN KEY (`user_id`) REFERENCES `volunteer_profiles`(`user_id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "volunteer_languages_language_check" CHECK(language in ('de', 'en', 'ar', 'uk', 'ru', 'tr', 'fa', 'prs', 'kmr', 'ckb', 'ti', 'so', 'fr', 'es', 'pl', 'ro', 'bg', 'sq', 'ku', 'ps', 'ur', 'it', 'el', 'sr')),
	CONSTRAINT "volunteer_languages_level_check" CHECK(level in ('basic', 'good', 'fluent', 'native'))
);
--> statement-breakpoint
CREATE INDEX `volunteer_languages_language_idx` ON `volunteer_languages` (`language`);--> statement-breakpoint
CREATE TABLE `volunteer_neighbourhoods` (
	`user_id` text NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	PRIMARY KEY(`user_id`, `neighbourhood_id`),
	FOREIGN KEY (`user_id`) REFERENCES `volunteer_profiles`(`user_id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `volunteer_neighbourhoods_nb_idx` ON `volunteer_neighbourhoods` (`neighbourhood_id`);--> statement-breakpoint
CREATE TABLE `volunteer_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`home_neighbourhood_id` integer,
	`radius_km` real DEFAULT 3 NOT NULL,
	`hours_cap_per_week` real DEFAULT 4 NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`certificate_valid_until` text,
	`certificate_verified_at` integer,
	`certificate_verified_by` text,
	`calendar_token` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`home_neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`certificate_verified_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "volunteer_profiles_radius_range" CHECK(radius_km >= 0 and radius_km <= 100),
	CONSTRAINT "volunteer_profiles_hours_cap_range" CHECK(hours_cap_per_week > 0 and hours_cap_per_week <= 80),
	CONSTRAINT "volunteer_profiles_certificate_date" CHECK(certificate_valid_until is null or date(certificate_valid_until) is certificate_valid_until),
	CONSTRAINT "volunteer_profiles_certificate_verified" CHECK(certificate_valid_until is null or certificate_verified_at is not null)
);
--> statement-breakpoint
CREATE INDEX `volunteer_profiles_home_idx` ON `volunteer_profiles` (`home_neighbourhood_id`);--> statement-breakpoint
CREATE INDEX `volunteer_profiles_certificate_idx` ON `volunteer_profiles` (`certificate_valid_until`);--> statement-breakpoint
CREATE UNIQUE INDEX `volunteer_profiles_calendar_token_unique` ON `volunteer_profiles` (`calendar_token`);--> statement-breakpoint
CREATE TABLE `volunteer_skills` (
	`user_id` text NOT NULL,
	`skill` text NOT NULL,
	PRIMARY KEY(`user_id`, `skill`),
	FOREIGN KEY (`user_id`) REFERENCES `volunteer_profiles`(`user_id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "volunteer_skills_nonempty" CHECK(length(trim(skill)) between 1 and 80)
);
--> statement-breakpoint
CREATE TABLE `offer_availability` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`offer_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "offer_availability_weekday" CHECK(weekday between 0 and 6),
	CONSTRAINT "offer_availability_window" CHECK(start_minute >= 0 and end_minute <= 1440 and end_minute > start_minute)
);
--> statement-breakpoint
CREATE INDEX `offer_availability_offer_idx` ON `offer_availability` (`offer_id`);--> statement-breakpoint
CREATE TABLE `offer_languages` (
	`offer_id` integer NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`offer_id`, `language`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "offer_languages_language_check" CHECK(language in ('de', 'en', 'ar', 'uk', 'ru', 'tr', 'fa', 'prs', 'kmr', 'ckb', 'ti', 'so', 'fr', 'es', 'pl', 'ro', 'bg', 'sq', 'ku', 'ps', 'ur', 'it', 'el', 'sr'))
);
--> statement-breakpoint
CREATE INDEX `offer_languages_language_idx` ON `offer_languages` (`language`,`offer_id`);--> statement-breakpoint
CREATE TABLE `offer_neighbourhoods` (
	`offer_id` integer NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	PRIMARY KEY(`offer_id`, `neighbourhood_id`),
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `offer_neighbourhoods_nb_idx` ON `offer_neighbourhoods` (`neighbourhood_id`,`offer_id`);--> statement-breakpoint
CREATE TABLE `offers` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`volunteer_id` text,
	`organisation_id` integer,
	`category_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`capacity` integer DEFAULT 1 NOT NULL,
	`radius_km` real DEFAULT 0 NOT NULL,
	`valid_until` text,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`volunteer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "offers_one_owner" CHECK((volunteer_id is null) <> (organisation_id is null)),
	CONSTRAINT "offers_capacity_range" CHECK(capacity between 1 and 100),
	CONSTRAINT "offers_radius_range" CHECK(radius_km >= 0 and radius_km <= 100),
	CONSTRAINT "offers_status_check" CHECK(status in ('active', 'paused', 'ended')),
	CONSTRAINT "offers_valid_until_date" CHECK(valid_until is null or date(valid_until) is valid_until),
	CONSTRAINT "offers_title_nonempty" CHECK(length(trim(title)) > 0)
);
--> statement-breakpoint
CREATE INDEX `offers_volunteer_idx` ON `offers` (`volunteer_id`);--> statement-breakpoint
CREATE INDEX `offers_organisation_idx` ON `offers` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `offers_category_status_idx` ON `offers` (`category_id`,`status`);--> statement-breakpoint
CREATE TABLE `need_languages` (
	`need_id` integer NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`need_id`, `language`),
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "need_languages_language_check" CHECK(language in ('de', 'en', 'ar', 'uk', 'ru', 'tr', 'fa', 'prs', 'kmr', 'ckb', 'ti', 'so', 'fr', 'es', 'pl', 'ro', 'bg', 'sq', 'ku', 'ps', 'ur', 'it', 'el', 'sr'))
);
--> statement-breakpoint
CREATE INDEX `need_languages_language_idx` ON `need_languages` (`language`);--> statement-breakpoint
CREATE TABLE `need_slots` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`need_id` integer NOT NULL,
	`weekday` integer NOT NULL,
	`start_minute` integer NOT NULL,
	`end_minute` integer NOT NULL,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "need_slots_weekday" CHECK(weekday between 0 and 6),
	CONSTRAINT "need_slots_window" CHECK(start_minute >= 0 and end_minute <= 1440 and end_minute > start_minute)
);
--> statement-breakpoint
CREATE INDEX `need_slots_need_idx` ON `need_slots` (`need_id`);--> statement-breakpoint
CREATE TABLE `need_translations` (
	`need_id` integer NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`need_id`, `locale`),
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "need_translations_locale_check" CHECK(locale in ('de', 'en', 'uk', 'ar', 'tr'))
);
--> statement-breakpoint
CREATE TABLE `needs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`category_id` integer NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`organisation_id` integer,
	`created_by` text,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`original_language` text DEFAULT 'de' NOT NULL,
	`helpers_needed` integer DEFAULT 1 NOT NULL,
	`urgency` text DEFAULT 'normal' NOT NULL,
	`schedule` text DEFAULT 'one_off' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`requires_certificate` integer DEFAULT false NOT NULL,
	`gender_preference` text DEFAULT 'none' NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`closed_at` integer,
	`text_erased_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "needs_helpers_range" CHECK(helpers_needed between 1 and 50),
	CONSTRAINT "needs_window" CHECK(ends_at > starts_at),
	CONSTRAINT "needs_status_check" CHECK(status in ('open', 'partly_matched', 'matched', 'closed', 'cancelled')),
	CONSTRAINT "needs_urgency_check" CHECK(urgency in ('low', 'normal', 'high', 'urgent')),
	CONSTRAINT "needs_schedule_check" CHECK(schedule in ('one_off', 'recurring')),
	CONSTRAINT "needs_gender_check" CHECK(gender_preference in ('none', 'female', 'male')),
	CONSTRAINT "needs_language_check" CHECK(original_language in ('de', 'en', 'uk', 'ar', 'tr')),
	CONSTRAINT "needs_closed_consistent" CHECK((status in ('closed', 'cancelled')) = (closed_at is not null))
);
--> statement-breakpoint
CREATE INDEX `needs_status_nb_cat_idx` ON `needs` (`status`,`neighbourhood_id`,`category_id`);--> statement-breakpoint
CREATE INDEX `needs_nb_created_idx` ON `needs` (`neighbourhood_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `needs_category_idx` ON `needs` (`category_id`);--> statement-breakpoint
CREATE INDEX `needs_organisation_idx` ON `needs` (`organisation_id`);--> statement-breakpoint
CREATE INDEX `needs_created_by_idx` ON `needs` (`created_by`);--> statement-breakpoint
CREATE INDEX `needs_closed_idx` ON `needs` (`closed_at`);--> statement-breakpoint
CREATE TABLE `event_languages` (
	`event_id` integer NOT NULL,
	`language` text NOT NULL,
	PRIMARY KEY(`event_id`, `language`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_languages_language_check" CHECK(language in ('de', 'en', 'ar', 'uk', 'ru', 'tr', 'fa', 'prs', 'kmr', 'ckb', 'ti', 'so', 'fr', 'es', 'pl', 'ro', 'bg', 'sq', 'ku', 'ps', 'ur', 'it', 'el', 'sr'))
);
--> statement-breakpoint
CREATE INDEX `event_languages_language_idx` ON `event_languages` (`language`,`event_id`);--> statement-breakpoint
CREATE TABLE `event_translations` (
	`event_id` integer NOT NULL,
	`locale` text NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`event_id`, `locale`),
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "event_translations_locale_check" CHECK(locale in ('de', 'en', 'uk', 'ar', 'tr'))
);
--> statement-breakpoint
CREATE TABLE `events` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer,
	`created_by` text,
	`category_id` integer NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`title` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`original_language` text DEFAULT 'de' NOT NULL,
	`place` text DEFAULT '' NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`recurrence` text DEFAULT 'none' NOT NULL,
	`recurrence_until` text,
	`accessibility` text DEFAULT '' NOT NULL,
	`target_group` text DEFAULT '' NOT NULL,
	`cost_cents` integer DEFAULT 0 NOT NULL,
	`participant_places` integer DEFAULT 0 NOT NULL,
	`participants_registered` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`published_at` integer,
	`cancelled_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE restrict,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "events_window" CHECK(ends_at > starts_at),
	CONSTRAINT "events_status_check" CHECK(status in ('draft', 'published', 'cancelled')),
	CONSTRAINT "events_recurrence_check" CHECK(recurrence in ('none', 'weekly')),
	CONSTRAINT "events_language_check" CHECK(original_language in ('de', 'en', 'uk', 'ar', 'tr')),
	CONSTRAINT "events_recurrence_until_date" CHECK(recurrence_until is null or date(recurrence_until) is recurrence_until),
	CONSTRAINT "events_cost_nonneg" CHECK(cost_cents >= 0),
	CONSTRAINT "events_places" CHECK(participant_places >= 0 and participants_registered >= 0 and participants_registered <= participant_places),
	CONSTRAINT "events_title_nonempty" CHECK(length(trim(title)) > 0)
);
--> statement-breakpoint
CREATE INDEX `events_status_starts_idx` ON `events` (`status`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_nb_starts_idx` ON `events` (`neighbourhood_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_category_starts_idx` ON `events` (`category_id`,`starts_at`);--> statement-breakpoint
CREATE INDEX `events_organisation_idx` ON `events` (`organisation_id`,`starts_at`);--> statement-breakpoint
CREATE TABLE `shifts` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`title` text NOT NULL,
	`starts_at` integer NOT NULL,
	`ends_at` integer NOT NULL,
	`needed_count` integer NOT NULL,
	`confirmed_count` integer DEFAULT 0 NOT NULL,
	`requires_certificate` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "shifts_window" CHECK(ends_at > starts_at),
	CONSTRAINT "shifts_needed_range" CHECK(needed_count between 1 and 500),
	CONSTRAINT "shifts_confirmed_capacity" CHECK(confirmed_count >= 0 and confirmed_count <= needed_count),
	CONSTRAINT "shifts_title_nonempty" CHECK(length(trim(title)) > 0)
);
--> statement-breakpoint
CREATE INDEX `shifts_event_idx` ON `shifts` (`event_id`);--> statement-breakpoint
CREATE INDEX `shifts_starts_idx` ON `shifts` (`starts_at`);--> statement-breakpoint
CREATE TABLE `signups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`shift_id` integer NOT NULL,
	`volunteer_id` text NOT NULL,
	`status` text NOT NULL,
	`attendance` text,
	`cancelled_at` integer,
	`promoted_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volunteer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "signups_status_check" CHECK(status in ('confirmed', 'waitlisted', 'cancelled')),
	CONSTRAINT "signups_attendance_check" CHECK(attendance is null or attendance in ('present', 'no_show')),
	CONSTRAINT "signups_cancelled_consistent" CHECK((status = 'cancelled') = (cancelled_at is not null)),
	CONSTRAINT "signups_attendance_confirmed" CHECK(attendance is null or status = 'confirmed')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `signups_live_unique` ON `signups` (`shift_id`,`volunteer_id`) WHERE status <> 'cancelled';--> statement-breakpoint
CREATE INDEX `signups_shift_status_idx` ON `signups` (`shift_id`,`status`,`id`);--> statement-breakpoint
CREATE INDEX `signups_volunteer_status_idx` ON `signups` (`volunteer_id`,`status`);--> statement-breakpoint
CREATE TABLE `hours_log` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`volunteer_id` text,
	`date` text NOT NULL,
	`hours` real NOT NULL,
	`source` text NOT NULL,
	`signup_id` integer,
	`match_id` integer,
	`organisation_id` integer,
	`category_id` integer,
	`activity` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`confirmed_by` text,
	`confirmed_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`volunteer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`signup_id`) REFERENCES `signups`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`category_id`) REFERENCES `categories`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "hours_log_hours_range" CHECK(hours > 0 and hours <= 24),
	CONSTRAINT "hours_log_date_format" CHECK(date(date) is date),
	CONSTRAINT "hours_log_source_check" CHECK(source in ('shift', 'match', 'other')),
	CONSTRAINT "hours_log_source_link" CHECK(source <> 'shift' or signup_id is not null or volunteer_id is null)
);
--> statement-breakpoint
CREATE INDEX `hours_log_volunteer_date_idx` ON `hours_log` (`volunteer_id`,`date`);--> statement-breakpoint
CREATE INDEX `hours_log_date_idx` ON `hours_log` (`date`);--> statement-breakpoint
CREATE INDEX `hours_log_organisation_date_idx` ON `hours_log` (`organisation_id`,`date`);--> statement-breakpoint
CREATE INDEX `hours_log_match_idx` ON `hours_log` (`match_id`);--> statement-breakpoint
CREATE UNIQUE INDEX `hours_log_signup_unique` ON `hours_log` (`signup_id`);--> statement-breakpoint
CREATE TABLE `matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`need_id` integer NOT NULL,
	`offer_id` integer NOT NULL,
	`status` text DEFAULT 'proposed' NOT NULL,
	`score` integer NOT NULL,
	`score_language` real DEFAULT 0 NOT NULL,
	`score_distance` real DEFAULT 0 NOT NULL,
	`score_availability` real DEFAULT 0 NOT NULL,
	`score_load` real DEFAULT 0 NOT NULL,
	`score_experience` real DEFAULT 0 NOT NULL,
	`score_responsiveness` real DEFAULT 0 NOT NULL,
	`distance_km` real,
	`proposed_by` text,
	`proposed_at` integer NOT NULL,
	`responded_at` integer,
	`decline_reason` text,
	`completed_at` integer,
	`ended_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "matches_status_check" CHECK(status in ('proposed', 'accepted', 'declined', 'active', 'completed', 'ended')),
	CONSTRAINT "matches_score_range" CHECK(score between 0 and 100),
	CONSTRAINT "matches_distance_nonneg" CHECK(distance_km is null or distance_km >= 0),
	CONSTRAINT "matches_responded_after_proposed" CHECK(responded_at is null or responded_at >= proposed_at)
);
--> statement-breakpoint
CREATE UNIQUE INDEX `matches_need_offer_unique` ON `matches` (`need_id`,`offer_id`);--> statement-breakpoint
CREATE INDEX `matches_offer_status_idx` ON `matches` (`offer_id`,`status`);--> statement-breakpoint
CREATE INDEX `matches_status_responded_idx` ON `matches` (`status`,`responded_at`);--> statement-breakpoint
CREATE INDEX `matches_proposed_at_idx` ON `matches` (`proposed_at`);--> statement-breakpoint
CREATE TABLE `email_outbox` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`message_id` text NOT NULL,
	`user_id` text,
	`to_address` text NOT NULL,
	`locale` text DEFAULT 'de' NOT NULL,
	`kind` text NOT NULL,
	`subject` text NOT NULL,
	`body_text` text NOT NULL,
	`body_html` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`last_attempt_at` integer,
	`last_error` text,
	`sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "email_outbox_status_check" CHECK(status in ('pending', 'sending', 'sent', 'failed')),
	CONSTRAINT "email_outbox_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed')),
	CONSTRAINT "email_outbox_attempts_nonneg" CHECK(attempts >= 0),
	CONSTRAINT "email_outbox_sent_consistent" CHECK((status = 'sent') = (sent_at is not null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_message_id_unique` ON `email_outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_user_idx` ON `email_outbox` (`user_id`);--> statement-breakpoint
CREATE TABLE `notification_preferences` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notification_preferences_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed')),
	CONSTRAINT "notification_preferences_channel_check" CHECK(channel in ('inbox', 'inbox_email'))
);
--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`link` text,
	`read_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notifications_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed')),
	CONSTRAINT "notifications_params_json" CHECK(json_valid(params) and json_type(params) = 'object')
);
--> statement-breakpoint
CREATE INDEX `notifications_user_unread_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
CREATE TABLE `scheduled_jobs` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`dedupe_key` text NOT NULL,
	`run_at` integer NOT NULL,
	`payload` text DEFAULT '{}' NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`attempts` integer DEFAULT 0 NOT NULL,
	`locked_by` text,
	`locked_until` integer,
	`last_error` text,
	`done_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "scheduled_jobs_status_check" CHECK(status in ('pending', 'running', 'done', 'failed')),
	CONSTRAINT "scheduled_jobs_attempts_nonneg" CHECK(attempts >= 0),
	CONSTRAINT "scheduled_jobs_payload_json" CHECK(json_valid(payload))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `scheduled_jobs_dedupe_unique` ON `scheduled_jobs` (`dedupe_key`);--> statement-breakpoint
CREATE INDEX `scheduled_jobs_due_idx` ON `scheduled_jobs` (`status`,`run_at`);--> statement-breakpoint
CREATE TABLE `audit_events` (
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
	CONSTRAINT "audit_events_entity_check" CHECK(entity_type in ('need', 'match', 'user', 'volunteer_profile', 'organisation', 'offer', 'event', 'shift', 'signup', 'hours', 'settings')),
	CONSTRAINT "audit_events_action_nonempty" CHECK(length(action) > 0),
	CONSTRAINT "audit_events_details_json" CHECK(json_valid(details))
);
--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_nb_created_idx` ON `audit_events` (`neighbourhood_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`);--> statement-breakpoint
CREATE TABLE `app_settings` (
	`id` integer PRIMARY KEY NOT NULL,
	`retention_days_closed_needs` integer DEFAULT 365 NOT NULL,
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
	CONSTRAINT "app_settings_reminder_range" CHECK(reminder_hours_before between 1 and 168),
	CONSTRAINT "app_settings_weights_range" CHECK(weight_language between 0 and 100 and weight_distance between 0 and 100
        and weight_availability between 0 and 100 and weight_load between 0 and 100
        and weight_experience between 0 and 100 and weight_responsiveness between 0 and 100),
	CONSTRAINT "app_settings_weights_positive_sum" CHECK(weight_language + weight_distance + weight_availability + weight_load + weight_experience + weight_responsiveness > 0)
);
