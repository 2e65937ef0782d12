DROP INDEX `hours_log_volunteer_date_idx`;--> statement-breakpoint
CREATE INDEX `hours_log_volunteer_date_hours_idx` ON `hours_log` (`volunteer_id`,`date`,`hours`);