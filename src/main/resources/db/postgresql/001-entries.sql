-- One row per accepted (recipient, message id): the cross-host dedupe key is the primary key, so a second
-- acceptance of the same id for the same recipient, on any host, is INSERT ... ON CONFLICT DO NOTHING.
-- state: waiting -> delivered | held | dead | deleted; a row is kept after delivery so the key keeps deduplicating
-- (retention removes it after the dedupe window).
CREATE TABLE entries (
    recipient     text        NOT NULL,
    id            text        NOT NULL,
    seq           bigint      NOT NULL,
    urgent        boolean     NOT NULL,
    -- the host whose router delivers to the recipient; null: any host's (one machine)
    host          text,
    state         text        NOT NULL CHECK (state IN ('waiting', 'held', 'delivered', 'dead', 'deleted')),
    envelope      text        NOT NULL,
    accepted_at   timestamptz NOT NULL,
    accepted_by   text        NOT NULL,
    attempts      integer     NOT NULL DEFAULT 0,
    reason_code   text,
    reason_detail text,
    failed_at     timestamptz,
    delivered_at  timestamptz,
    delivered_by  text,
    inbox         text,
    PRIMARY KEY (recipient, id)
);

-- what a host's router claims next: its waiting entries, urgent first, then in acceptance order
CREATE INDEX entries_waiting ON entries (host, urgent DESC, seq) WHERE state = 'waiting';
CREATE INDEX entries_state ON entries (state, accepted_at);
