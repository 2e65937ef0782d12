-- Hand-edited drizzle-kit rebuild (new column with a CHECK): the copy names only the old columns (the
-- generated one also read the new column from the old table). No table references auth_tokens.
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
	CONSTRAINT "auth_tokens_purpose_check" CHECK(purpose in ('password_reset', 'email_change', 'invite', 'organisation_invite')),
	CONSTRAINT "auth_tokens_expiry_after_creation" CHECK(expires_at > created_at),
	CONSTRAINT "auth_tokens_neighbourhood_ids_json" CHECK(neighbourhood_ids is null or (json_valid(neighbourhood_ids) and json_type(neighbourhood_ids) = 'array'))
);
--> statement-breakpoint
INSERT INTO `__new_auth_tokens`("token_hash", "purpose", "user_id", "email", "role", "organisation_id", "created_by", "expires_at", "used_at", "created_at") SELECT "token_hash", "purpose", "user_id", "email", "role", "organisation_id", "created_by", "expires_at", "used_at", "created_at" FROM `auth_tokens`;--> statement-breakpoint
DROP TABLE `auth_tokens`;--> statement-breakpoint
ALTER TABLE `__new_auth_tokens` RENAME TO `auth_tokens`;--> statement-breakpoint
CREATE INDEX `auth_tokens_user_idx` ON `auth_tokens` (`user_id`);--> statement-breakpoint
CREATE INDEX `auth_tokens_email_idx` ON `auth_tokens` (`email`);