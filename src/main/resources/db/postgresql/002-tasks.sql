-- Tasks (SPEC §7) shared by every host: a claim is one UPDATE of the most pressing available row, taken with
-- FOR UPDATE SKIP LOCKED, so two agents claiming at once, on any hosts, never get the same task.
CREATE TABLE tasks (
    id           text     PRIMARY KEY,
    title        text     NOT NULL,
    description  text     NOT NULL,
    -- 0 critical, 1 high, 2 medium, 3 low: the order tasks are handed out in
    priority     smallint NOT NULL,
    points       integer  NOT NULL,
    created_seq  bigint   NOT NULL,
    created_at   text     NOT NULL,
    state        text     NOT NULL CHECK (state IN ('available', 'claimed', 'completed')),
    assigned_to  text,
    assigned_at  text,
    completed_at text
);

CREATE INDEX tasks_available ON tasks (priority, created_seq) WHERE state = 'available';
