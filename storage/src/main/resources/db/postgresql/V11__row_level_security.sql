-- Earmark schema, migration 11, PostgreSQL only (location db/postgresql, added in team mode): the
-- database enforces blind labeling for per-person logins (ADR 14). The login that owns the tables
-- (the one that created the project and runs migrations) bypasses row-level security, as do
-- superusers; the per-person logins 'earmark users login' creates are subject to it, and get their
-- table privileges there (TeamLogins.grantSql).

-- The project user of the session's own login, from user_accounts (kind 'db'); NULL when the login
-- is not mapped. SECURITY DEFINER: the policies below may read the mapping whatever the caller may.
CREATE FUNCTION earmark_user() RETURNS VARCHAR
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT user_id FROM user_accounts WHERE kind = 'db' AND account = session_user
$$;

CREATE FUNCTION earmark_has_role(wanted VARCHAR) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM user_roles WHERE user_id = earmark_user() AND role = wanted)
$$;

-- The blind rule's one opening: once the session's user has submitted a label for (clip, rubric),
-- and the lead turned show_other_labels_after_submit on, the others' submitted labels show.
-- A function, so that the labels policy does not recurse into itself.
CREATE FUNCTION earmark_submitted(clip BIGINT, rubric VARCHAR) RETURNS BOOLEAN
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public AS $$
    SELECT EXISTS (SELECT 1 FROM project_settings
                   WHERE setting_key = 'show_other_labels_after_submit' AND setting_value = 'true')
       AND EXISTS (SELECT 1 FROM labels
                   WHERE clip_id = clip AND rubric_version = rubric
                     AND annotator_id = earmark_user() AND state = 'submitted')
$$;

ALTER TABLE labels ENABLE ROW LEVEL SECURITY;
CREATE POLICY labels_read ON labels FOR SELECT USING (
    annotator_id = earmark_user()
    OR earmark_has_role('lead')
    OR earmark_has_role('adjudicator')
    OR (state = 'submitted' AND earmark_submitted(clip_id, rubric_version)));
CREATE POLICY labels_insert ON labels FOR INSERT
    WITH CHECK (annotator_id = earmark_user() OR earmark_has_role('lead'));
CREATE POLICY labels_update ON labels FOR UPDATE
    USING (annotator_id = earmark_user() OR earmark_has_role('lead'))
    WITH CHECK (annotator_id = earmark_user() OR earmark_has_role('lead'));
CREATE POLICY labels_delete ON labels FOR DELETE USING (earmark_has_role('lead'));

ALTER TABLE gold_answers ENABLE ROW LEVEL SECURITY;
CREATE POLICY gold_answers_read ON gold_answers FOR SELECT
    USING (earmark_has_role('lead') OR earmark_has_role('adjudicator'));
CREATE POLICY gold_answers_write ON gold_answers FOR ALL
    USING (earmark_has_role('lead')) WITH CHECK (earmark_has_role('lead'));

ALTER TABLE assignments ENABLE ROW LEVEL SECURITY;
CREATE POLICY assignments_read ON assignments FOR SELECT USING (
    annotator_id = earmark_user() OR earmark_has_role('lead') OR earmark_has_role('adjudicator'));
CREATE POLICY assignments_own_state ON assignments FOR UPDATE
    USING (annotator_id = earmark_user()) WITH CHECK (annotator_id = earmark_user());
CREATE POLICY assignments_lead ON assignments FOR ALL
    USING (earmark_has_role('lead')) WITH CHECK (earmark_has_role('lead'));
