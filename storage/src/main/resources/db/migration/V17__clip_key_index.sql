-- Earmark schema, migration 17 (issue 22): clips looked up by the manifest's id alone scanned the
-- whole clips table, because the unique key is (dataset_id, clip_key) and these lookups do not know
-- the dataset: a label import makes one per line (100k lines against 100k clips took hours) and
-- Clips.byKey one per call.
CREATE INDEX clips_key ON clips (clip_key);
