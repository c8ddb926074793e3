-- A lead deactivates a user instead of deleting them: audit events, labels and adjudications keep
-- naming them, but a deactivated user gets no new assignments and cannot act. NULL = active.
-- Portable SQL for H2 (MODE=PostgreSQL) and PostgreSQL.
ALTER TABLE users ADD COLUMN deactivated_at TIMESTAMP WITH TIME ZONE;
