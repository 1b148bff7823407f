-- A counter that moves whenever a camera or a source is written, by any
-- process: the servers' answer caches key on it (GET /api/cameras). One
-- increment per statement, not per row.
CREATE TABLE registry_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  BIGINT NOT NULL
);
INSERT INTO registry_version (id, n) VALUES (1, 0);

CREATE FUNCTION bump_registry_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	UPDATE registry_version SET n = n + 1 WHERE id = 1;
	RETURN NULL;
END $$;

CREATE TRIGGER cameras_version AFTER INSERT OR UPDATE OR DELETE ON cameras
	FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
CREATE TRIGGER sources_version AFTER INSERT OR UPDATE OR DELETE ON sources
	FOR EACH STATEMENT EXECUTE FUNCTION bump_registry_version();
