-- The event calendar: matches, marches, markets, works. A source's events
-- are replaced whole on import. Times keep their zone (for recurrences
-- across summer time); places are GeoJSON geometries (WGS 84).
CREATE TABLE events (
	source     TEXT NOT NULL,
	ref        TEXT NOT NULL,
	kind       TEXT NOT NULL,
	name       TEXT NOT NULL,
	start_at   TEXT NOT NULL, -- RFC 3339 with its offset
	end_at     TEXT NOT NULL,
	zone       TEXT NOT NULL, -- IANA zone name of start_at
	place      TEXT NOT NULL, -- GeoJSON geometry
	attendance INTEGER NOT NULL CHECK (attendance >= 0),
	organiser  TEXT NOT NULL,
	rrule      TEXT NOT NULL,
	synthetic  INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
	PRIMARY KEY (source, ref)
);
