-- The conduit network: duct lines that carry camera cables (and, freed,
-- fibre). A source's conduits are replaced whole on import.
CREATE TABLE conduits (
	source     TEXT NOT NULL,
	ref        TEXT NOT NULL,
	geometry   TEXT NOT NULL, -- GeoJSON LineString, WGS 84
	length_m   REAL NOT NULL CHECK (length_m >= 0),
	city_share REAL NOT NULL CHECK (city_share BETWEEN 0 AND 1),
	ducts_free INTEGER NOT NULL CHECK (ducts_free >= 0),
	ducts_used INTEGER NOT NULL CHECK (ducts_used >= 0),
	cameras    TEXT NOT NULL, -- JSON array of camera references
	synthetic  INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
	PRIMARY KEY (source, ref)
);
