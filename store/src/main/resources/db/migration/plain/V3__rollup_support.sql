-- Plain PostgreSQL only. The rollup job (care.anxin.store.maintenance.RollupRefresher) finds the
-- observations received since its last run by received_at. A BRIN index answers that: within each
-- partition received_at follows insertion order, so block ranges summarise it well, the index
-- stays a few pages per partition and ingest pays almost nothing for it (a btree would cost every
-- insert an extra index entry).
CREATE INDEX observation_received_brin ON observation USING brin (received_at)
    WITH (pages_per_range = 16, autosummarize = on);

-- Partitions themselves are created by the maintenance job (weekly, Mondays 00:00 UTC) ahead of
-- time and behind for backfills; rows of a range that has no partition yet wait in DEFAULT and
-- are moved when it is created.
