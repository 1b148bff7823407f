-- The workspace's own settings, one value per key: its time zone (an IANA
-- name; Europe/Paris when absent).
CREATE TABLE settings (
	key   TEXT PRIMARY KEY,
	value TEXT NOT NULL
);

-- The outcomes of a cell and day by hour of the day, where the source
-- gives the time (BAAC's hrmn): "18:1,21:2" (sparse; hours of the
-- workspace's zone). Rows without a time count in n only.
ALTER TABLE outcome_counts ADD COLUMN hours TEXT NOT NULL DEFAULT '';
-- How many of a source's outcomes came with their time of day.
ALTER TABLE outcome_sources ADD COLUMN timed INTEGER NOT NULL DEFAULT 0;

-- The calendars subscribed to: an iCalendar address refreshed every
-- every_s seconds, replacing its source's events whole on success.
CREATE TABLE feeds (
	source       TEXT PRIMARY KEY,
	url          TEXT NOT NULL,
	every_s      INTEGER NOT NULL CHECK (every_s > 0),
	last_attempt TEXT NOT NULL DEFAULT '',
	last_success TEXT NOT NULL DEFAULT '',
	last_error   TEXT NOT NULL DEFAULT '',
	events       INTEGER NOT NULL DEFAULT 0
);
