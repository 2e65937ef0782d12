CREATE TABLE `installation` (
	`id` integer PRIMARY KEY NOT NULL,
	`demo` integer DEFAULT false NOT NULL,
	`setup_token_hash` text,
	`setup_token_expires_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	CONSTRAINT "installation_single_row" CHECK(id = 1),
	CONSTRAINT "installation_setup_token_pair" CHECK((setup_token_hash is null) = (setup_token_expires_at is null))
);
--> statement-breakpoint
-- A database from before this table that holds the demo accounts is a demo database (its password is published).
INSERT INTO `installation` (`id`, `demo`) SELECT 1, EXISTS (SELECT 1 FROM `users` WHERE `email` = 'admin@miteinander.test');
