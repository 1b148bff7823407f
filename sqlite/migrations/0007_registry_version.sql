-- A counter that moves whenever a camera or a source is written, by any
-- process: the server's answer cache keys on it (GET /api/cameras).
CREATE TABLE registry_version (
	id INTEGER PRIMARY KEY CHECK (id = 1),
	n  INTEGER NOT NULL
);
INSERT INTO registry_version (id, n) VALUES (1, 0);

CREATE TRIGGER cameras_version_insert AFTER INSERT ON cameras BEGIN UPDATE registry_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER cameras_version_update AFTER UPDATE ON cameras BEGIN UPDATE registry_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER cameras_version_delete AFTER DELETE ON cameras BEGIN UPDATE registry_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sources_version_insert AFTER INSERT ON sources BEGIN UPDATE registry_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sources_version_update AFTER UPDATE ON sources BEGIN UPDATE registry_version SET n = n + 1 WHERE id = 1; END;
CREATE TRIGGER sources_version_delete AFTER DELETE ON sources BEGIN UPDATE registry_version SET n = n + 1 WHERE id = 1; END;
