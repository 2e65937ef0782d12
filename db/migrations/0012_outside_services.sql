CREATE TABLE `organisation_places` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`organisation_id` integer NOT NULL,
	`name` text NOT NULL,
	`street` text NOT NULL,
	`postcode` text NOT NULL,
	`neighbourhood_id` integer NOT NULL,
	`geocode_key` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`neighbourhood_id`) REFERENCES `neighbourhoods`(`id`) ON UPDATE no action ON DELETE restrict,
	CONSTRAINT "organisation_places_name_nonempty" CHECK(length(trim(name)) between 1 and 120),
	CONSTRAINT "organisation_places_street_nonempty" CHECK(length(trim(street)) between 1 and 120),
	CONSTRAINT "organisation_places_postcode_format" CHECK(postcode glob '[0-9][0-9][0-9][0-9][0-9]')
);
--> statement-breakpoint
CREATE INDEX `organisation_places_organisation_idx` ON `organisation_places` (`organisation_id`,`id`);--> statement-breakpoint
CREATE INDEX `organisation_places_geocode_idx` ON `organisation_places` (`geocode_key`);--> statement-breakpoint
CREATE TABLE `organisation_translations` (
	`organisation_id` integer NOT NULL,
	`locale` text NOT NULL,
	`description` text NOT NULL,
	`machine_translated` integer DEFAULT false NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	PRIMARY KEY(`organisation_id`, `locale`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "organisation_translations_locale_check" CHECK(locale in ('de', 'en', 'uk', 'ar', 'tr')),
	CONSTRAINT "organisation_translations_nonempty" CHECK(length(trim(description)) > 0)
);
--> statement-breakpoint
CREATE TABLE `geocode_cache` (
	`key` text PRIMARY KEY NOT NULL,
	`status` text NOT NULL,
	`lat` real,
	`lon` real,
	`attempts` integer DEFAULT 0 NOT NULL,
	`next_attempt_at` integer,
	`looked_up_at` integer NOT NULL,
	`last_error` text,
	CONSTRAINT "geocode_cache_status_check" CHECK(status in ('found', 'not_found', 'outside', 'failed')),
	CONSTRAINT "geocode_cache_point" CHECK((status in ('found', 'outside')) = (lat is not null and lon is not null)),
	CONSTRAINT "geocode_cache_lat_range" CHECK(lat is null or lat between -90 and 90),
	CONSTRAINT "geocode_cache_lon_range" CHECK(lon is null or lon between -180 and 180)
);
--> statement-breakpoint
CREATE INDEX `geocode_cache_retry_idx` ON `geocode_cache` (`status`,`next_attempt_at`);--> statement-breakpoint
CREATE TABLE `outside_services` (
	`name` text PRIMARY KEY NOT NULL,
	`consecutive_failures` integer DEFAULT 0 NOT NULL,
	`open_until` integer,
	`next_request_at` integer,
	`last_success_at` integer,
	`last_failure_at` integer,
	`last_error` text,
	`calls` integer DEFAULT 0 NOT NULL,
	`failures` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "outside_services_name_check" CHECK(name in ('translate', 'geocoder')),
	CONSTRAINT "outside_services_counts" CHECK(consecutive_failures >= 0 and calls >= 0 and failures >= 0)
);
--> statement-breakpoint
-- Hand-edited: drizzle-kit rebuilt neighbourhoods, organisations and volunteer_profiles for their new
-- CHECKs, but the migrator runs in a transaction where `PRAGMA foreign_keys=OFF` is a no-op, so DROP TABLE
-- would have cascaded into every table that references them (see 0001). The columns are added in place
-- instead, each CHECK attached to its column under the schema's constraint name (SQLite treats column and
-- table CHECKs alike; a CHECK naming several columns sits on the last of them).
ALTER TABLE `neighbourhoods` ADD `radius_km` real DEFAULT 2 NOT NULL CONSTRAINT "neighbourhoods_radius_range" CHECK(radius_km > 0 and radius_km <= 20);--> statement-breakpoint
ALTER TABLE `organisations` ADD `original_language` text DEFAULT 'de' NOT NULL CONSTRAINT "organisations_language_check" CHECK(original_language in ('de', 'en', 'uk', 'ar', 'tr'));--> statement-breakpoint
ALTER TABLE `volunteer_profiles` ADD `home_precision` text DEFAULT 'neighbourhood' NOT NULL CONSTRAINT "volunteer_profiles_home_precision_check" CHECK(home_precision in ('neighbourhood', 'postcode', 'street'));--> statement-breakpoint
ALTER TABLE `volunteer_profiles` ADD `home_street` text;--> statement-breakpoint
ALTER TABLE `volunteer_profiles` ADD `home_postcode` text;--> statement-breakpoint
ALTER TABLE `volunteer_profiles` ADD `home_geocode_key` text CONSTRAINT "volunteer_profiles_home_address" CHECK(case home_precision
        when 'neighbourhood' then home_street is null and home_postcode is null and home_geocode_key is null
        when 'postcode' then home_street is null and home_postcode is not null and home_geocode_key is not null
        else home_street is not null and home_postcode is not null and home_geocode_key is not null end);--> statement-breakpoint
CREATE INDEX `volunteer_profiles_geocode_idx` ON `volunteer_profiles` (`home_geocode_key`);--> statement-breakpoint
ALTER TABLE `event_translations` ADD `machine_translated` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `events` ADD `place_id` integer REFERENCES organisation_places(id) ON DELETE set null;--> statement-breakpoint
-- Hand-written: the public activity pages read the two new organisation tables too (docs/decisions/023-public-page-cache.md).
CREATE TRIGGER `cache_public_activities_organisation_translations_insert` AFTER INSERT ON `organisation_translations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisation_translations_update` AFTER UPDATE ON `organisation_translations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisation_translations_delete` AFTER DELETE ON `organisation_translations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisation_places_insert` AFTER INSERT ON `organisation_places` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisation_places_update` AFTER UPDATE ON `organisation_places` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisation_places_delete` AFTER DELETE ON `organisation_places` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;
--> statement-breakpoint
-- Hand-written: the matching reach index (docs/decisions/080-suggestions-from-a-reach-index.md) now also
-- reads an offer's home from the volunteer's geocoded address and the organisation's first place
-- (docs/decisions/086-outside-services.md), and whether a point is believed depends on the neighbourhood's
-- radius: every change to those logs the offers it touches.
DROP TRIGGER `matching_changes_volunteer_profiles_update`;--> statement-breakpoint
CREATE TRIGGER `matching_changes_volunteer_profiles_update` AFTER UPDATE OF `user_id`, `home_neighbourhood_id`, `home_geocode_key`, `radius_km`, `hours_cap_per_week`, `certificate_valid_until`, `certificate_verified_at` ON `volunteer_profiles` BEGIN INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `volunteer_id` = NEW.`user_id`; INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `volunteer_id` = OLD.`user_id`; END;--> statement-breakpoint
DROP TRIGGER `matching_changes_neighbourhoods_update`;--> statement-breakpoint
CREATE TRIGGER `matching_changes_neighbourhoods_update` AFTER UPDATE OF `id`, `lat`, `lon`, `radius_km` ON `neighbourhoods` BEGIN INSERT INTO `matching_changes` (`offer_id`) VALUES (NULL); END;--> statement-breakpoint
CREATE TRIGGER `matching_changes_organisation_places_insert` AFTER INSERT ON `organisation_places` BEGIN INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `organisation_id` = NEW.`organisation_id`; END;--> statement-breakpoint
CREATE TRIGGER `matching_changes_organisation_places_update` AFTER UPDATE OF `id`, `organisation_id`, `neighbourhood_id`, `geocode_key` ON `organisation_places` BEGIN INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `organisation_id` = NEW.`organisation_id`; INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `organisation_id` = OLD.`organisation_id`; END;--> statement-breakpoint
CREATE TRIGGER `matching_changes_organisation_places_delete` AFTER DELETE ON `organisation_places` BEGIN INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `organisation_id` = OLD.`organisation_id`; END;--> statement-breakpoint
CREATE TRIGGER `matching_changes_geocode_cache_insert` AFTER INSERT ON `geocode_cache` BEGIN INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `volunteer_id` IN (SELECT `user_id` FROM `volunteer_profiles` WHERE `home_geocode_key` = NEW.`key`); INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `organisation_id` IN (SELECT `organisation_id` FROM `organisation_places` WHERE `geocode_key` = NEW.`key`); END;--> statement-breakpoint
CREATE TRIGGER `matching_changes_geocode_cache_update` AFTER UPDATE OF `key`, `status`, `lat`, `lon` ON `geocode_cache` BEGIN INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `volunteer_id` IN (SELECT `user_id` FROM `volunteer_profiles` WHERE `home_geocode_key` IN (NEW.`key`, OLD.`key`)); INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `organisation_id` IN (SELECT `organisation_id` FROM `organisation_places` WHERE `geocode_key` IN (NEW.`key`, OLD.`key`)); END;--> statement-breakpoint
CREATE TRIGGER `matching_changes_geocode_cache_delete` AFTER DELETE ON `geocode_cache` BEGIN INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `volunteer_id` IN (SELECT `user_id` FROM `volunteer_profiles` WHERE `home_geocode_key` = OLD.`key`); INSERT INTO `matching_changes` (`offer_id`) SELECT `id` FROM `offers` WHERE `organisation_id` IN (SELECT `organisation_id` FROM `organisation_places` WHERE `geocode_key` = OLD.`key`); END;
