CREATE TABLE `backups` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`kind` text NOT NULL,
	`status` text NOT NULL,
	`file_name` text,
	`bytes` integer,
	`total_rows` integer,
	`problem` text,
	`after_status` text DEFAULT 'not_configured' NOT NULL,
	`after_problem` text,
	`started_at` integer NOT NULL,
	`finished_at` integer NOT NULL,
	`removed_at` integer,
	CONSTRAINT "backups_kind_check" CHECK(kind in ('scheduled', 'pre_migration', 'manual')),
	CONSTRAINT "backups_status_check" CHECK(status in ('verified', 'unverified', 'failed')),
	CONSTRAINT "backups_after_status_check" CHECK(after_status in ('not_configured', 'succeeded', 'failed')),
	CONSTRAINT "backups_file_when_written" CHECK(status = 'failed' or file_name is not null)
);
--> statement-breakpoint
CREATE INDEX `backups_finished_idx` ON `backups` (`finished_at`);--> statement-breakpoint
CREATE TABLE `spreadsheet_imports` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`created_by` text,
	`file_name` text NOT NULL,
	`content` blob,
	`status` text DEFAULT 'previewed' NOT NULL,
	`row_count` integer NOT NULL,
	`organisations_created` integer DEFAULT 0 NOT NULL,
	`activities_created` integer DEFAULT 0 NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`finished_at` integer,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "spreadsheet_imports_status_check" CHECK(status in ('previewed', 'imported', 'discarded')),
	CONSTRAINT "spreadsheet_imports_rows_nonneg" CHECK(row_count >= 0)
);
--> statement-breakpoint
CREATE INDEX `spreadsheet_imports_created_idx` ON `spreadsheet_imports` (`created_by`,`created_at`);--> statement-breakpoint
PRAGMA foreign_keys=OFF;--> statement-breakpoint
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
	CONSTRAINT "audit_events_entity_check" CHECK(entity_type in ('need', 'match', 'user', 'volunteer_profile', 'organisation', 'offer', 'event', 'shift', 'signup', 'hours', 'settings', 'import')),
	CONSTRAINT "audit_events_action_nonempty" CHECK(length(action) > 0),
	CONSTRAINT "audit_events_details_json" CHECK(json_valid(details))
);
--> statement-breakpoint
INSERT INTO `__new_audit_events`("id", "actor_id", "action", "entity_type", "entity_id", "neighbourhood_id", "details", "created_at") SELECT "id", "actor_id", "action", "entity_type", "entity_id", "neighbourhood_id", "details", "created_at" FROM `audit_events`;--> statement-breakpoint
DROP TABLE `audit_events`;--> statement-breakpoint
ALTER TABLE `__new_audit_events` RENAME TO `audit_events`;--> statement-breakpoint
PRAGMA foreign_keys=ON;--> statement-breakpoint
CREATE INDEX `audit_events_entity_idx` ON `audit_events` (`entity_type`,`entity_id`);--> statement-breakpoint
CREATE INDEX `audit_events_created_idx` ON `audit_events` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_nb_created_idx` ON `audit_events` (`neighbourhood_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `audit_events_actor_idx` ON `audit_events` (`actor_id`);