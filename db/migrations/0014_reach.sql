-- Hand-edited drizzle-kit rebuild (new notification kinds in three CHECKs), as in 0004 and 0010: no table
-- references these three, so the implicit DELETE of `DROP TABLE` inside the migrator's transaction fires
-- nothing (the PRAGMAs drizzle-kit wrote are no-ops there and are left out); the AUTOINCREMENT high-water
-- marks of notifications and email_outbox are saved and put back, so ids of deleted rows are never handed
-- out again.
CREATE TABLE `__migration_0014_seq` (`name` text PRIMARY KEY, `seq` integer);--> statement-breakpoint
INSERT INTO `__migration_0014_seq` (`name`, `seq`) SELECT `name`, `seq` FROM `sqlite_sequence` WHERE `name` IN ('notifications', 'email_outbox');--> statement-breakpoint
CREATE TABLE `shift_messages` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`event_id` integer NOT NULL,
	`shift_id` integer,
	`sender_id` text,
	`body` text NOT NULL,
	`includes_waitlist` integer DEFAULT false NOT NULL,
	`recipient_count` integer NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`event_id`) REFERENCES `events`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`shift_id`) REFERENCES `shifts`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`sender_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "shift_messages_body_length" CHECK(instr(body, char(0)) = 0 and length(trim(body, char(9, 10, 11, 12, 13, 32, 160, 5760, 6158, 8192, 8193, 8194, 8195, 8196, 8197, 8198, 8199, 8200, 8201, 8202, 8203, 8204, 8205, 8232, 8233, 8239, 8287, 8288, 12288, 65279))) between 1 and 1000),
	CONSTRAINT "shift_messages_recipients_nonneg" CHECK(recipient_count >= 0)
);
--> statement-breakpoint
CREATE INDEX `shift_messages_event_created_idx` ON `shift_messages` (`event_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `shift_messages_shift_idx` ON `shift_messages` (`shift_id`);--> statement-breakpoint
CREATE TABLE `urgent_reach` (
	`need_id` integer PRIMARY KEY NOT NULL,
	`auto_accept` integer DEFAULT false NOT NULL,
	`started_at` integer,
	`started_by` text,
	`waves_sent` integer DEFAULT 0 NOT NULL,
	`next_wave_at` integer,
	`ended_at` integer,
	`end_reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`started_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "urgent_reach_waves_nonneg" CHECK(waves_sent >= 0),
	CONSTRAINT "urgent_reach_end_check" CHECK(end_reason in ('covered', 'no_candidates', 'need_finished', 'need_started', 'all_waves', 'stopped')),
	CONSTRAINT "urgent_reach_ended_consistent" CHECK((ended_at is null) = (end_reason is null))
);
--> statement-breakpoint
CREATE INDEX `urgent_reach_started_idx` ON `urgent_reach` (`started_at`);--> statement-breakpoint
CREATE TABLE `urgent_requests` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`need_id` integer NOT NULL,
	`volunteer_id` text NOT NULL,
	`offer_id` integer,
	`wave` integer NOT NULL,
	`score` integer NOT NULL,
	`asked_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`answer` text,
	`answered_at` integer,
	`outcome` text,
	`match_id` integer,
	FOREIGN KEY (`need_id`) REFERENCES `needs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`volunteer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`match_id`) REFERENCES `matches`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "urgent_requests_wave_range" CHECK(wave >= 1),
	CONSTRAINT "urgent_requests_score_range" CHECK(score between 0 and 100),
	CONSTRAINT "urgent_requests_expiry_after_ask" CHECK(expires_at > asked_at),
	CONSTRAINT "urgent_requests_answer_check" CHECK(answer in ('yes', 'no')),
	CONSTRAINT "urgent_requests_answered_consistent" CHECK((answer is null) = (answered_at is null)),
	CONSTRAINT "urgent_requests_outcome_check" CHECK(outcome in ('proposed', 'matched', 'not_needed', 'no_longer_fits', 'released')),
	CONSTRAINT "urgent_requests_outcome_needs_yes" CHECK(outcome is null or answer = 'yes')
);
--> statement-breakpoint
CREATE UNIQUE INDEX `urgent_requests_need_volunteer_unique` ON `urgent_requests` (`need_id`,`volunteer_id`);--> statement-breakpoint
CREATE INDEX `urgent_requests_volunteer_asked_idx` ON `urgent_requests` (`volunteer_id`,`asked_at`);--> statement-breakpoint
CREATE INDEX `urgent_requests_need_wave_idx` ON `urgent_requests` (`need_id`,`wave`);--> statement-breakpoint
CREATE TABLE `__new_email_outbox` (
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
	CONSTRAINT "email_outbox_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing', 'urgent_request', 'urgent_answered', 'urgent_confirmed', 'urgent_released', 'shift_message')),
	CONSTRAINT "email_outbox_attempts_nonneg" CHECK(attempts >= 0),
	CONSTRAINT "email_outbox_sent_consistent" CHECK((status = 'sent') = (sent_at is not null))
);
--> statement-breakpoint
INSERT INTO `__new_email_outbox`("id", "message_id", "user_id", "to_address", "locale", "kind", "subject", "body_text", "body_html", "status", "attempts", "next_attempt_at", "last_attempt_at", "last_error", "sent_at", "created_at") SELECT "id", "message_id", "user_id", "to_address", "locale", "kind", "subject", "body_text", "body_html", "status", "attempts", "next_attempt_at", "last_attempt_at", "last_error", "sent_at", "created_at" FROM `email_outbox`;--> statement-breakpoint
DROP TABLE `email_outbox`;--> statement-breakpoint
ALTER TABLE `__new_email_outbox` RENAME TO `email_outbox`;--> statement-breakpoint
CREATE UNIQUE INDEX `email_outbox_message_id_unique` ON `email_outbox` (`message_id`);--> statement-breakpoint
CREATE INDEX `email_outbox_due_idx` ON `email_outbox` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE INDEX `email_outbox_user_idx` ON `email_outbox` (`user_id`);--> statement-breakpoint
CREATE TABLE `__new_notification_preferences` (
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`channel` text NOT NULL,
	PRIMARY KEY(`user_id`, `kind`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notification_preferences_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing', 'urgent_request', 'urgent_answered', 'urgent_confirmed', 'urgent_released', 'shift_message')),
	CONSTRAINT "notification_preferences_channel_check" CHECK(channel in ('inbox', 'inbox_email'))
);
--> statement-breakpoint
INSERT INTO `__new_notification_preferences`("user_id", "kind", "channel") SELECT "user_id", "kind", "channel" FROM `notification_preferences`;--> statement-breakpoint
DROP TABLE `notification_preferences`;--> statement-breakpoint
ALTER TABLE `__new_notification_preferences` RENAME TO `notification_preferences`;--> statement-breakpoint
CREATE TABLE `__new_notifications` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`user_id` text NOT NULL,
	`kind` text NOT NULL,
	`params` text DEFAULT '{}' NOT NULL,
	`link` text,
	`read_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "notifications_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing', 'urgent_request', 'urgent_answered', 'urgent_confirmed', 'urgent_released', 'shift_message')),
	CONSTRAINT "notifications_params_json" CHECK(json_valid(params) and json_type(params) = 'object')
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "user_id", "kind", "params", "link", "read_at", "created_at") SELECT "id", "user_id", "kind", "params", "link", "read_at", "created_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
CREATE INDEX `notifications_user_unread_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
ALTER TABLE `volunteer_profiles` ADD `accepts_urgent_requests` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `signups` ADD `checked_in_at` integer;
--> statement-breakpoint
DELETE FROM `sqlite_sequence` WHERE `name` IN ('notifications', 'email_outbox');--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT `name`, `seq` FROM `__migration_0014_seq`;--> statement-breakpoint
DROP TABLE `__migration_0014_seq`;