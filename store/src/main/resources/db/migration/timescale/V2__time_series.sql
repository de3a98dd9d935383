-- Time series on TimescaleDB: hypertables with compression and retention, hourly and daily
-- continuous aggregates. Same column names as the plain-PostgreSQL variant.
CREATE EXTENSION IF NOT EXISTS timescaledb;

CREATE TABLE observation (
    time        TIMESTAMPTZ NOT NULL,
    elder_id    BIGINT NOT NULL,
    device_id   TEXT NOT NULL,
    code        TEXT NOT NULL,
    value       DOUBLE PRECISION NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    flags       SMALLINT NOT NULL DEFAULT 0
);
SELECT create_hypertable('observation', by_range('time', INTERVAL '1 day'));
CREATE INDEX observation_elder_code_time_idx ON observation (elder_id, code, time DESC);
ALTER TABLE observation SET (timescaledb.compress, timescaledb.compress_segmentby = 'elder_id, code',
                             timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('observation', INTERVAL '7 days');
SELECT add_retention_policy('observation', INTERVAL '400 days');

CREATE TABLE location (
    time        TIMESTAMPTZ NOT NULL,
    elder_id    BIGINT NOT NULL,
    device_id   TEXT NOT NULL,
    lat         DOUBLE PRECISION NOT NULL,
    lon         DOUBLE PRECISION NOT NULL,
    accuracy_m  DOUBLE PRECISION,
    source      TEXT NOT NULL DEFAULT 'GPS',
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    flags       SMALLINT NOT NULL DEFAULT 0
);
SELECT create_hypertable('location', by_range('time', INTERVAL '1 day'));
CREATE INDEX location_elder_time_idx ON location (elder_id, time DESC);
ALTER TABLE location SET (timescaledb.compress, timescaledb.compress_segmentby = 'elder_id',
                          timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('location', INTERVAL '7 days');
SELECT add_retention_policy('location', INTERVAL '180 days');

CREATE MATERIALIZED VIEW observation_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, elder_id, code,
       count(*) AS n, min(value) AS min_value, max(value) AS max_value, avg(value) AS avg_value
FROM observation GROUP BY bucket, elder_id, code WITH NO DATA;
SELECT add_continuous_aggregate_policy('observation_hourly',
    start_offset => INTERVAL '3 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');

CREATE MATERIALIZED VIEW observation_daily WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', time) AS bucket, elder_id, code,
       count(*) AS n, min(value) AS min_value, max(value) AS max_value, avg(value) AS avg_value
FROM observation GROUP BY bucket, elder_id, code WITH NO DATA;
SELECT add_continuous_aggregate_policy('observation_daily',
    start_offset => INTERVAL '10 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');

-- Kept for parity with plain mode (the rollup job is idle on TimescaleDB).
CREATE TABLE rollup_state (
    name           TEXT PRIMARY KEY,
    refreshed_to   TIMESTAMPTZ NOT NULL
);
