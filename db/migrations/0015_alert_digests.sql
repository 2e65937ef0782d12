-- Hand-edited drizzle-kit rebuild (the alert digest kind in three CHECKs), as in 0004 and 0010: no table
-- references these three, so the implicit DELETE of `DROP TABLE` inside the migrator's transaction fires
-- nothing (the PRAGMAs drizzle-kit wrote are no-ops there and are left out); the AUTOINCREMENT high-water
-- marks of notifications and email_outbox are saved and put back, so ids of deleted rows are never handed
-- out again.
CREATE TABLE `__migration_0015_seq` (`name` text PRIMARY KEY, `seq` integer);--> statement-breakpoint
INSERT INTO `__migration_0015_seq` (`name`, `seq`) SELECT `name`, `seq` FROM `sqlite_sequence` WHERE `name` IN ('notifications', 'email_outbox');--> statement-breakpoint
CREATE TABLE `alert_digests` (
	`user_id` text PRIMARY KEY NOT NULL,
	`frequency` text NOT NULL,
	`covered_until` integer NOT NULL,
	`last_run_at` integer,
	`last_sent_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "alert_digests_frequency_check" CHECK(frequency in ('daily', 'weekly'))
);
--> statement-breakpoint
CREATE INDEX `alert_digests_frequency_idx` ON `alert_digests` (`frequency`,`last_run_at`);--> statement-breakpoint
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
	CONSTRAINT "email_outbox_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing', 'urgent_request', 'urgent_answered', 'urgent_confirmed', 'urgent_released', 'shift_message', 'alert_digest')),
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
	CONSTRAINT "notification_preferences_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing', 'urgent_request', 'urgent_answered', 'urgent_confirmed', 'urgent_released', 'shift_message', 'alert_digest')),
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
	CONSTRAINT "notifications_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing', 'urgent_request', 'urgent_answered', 'urgent_confirmed', 'urgent_released', 'shift_message', 'alert_digest')),
	CONSTRAINT "notifications_params_json" CHECK(json_valid(params) and json_type(params) = 'object')
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "user_id", "kind", "params", "link", "read_at", "created_at") SELECT "id", "user_id", "kind", "params", "link", "read_at", "created_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
CREATE INDEX `notifications_user_unread_idx` ON `notifications` (`user_id`,`read_at`,`id`);
--> statement-breakpoint
DELETE FROM `sqlite_sequence` WHERE `name` IN ('notifications', 'email_outbox');--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT `name`, `seq` FROM `__migration_0015_seq`;--> statement-breakpoint
DROP TABLE `__migration_0015_seq`;