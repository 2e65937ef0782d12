-- Hand-edited drizzle-kit rebuild. The migrator runs in a transaction, where `PRAGMA foreign_keys=OFF` is
-- a no-op, so `DROP TABLE matches` runs an implicit DELETE that fires hours_log.match_id's ON DELETE SET
-- NULL. The links (and the AUTOINCREMENT high-water mark: audit events name matches by id) are saved
-- first and put back after the new table has taken the old one's name.
CREATE TABLE `__migration_0001_hours` (`id` integer PRIMARY KEY, `match_id` integer NOT NULL);--> statement-breakpoint
INSERT INTO `__migration_0001_hours` (`id`, `match_id`) SELECT `id`, `match_id` FROM `hours_log` WHERE `match_id` IS NOT NULL;--> statement-breakpoint
CREATE TABLE `__migration_0001_seq` (`seq` integer);--> statement-breakpoint
INSERT INTO `__migration_0001_seq` (`seq`) SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'matches';--> statement-breakpoint
CREATE TABLE `__new_matches` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`need_id` integer NOT NULL,
	`offer_id` integer,
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
	FOREIGN KEY (`offer_id`) REFERENCES `offers`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "matches_status_check" CHECK(status in ('proposed', 'accepted', 'declined', 'active', 'completed', 'ended')),
	CONSTRAINT "matches_score_range" CHECK(score between 0 and 100),
	CONSTRAINT "matches_distance_nonneg" CHECK(distance_km is null or distance_km >= 0),
	CONSTRAINT "matches_responded_after_proposed" CHECK(responded_at is null or responded_at >= proposed_at)
);
--> statement-breakpoint
INSERT INTO `__new_matches`("id", "need_id", "offer_id", "status", "score", "score_language", "score_distance", "score_availability", "score_load", "score_experience", "score_responsiveness", "distance_km", "proposed_by", "proposed_at", "responded_at", "decline_reason", "completed_at", "ended_at", "created_at", "updated_at") SELECT "id", "need_id", "offer_id", "status", "score", "score_language", "score_distance", "score_availability", "score_load", "score_experience", "score_responsiveness", "distance_km", "proposed_by", "proposed_at", "responded_at", "decline_reason", "completed_at", "ended_at", "created_at", "updated_at" FROM `matches`;--> statement-breakpoint
DROP TABLE `matches`;--> statement-breakpoint
ALTER TABLE `__new_matches` RENAME TO `matches`;--> statement-breakpoint
UPDATE `hours_log` SET `match_id` = (SELECT `h`.`match_id` FROM `__migration_0001_hours` `h` WHERE `h`.`id` = `hours_log`.`id`) WHERE `id` IN (SELECT `id` FROM `__migration_0001_hours`);--> statement-breakpoint
DELETE FROM `sqlite_sequence` WHERE `name` = 'matches';--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT 'matches', `seq` FROM `__migration_0001_seq`;--> statement-breakpoint
DROP TABLE `__migration_0001_hours`;--> statement-breakpoint
DROP TABLE `__migration_0001_seq`;--> statement-breakpoint
CREATE UNIQUE INDEX `matches_need_offer_unique` ON `matches` (`need_id`,`offer_id`);--> statement-breakpoint
CREATE INDEX `matches_offer_status_idx` ON `matches` (`offer_id`,`status`);--> statement-breakpoint
CREATE INDEX `matches_status_responded_idx` ON `matches` (`status`,`responded_at`);--> statement-breakpoint
CREATE INDEX `matches_proposed_at_idx` ON `matches` (`proposed_at`);
