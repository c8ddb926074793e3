-- Earmark schema, migration 15 (issue 22): no query looks clips up by their audio checksum (the
-- importer finds duplicate audio in memory, exports and packs read the checksum with the clip), so
-- the index V2 made on clips.sha256 only cost space: 124 bytes per clip on PostgreSQL, the largest
-- index after the audit log's. Portable SQL for H2 (MODE=PostgreSQL) and PostgreSQL. (Renumber on
-- merge if another branch took 15.)
DROP INDEX clips_sha256;
