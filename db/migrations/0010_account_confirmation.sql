-- Hand-edited drizzle-kit rebuild (new notification kinds and the account_confirmation token purpose in
-- four CHECKs). No table references these four, so the implicit DELETE of `DROP TABLE` inside the
-- migrator's transaction fires nothing (the PRAGMAs drizzle-kit wrote are no-ops there and are left out);
-- the AUTOINCREMENT high-water marks of notifications and email_outbox are saved and put back, as in 0004.
CREATE TABLE `__migration_0010_seq` (`name` text PRIMARY KEY, `seq` integer);--> statement-breakpoint
INSERT INTO `__migration_0010_seq` (`name`, `seq`) SELECT `name`, `seq` FROM `sqlite_sequence` WHERE `name` IN ('notifications', 'email_outbox');--> statement-breakpoint
CREATE TABLE `__new_auth_tokens` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`purpose` text NOT NULL,
	`user_id` text,
	`email` text NOT NULL,
	`role` text,
	`organisation_id` integer,
	`neighbourhood_ids` text,
	`created_by` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "auth_tokens_purpose_check" CHECK(purpose in ('password_reset', 'email_change', 'invite', 'organisation_invite', 'account_confirmation')),
	CONSTRAINT "auth_tokens_expiry_after_creation" CHECK(expires_at > created_at),
	CONSTRAINT "auth_tokens_neighbourhood_ids_json" CHECK(neighbourhood_ids is null or (json_valid(neighbourhood_ids) and json_type(neighbourhood_ids) = 'array'))
);
--> statement-breakpoint
INSERT INTO `__new_auth_tokens`("token_hash", "purpose", "user_id", "email", "role", "organisation_id", "neighbourhood_ids", "created_by", "expires_at", "used_at", "created_at") SELECT "token_hash", "purpose", "user_id", "email", "role", "organisation_id", "neighbourhood_ids", "created_by", "expires_at", "used_at", "created_at" FROM `auth_tokens`;--> statement-breakpoint
DROP TABLE `auth_tokens`;--> statement-breakpoint
ALTER TABLE `__new_auth_tokens` RENAME TO `auth_tokens`;--> statement-breakpoint
CREATE INDEX `auth_tokens_user_idx` ON `auth_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `auth_tokens_email_idx` ON `auth_tokens` (`email`);--> statement-breakpoint
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
	CONSTRAINT "email_outbox_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing')),
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
	CONSTRAINT "notification_preferences_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing')),
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
	CONSTRAINT "notifications_kind_check" CHECK(kind in ('match_proposed', 'match_accepted', 'match_declined', 'signup_confirmed', 'waitlist_promoted', 'event_cancelled', 'event_changed', 'shift_reminder', 'password_reset', 'invite', 'email_change', 'certificate_expiring', 'organisation_verified', 'hours_confirmed', 'signup_cancelled', 'match_ended_by_coordination', 'match_ended_by_helper', 'account_confirmation', 'account_exists', 'email_changed', 'signup_certificate_missing', 'signups_certificate_missing')),
	CONSTRAINT "notifications_params_json" CHECK(json_valid(params) and json_type(params) = 'object')
);
--> statement-breakpoint
INSERT INTO `__new_notifications`("id", "user_id", "kind", "params", "link", "read_at", "created_at") SELECT "id", "user_id", "kind", "params", "link", "read_at", "created_at" FROM `notifications`;--> statement-breakpoint
DROP TABLE `notifications`;--> statement-breakpoint
ALTER TABLE `__new_notifications` RENAME TO `notifications`;--> statement-breakpoint
CREATE INDEX `notifications_user_unread_idx` ON `notifications` (`user_id`,`read_at`,`id`);--> statement-breakpoint
DELETE FROM `sqlite_sequence` WHERE `name` IN ('notifications', 'email_outbox');--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT `name`, `seq` FROM `__migration_0010_seq`;--> statement-breakpoint
DROP TABLE `__migration_0010_seq`;--> statement-breakpoint
-- New accounts confirm their address before the first login; every account that exists already stays usable.
UPDATE `users` SET `email_verified_at` = `created_at` WHERE `email_verified_at` IS NULL;--> statement-breakpoint
-- From now on the link of a sent reset, invite or change e-mail is removed from the stored copy; the
-- token of such e-mails sent before (43 characters after "token=") is removed here.
UPDATE `email_outbox` SET
	`body_text` = replace(`body_text`, substr(`body_text`, instr(`body_text`, 'token=') + 6, 43), '[removed]'),
	`body_html` = replace(`body_html`, substr(`body_text`, instr(`body_text`, 'token=') + 6, 43), '[removed]')
WHERE `status` = 'sent' AND `kind` IN ('password_reset', 'invite', 'email_change') AND instr(`body_text`, 'token=') > 0;
