-- The usage ledger: aggregated monthly counts per camera, never a case or a
-- person. A camera with usage cannot be pruned away (RESTRICT): its history
-- would be lost.
CREATE TABLE usage_monthly (
	camera_id      INTEGER NOT NULL REFERENCES cameras (id) ON DELETE RESTRICT,
	month          TEXT NOT NULL CHECK (month GLOB '[12][0-9][0-9][0-9]-[01][0-9]'),
	requisitions   INTEGER NOT NULL CHECK (requisitions >= 0),
	extractions    INTEGER NOT NULL CHECK (extractions >= 0),
	decisive       INTEGER NOT NULL CHECK (decisive >= 0 AND decisive <= extractions),
	interventions  INTEGER NOT NULL CHECK (interventions >= 0),
	downtime_hours REAL NOT NULL CHECK (downtime_hours >= 0 AND downtime_hours <= 744),
	vandalism      INTEGER NOT NULL CHECK (vandalism >= 0),
	synthetic      INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
	PRIMARY KEY (camera_id, month)
) WITHOUT ROWID;
