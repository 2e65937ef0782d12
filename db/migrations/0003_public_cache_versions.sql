CREATE TABLE `cache_versions` (
	`scope` text PRIMARY KEY NOT NULL,
	`version` integer DEFAULT 0 NOT NULL,
	CONSTRAINT "cache_versions_scope_check" CHECK(scope in ('public_activities'))
);--> statement-breakpoint
-- Hand-written below: the counter row, and triggers on every table the public activity pages read.
-- A wiped counter row (db:seed --reset) is put back by the cache itself (server/public-cache.ts).
INSERT INTO `cache_versions` (`scope`, `version`) VALUES ('public_activities', 0);--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_events_insert` AFTER INSERT ON `events` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_events_update` AFTER UPDATE ON `events` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_events_delete` AFTER DELETE ON `events` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_shifts_insert` AFTER INSERT ON `shifts` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_shifts_update` AFTER UPDATE ON `shifts` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_shifts_delete` AFTER DELETE ON `shifts` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_event_translations_insert` AFTER INSERT ON `event_translations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_event_translations_update` AFTER UPDATE ON `event_translations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_event_translations_delete` AFTER DELETE ON `event_translations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_event_languages_insert` AFTER INSERT ON `event_languages` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_event_languages_update` AFTER UPDATE ON `event_languages` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_event_languages_delete` AFTER DELETE ON `event_languages` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisations_insert` AFTER INSERT ON `organisations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisations_update` AFTER UPDATE ON `organisations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_organisations_delete` AFTER DELETE ON `organisations` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_categories_insert` AFTER INSERT ON `categories` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_categories_update` AFTER UPDATE ON `categories` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_categories_delete` AFTER DELETE ON `categories` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_neighbourhoods_insert` AFTER INSERT ON `neighbourhoods` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_neighbourhoods_update` AFTER UPDATE ON `neighbourhoods` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;--> statement-breakpoint
CREATE TRIGGER `cache_public_activities_neighbourhoods_delete` AFTER DELETE ON `neighbourhoods` BEGIN UPDATE `cache_versions` SET `version` = `version` + 1 WHERE `scope` = 'public_activities'; END;
