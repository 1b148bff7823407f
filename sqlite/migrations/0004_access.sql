-- Access control: API tokens and web sessions, stored as SHA-256 hashes of
-- their secrets (the secrets are shown once and never kept), and the
-- access trail. Principals are pseudonymous ids with a role; no IP address
-- or user agent is kept.
CREATE TABLE access_tokens (
	id           INTEGER PRIMARY KEY,
	secret_hash  BLOB NOT NULL UNIQUE,
	principal    TEXT NOT NULL,
	role         TEXT NOT NULL,
	label        TEXT NOT NULL DEFAULT '',
	created_at   TEXT NOT NULL,
	last_used_at TEXT,
	revoked_at   TEXT
);

CREATE TABLE access_sessions (
	secret_hash BLOB PRIMARY KEY,
	principal   TEXT NOT NULL,
	role        TEXT NOT NULL,
	token_id    INTEGER,
	expires_at  TEXT NOT NULL
);

CREATE TABLE access_events (
	id        INTEGER PRIMARY KEY,
	at        TEXT NOT NULL,
	kind      TEXT NOT NULL,
	principal TEXT NOT NULL DEFAULT '',
	detail    TEXT NOT NULL DEFAULT ''
);
