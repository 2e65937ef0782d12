-- Hand-edited drizzle-kit rebuild (the audit log names categories), as in 0013 and 0016: no table references
-- audit_events, so the implicit DELETE of `DROP TABLE` inside the migrator's transaction fires nothing (the
-- PRAGMAs drizzle-kit wrote are no-ops there and are left out); the AUTOINCREMENT high-water mark is saved and
-- put back, so ids of deleted rows are never handed out again.
CREATE TABLE `__migration_0017_seq` (`seq` integer);--> statement-breakpoint
INSERT INTO `__migration_0017_seq` (`seq`) SELECT `seq` FROM `sqlite_sequence` WHERE `name` = 'audit_events';--> statement-breakpoint
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
	CONSTRAINT "audit_events_entity_check" CHECK(entity_type in ('need', 'arrival', 'first_step_template', 'match', 'user', 'volunteer_profile', 'organisation', 'offer', 'event', 'shift', 'signup', 'hours', 'settings', 'import', 'neighbourhood', 'category')),
	CONSTRAINT "audit_events_action_nonempty" CHECK(length(action) > 0),
	CONSTRAINT "audit_events_details_json" CHECK(json_valid(details))
);
--> statement-breakpoint
INSERT INTO `__new_audit_events`("id", "actor_id", "action", "entity_type", "entity_id", "neighbourhood_id", "details", "created_at") SELECT "id", "actor_id", "action", "entity_type", "entity_id", "neighbourhood_id", "details", "created_at" FROM `audit_events`;--> statement-breakpoint
DROP TABLE `audit_events`;--> statement-breakpoint
ALTER TABLE `__new_audit_events` RENAME TO `audit_events`;--> statement-breakpoint
DELETE FROM `sqlite_sequence` WHERE `name` = 'audit_events';--> statement-breakpoint
INSERT INTO `sqlite_sequence` (`name`, `seq`) SELECT 'audit_events', `seq` FROM `__migration_0017_seq`;--> statement-breakpoint
DROP TABLE `__migration_0017_seq`;--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_nb_created_idx` ON `audit_events` (`neighbourhood_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`);