-- Earmark schema, migration 12, PostgreSQL only: a user a lead has deactivated (V9,
-- users.deactivated_at) cannot act under row-level security either, as Access.verifiedRoles
-- already says for the storage services. Without this, a deactivated lead's own login would still
-- read every label straight from the database, and a deactivated annotator could still write their
-- own. Their login is then no project user at all (earmark_user() is NULL) until a lead
-- reactivates them; revoking the login itself stays the DBA's step (ADR 14).
CREATE OR REPLACE FUNCTION earmark_user() RETURNS VARCHAR
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT a.user_id FROM user_accounts a JOIN users u ON u.id = a.user_id
    WHERE a.kind = 'db' AND a.account = session_user AND u.deactivated_at IS NULL
$$;

CREATE OR REPLACE FUNCTION earmark_has_role(wanted VARCHAR) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id
                   WHERE r.user_id = earmark_user() AND r.role = wanted
                     AND u.deactivated_at IS NULL)
$$;
