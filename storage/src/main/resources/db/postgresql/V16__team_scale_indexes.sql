-- Earmark schema, migration 14 (issue 22, PostgreSQL only): indexes a 1M-clip team project needs.
-- H2 indexes every foreign key by itself, so embedded projects already have the first three and
-- this file is not run there; PostgreSQL indexes none, and these lookups scanned whole tables:
-- a submitted label's correction lock (its clip's disputes and exported batches, on every open and
-- correction) and a dispute's decisions. (Renumber on merge if another branch took 14.)
CREATE INDEX disputes_clip ON disputes (clip_id, rubric_version);
CREATE INDEX batch_items_clip ON batch_items (clip_id);
CREATE INDEX adjudications_dispute ON adjudications (dispute_id);

-- An annotator's open queue in the order it is served (Assignments.queuePage): the first page is
-- read straight off this index instead of sorting every open assignment of the annotator. Partial,
-- so the submitted majority of a finished project costs it nothing.
CREATE INDEX assignments_open_queue ON assignments (annotator_id, priority DESC, clip_id, id)
    WHERE state <> 'submitted';
