-- Issue 13: a GPS watch's position report without a GPS fix (docs/protocol-watch.md, validity V)
-- is kept with what the watch heard instead: its cells (LBS) and Wi-Fi access points, as a
-- RadioScan JSON. No coordinates are invented for it (resolving cells needs a cell database the
-- platform does not have), so it stays out of `location`, whose readers expect a position.
-- Written in the ingest transaction like location rows (de-duplicated by message_dedup); pruned
-- by age with the location retention (store maintenance, both database modes).
CREATE TABLE radio_fix (
    time        TIMESTAMPTZ NOT NULL,
    elder_id    BIGINT NOT NULL,
    device_id   TEXT NOT NULL,
    source      TEXT NOT NULL CHECK (source IN ('LBS', 'WIFI')),
    scan        JSONB NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    flags       SMALLINT NOT NULL DEFAULT 0
);
CREATE INDEX radio_fix_elder_time_idx ON radio_fix (elder_id, time DESC);
CREATE INDEX radio_fix_time_idx ON radio_fix (time);
