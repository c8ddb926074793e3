-- Earmark schema, migration 12, PostgreSQL only: a user a lead has deactivated (V9,
-- users.deactivated_at) holds no role for row-level security either, as Access.verifiedRoles
-- already says for the storage services. Without this, a deactivated lead's own login would still
-- read every label straight from the database.
CREATE OR REPLACE FUNCTION earmark_has_role(wanted VARCHAR) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM user_roles r JOIN users u ON u.id = r.user_id
                   WHERE r.user_id = earmark_user() AND r.role = wanted
                     AND u.deactivated_at IS NULL)
$$;
