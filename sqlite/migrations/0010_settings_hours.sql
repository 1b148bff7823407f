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
