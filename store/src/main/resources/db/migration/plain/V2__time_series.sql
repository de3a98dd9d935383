-- Time series on plain PostgreSQL: native range partitioning by day, rollup tables kept up to
-- date by the store's RollupMaintenance job. Column names match the TimescaleDB variant so every
-- query the services run is the same in both modes.

CREATE TABLE observation (
    time        TIMESTAMPTZ NOT NULL,      -- device time (corrected when the device clock lies, see flags)
    elder_id    BIGINT NOT NULL,
    device_id   TEXT NOT NULL,
    code        TEXT NOT NULL,             -- vital code from care.anxin.domain VitalSign (HR, SPO2, ...)
    value       DOUBLE PRECISION NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    flags       SMALLINT NOT NULL DEFAULT 0 -- bit 1: device clock in the future, corrected; bit 2: far past
) PARTITION BY RANGE (time);
CREATE TABLE observation_default PARTITION OF observation DEFAULT;
CREATE INDEX observation_elder_code_time_idx ON observation (elder_id, code, time DESC);

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
) PARTITION BY RANGE (time);
CREATE TABLE location_default PARTITION OF location DEFAULT;
CREATE INDEX location_elder_time_idx ON location (elder_id, time DESC);

-- Rollups: same columns as the TimescaleDB continuous aggregates.
CREATE TABLE observation_hourly (
    bucket      TIMESTAMPTZ NOT NULL,
    elder_id    BIGINT NOT NULL,
    code        TEXT NOT NULL,
    n           BIGINT NOT NULL,
    min_value   DOUBLE PRECISION NOT NULL,
    max_value   DOUBLE PRECISION NOT NULL,
    avg_value   DOUBLE PRECISION NOT NULL,
    PRIMARY KEY (elder_id, code, bucket)
);
CREATE TABLE observation_daily (LIKE observation_hourly INCLUDING ALL);

-- Which buckets the rollup job has brought up to date (high-water mark of received_at).
CREATE TABLE rollup_state (
    name           TEXT PRIMARY KEY,
    refreshed_to   TIMESTAMPTZ NOT NULL
);
