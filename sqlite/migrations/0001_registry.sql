-- The registry: sources, cameras and the areas used to place them.
--
-- A camera's facts are held in its canonical key/value form (tags, JSON),
-- the same form every import and export goes through; the columns beside it
-- are projections of that form that queries filter on. The R*Tree index
-- holds every camera's position: the import fills it for new cameras in the
-- same transaction, in one statement (much faster than a trigger per row);
-- triggers follow moves and deletions.

CREATE TABLE sources (
	id          INTEGER PRIMARY KEY,
	name        TEXT NOT NULL UNIQUE CHECK (name <> ''),
	format      TEXT NOT NULL,
	licence     TEXT NOT NULL,
	attribution TEXT NOT NULL DEFAULT '',
	synthetic   INTEGER NOT NULL DEFAULT 0 CHECK (synthetic IN (0, 1)),
	file        TEXT NOT NULL DEFAULT '',
	imported_at TEXT NOT NULL
);

CREATE TABLE cameras (
	id             INTEGER PRIMARY KEY,
	source_id      INTEGER NOT NULL REFERENCES sources (id) ON DELETE RESTRICT,
	source_ref     TEXT NOT NULL CHECK (source_ref <> ''),
	lon            REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
	lat            REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
	status         TEXT NOT NULL CHECK (status IN ('planned', 'active', 'out_of_service', 'removed')),
	operator       TEXT NOT NULL DEFAULT '',
	operator_type  TEXT NOT NULL DEFAULT '',
	zone           TEXT NOT NULL DEFAULT '',
	commune        TEXT NOT NULL DEFAULT '',
	arrondissement TEXT NOT NULL DEFAULT '',
	quartier       TEXT NOT NULL DEFAULT '',
	synthetic      INTEGER NOT NULL CHECK (synthetic IN (0, 1)),
	tags           TEXT NOT NULL, -- JSON object of strings, written by the store
	hash           TEXT NOT NULL,
	imported_at    TEXT NOT NULL,
	UNIQUE (source_id, source_ref)
);

CREATE INDEX cameras_commune ON cameras (commune);
CREATE INDEX cameras_arrondissement ON cameras (arrondissement);

CREATE VIRTUAL TABLE camera_rtree USING rtree (id, min_lon, max_lon, min_lat, max_lat);

CREATE TRIGGER cameras_rtree_update AFTER UPDATE OF lon, lat ON cameras BEGIN
	UPDATE camera_rtree SET min_lon = new.lon, max_lon = new.lon, min_lat = new.lat, max_lat = new.lat
	WHERE id = new.id;
END;
CREATE TRIGGER cameras_rtree_delete AFTER DELETE ON cameras BEGIN
	DELETE FROM camera_rtree WHERE id = old.id;
END;

CREATE TABLE areas (
	kind       TEXT NOT NULL CHECK (kind IN ('commune', 'arrondissement', 'quartier')),
	code       TEXT NOT NULL,
	name       TEXT NOT NULL,
	parent     TEXT NOT NULL DEFAULT '',
	population INTEGER NOT NULL DEFAULT 0,
	geometry   TEXT NOT NULL CHECK (json_valid(geometry)), -- GeoJSON geometry, WGS 84
	PRIMARY KEY (kind, code)
);
