-- Earmark schema, migration 10: who each user is outside Earmark (ADR 14). An embedded project
-- records the OS account (kind 'os') that may act as each user; a team project records the
-- PostgreSQL login (kind 'db') of each person. One account is one user; a user may have one of each.
-- Portable SQL: the same file runs on H2 (MODE=PostgreSQL) and PostgreSQL 15.

CREATE TABLE user_accounts (
    kind          VARCHAR(8)   NOT NULL CHECK (kind IN ('os', 'db')),
    account       VARCHAR(200) NOT NULL,  -- OS login name, or PostgreSQL role name
    user_id       VARCHAR(100) NOT NULL REFERENCES users (id),
    mapped_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    mapped_by     VARCHAR(100) NOT NULL,
    PRIMARY KEY (kind, account),
    UNIQUE (kind, user_id)
);
