-- A lead marks an accepted policy proposal "done" once the rubric or rule change it asked for is
-- made. The status check of V3 was declared inline, so its name differs between H2 and
-- PostgreSQL; the column is therefore rebuilt with the wider check (dropping a column drops its
-- own checks on both databases). Portable SQL for H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE policy_proposals ADD COLUMN status_v8 VARCHAR(20) DEFAULT 'open' NOT NULL
    CHECK (status_v8 IN ('open', 'accepted', 'declined', 'done'));
UPDATE policy_proposals SET status_v8 = status;
ALTER TABLE policy_proposals DROP COLUMN status;
ALTER TABLE policy_proposals RENAME COLUMN status_v8 TO status;
ALTER TABLE policy_proposals ALTER COLUMN status DROP DEFAULT;
