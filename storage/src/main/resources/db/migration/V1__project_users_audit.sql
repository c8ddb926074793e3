-- Earmark schema, migration 1: project identity, users with roles, and the hash-chained audit log.
-- Portable SQL: the same file runs on H2 (MODE=PostgreSQL) and PostgreSQL 15.

CREATE TABLE project_meta (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    project_id    VARCHAR(64)  NOT NULL,   -- random UUID, carried by packs and batches
    name          VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE users (
    id            VARCHAR(100) PRIMARY KEY, -- login-like name, e.g. ann-1
    display_name  VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE user_roles (
    user_id       VARCHAR(100) NOT NULL REFERENCES users (id),
    role          VARCHAR(20)  NOT NULL CHECK (role IN ('annotator', 'adjudicator', 'lead')),
    PRIMARY KEY (user_id, role)
);

-- One row that every append locks (SELECT ... FOR UPDATE), so concurrent writers in team mode
-- append in a single order; it also remembers the head so a truncated tail is detected.
CREATE TABLE audit_head (
    id            INTEGER PRIMARY KEY CHECK (id = 1),
    last_seq      BIGINT       NOT NULL,
    last_hash     VARCHAR(71)  NOT NULL
);

CREATE TABLE audit_events (
    seq           BIGINT       PRIMARY KEY,  -- 1, 2, 3 ... without gaps
    occurred_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    actor         VARCHAR(100) NOT NULL,
    action        VARCHAR(100) NOT NULL,
    entity_type   VARCHAR(100) NOT NULL,
    entity_id     VARCHAR(300) NOT NULL,
    before_json   VARCHAR(1000000),
    after_json    VARCHAR(1000000),
    prev_hash     VARCHAR(71)  NOT NULL,
    hash          VARCHAR(71)  NOT NULL
);

CREATE INDEX audit_events_entity ON audit_events (entity_type, entity_id);

INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, 'sha256:0000000000000000000000000000000000000000000000000000000000000000');
