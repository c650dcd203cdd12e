-- What the routers of every host see of each other's work: each delivery's record (written by the host that
-- delivered it) and the receipts of the last mile (woken, read, acked). 'change' orders what changed, so a router
-- fetches only what is new since it last looked.
CREATE SEQUENCE shared_changes;

ALTER TABLE entries ADD COLUMN record text, ADD COLUMN change bigint;
CREATE INDEX entries_change ON entries (change) WHERE change IS NOT NULL;

CREATE TABLE receipts (
    name   text   PRIMARY KEY,
    body   text   NOT NULL,
    host   text   NOT NULL,
    change bigint NOT NULL DEFAULT nextval('shared_changes')
);
CREATE INDEX receipts_change ON receipts (change);
