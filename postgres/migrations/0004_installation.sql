-- The installation laid flat: the systems of the chain, the analytics
-- modules they run, the data flows to recipients and the contracts that
-- pay for them. Each item is kept as its JSON (clairvoie.System, Analytic,
-- Flow, Contract); a source's items of one part are replaced whole.
CREATE TABLE installation (
	part      TEXT NOT NULL CHECK (part IN ('systems', 'analytics', 'flows', 'contracts')),
	source    TEXT NOT NULL,
	ref       TEXT NOT NULL,
	doc       JSONB NOT NULL,
	synthetic BOOLEAN NOT NULL,
	PRIMARY KEY (part, source, ref)
);
