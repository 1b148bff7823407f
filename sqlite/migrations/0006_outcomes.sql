-- Outcome counts (road accidents, emergency calls, incidents) as they are
-- kept: per source, day and cell of a metric grid; never a row.
CREATE TABLE outcome_sources (
	name        TEXT PRIMARY KEY,
	kind        TEXT NOT NULL CHECK (kind IN ('accidents', 'calls', 'incidents')),
	format      TEXT NOT NULL,
	file        TEXT NOT NULL,
	cell_m      REAL NOT NULL CHECK (cell_m > 0),
	lat0        REAL NOT NULL,
	counted     INTEGER NOT NULL,
	unplaced    INTEGER NOT NULL,
	filtered    INTEGER NOT NULL,
	outside     INTEGER NOT NULL,
	first_day   TEXT NOT NULL,
	last_day    TEXT NOT NULL,
	licence     TEXT NOT NULL,
	synthetic   INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
	imported_at TEXT NOT NULL
);

CREATE TABLE outcome_counts (
	source TEXT NOT NULL REFERENCES outcome_sources (name) ON DELETE CASCADE,
	day    TEXT NOT NULL,
	x      INTEGER NOT NULL,
	y      INTEGER NOT NULL,
	n      INTEGER NOT NULL CHECK (n > 0),
	PRIMARY KEY (source, day, x, y)
) WITHOUT ROWID;

-- Public holidays and school holidays, for the forecast's similar days.
CREATE TABLE calendar_days (
	day            TEXT PRIMARY KEY,
	holiday        TEXT NOT NULL,
	school_holiday INTEGER NOT NULL CHECK (school_holiday IN (0, 1)),
	source         TEXT NOT NULL
);
