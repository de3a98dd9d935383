-- Issue 14: one row per sample instead of one per reading. A vitals message carries 1-32 readings,
-- usually 4 taken at the same instant; stored one row each, every reading cost its own heap tuple
-- (24 B header, the time, elder, device and received_at repeated) and its own btree entry, and
-- btree inserts were over half of the database's CPU at 10,000 msg/s (docs/benchmarks.md "fifth
-- pass"). vital_sample holds one row per (device, instant) with a column per vital sign; a message
-- whose readings have different ts, or that repeats a code at one ts, gives more rows.
-- TimescaleDB variant: a hypertable like observation was, and the hourly and daily continuous
-- aggregates are computed per column, behind views with the old (bucket, elder_id, code, n,
-- min_value, max_value, avg_value) shape.
-- Every query keeps reading `observation` (time, elder_id, device_id, code, value, received_at,
-- flags): it is now a view that unpivots the samples, and inserting into it (tests, imports) goes
-- through a trigger. The columns follow care.anxin.domain.vital.VitalSign; a new vital sign needs
-- a migration that adds its column to the table and to both views (VitalSampleTest checks).
CREATE TABLE vital_sample (
    time        TIMESTAMPTZ NOT NULL,      -- device time (corrected when the device clock lies, see flags)
    elder_id    BIGINT NOT NULL,
    device_id   TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    flags       SMALLINT NOT NULL DEFAULT 0,
    hr          DOUBLE PRECISION,          -- NULL: not in this sample
    spo2        DOUBLE PRECISION,
    sbp         DOUBLE PRECISION,
    dbp         DOUBLE PRECISION,
    temp        DOUBLE PRECISION,
    rr          DOUBLE PRECISION,
    steps       DOUBLE PRECISION,
    glu         DOUBLE PRECISION,
    CONSTRAINT vital_sample_has_reading CHECK (num_nonnulls(hr, spo2, sbp, dbp, temp, rr, steps, glu) > 0)
);
-- No default index on time alone, as in plain mode: queries go by elder (below) or by chunk.
SELECT create_hypertable('vital_sample', by_range('time', INTERVAL '1 day'), create_default_indexes => false);
-- Ascending time: within an elder new rows land after the older ones, where a btree splits a
-- full page without leaving it half empty; backward scans serve ORDER BY time DESC.
CREATE INDEX vital_sample_elder_time_idx ON vital_sample (elder_id, time);
ALTER TABLE vital_sample SET (timescaledb.compress, timescaledb.compress_segmentby = 'elder_id',
                              timescaledb.compress_orderby = 'time DESC');
SELECT add_compression_policy('vital_sample', INTERVAL '7 days');
SELECT add_retention_policy('vital_sample', INTERVAL '400 days');

DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM observation
               WHERE code NOT IN ('HR', 'SPO2', 'SBP', 'DBP', 'TEMP', 'RR', 'STEPS', 'GLU')) THEN
        RAISE EXCEPTION 'observation holds a vital code with no vital_sample column';
    END IF;
END $$;

-- Readings of one device at one instant become one sample; a code repeated at that instant
-- starts another (k numbers the repeats).
INSERT INTO vital_sample (time, elder_id, device_id, received_at, flags, hr, spo2, sbp, dbp, temp, rr, steps, glu)
SELECT time, elder_id, device_id, received_at, flags,
       max(value) FILTER (WHERE code = 'HR'), max(value) FILTER (WHERE code = 'SPO2'),
       max(value) FILTER (WHERE code = 'SBP'), max(value) FILTER (WHERE code = 'DBP'),
       max(value) FILTER (WHERE code = 'TEMP'), max(value) FILTER (WHERE code = 'RR'),
       max(value) FILTER (WHERE code = 'STEPS'), max(value) FILTER (WHERE code = 'GLU')
FROM (SELECT o.*, row_number() OVER (PARTITION BY time, elder_id, device_id, received_at, flags, code) AS k
      FROM observation o) r
GROUP BY time, elder_id, device_id, received_at, flags, k;

-- The aggregates read observation; they go first (their policies go with them).
DROP MATERIALIZED VIEW observation_daily;
DROP MATERIALIZED VIEW observation_hourly;
DROP TABLE observation;

CREATE VIEW observation AS
SELECT s.time, s.elder_id, s.device_id, r.code, r.value, s.received_at, s.flags
FROM vital_sample s
CROSS JOIN LATERAL (VALUES ('HR', s.hr), ('SPO2', s.spo2), ('SBP', s.sbp), ('DBP', s.dbp), ('TEMP', s.temp),
                           ('RR', s.rr), ('STEPS', s.steps), ('GLU', s.glu)) AS r(code, value)
WHERE r.value IS NOT NULL;
ALTER VIEW observation ALTER COLUMN received_at SET DEFAULT now();
ALTER VIEW observation ALTER COLUMN flags SET DEFAULT 0;

-- A reading inserted through the view is a sample of its own.
CREATE FUNCTION observation_insert() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.code IS NULL OR NEW.code NOT IN ('HR', 'SPO2', 'SBP', 'DBP', 'TEMP', 'RR', 'STEPS', 'GLU') THEN
        RAISE EXCEPTION 'unknown vital code %', NEW.code USING ERRCODE = 'check_violation';
    END IF;
    INSERT INTO vital_sample (time, elder_id, device_id, received_at, flags, hr, spo2, sbp, dbp, temp, rr, steps, glu)
    VALUES (NEW.time, NEW.elder_id, NEW.device_id, NEW.received_at, NEW.flags,
            CASE NEW.code WHEN 'HR' THEN NEW.value END, CASE NEW.code WHEN 'SPO2' THEN NEW.value END,
            CASE NEW.code WHEN 'SBP' THEN NEW.value END, CASE NEW.code WHEN 'DBP' THEN NEW.value END,
            CASE NEW.code WHEN 'TEMP' THEN NEW.value END, CASE NEW.code WHEN 'RR' THEN NEW.value END,
            CASE NEW.code WHEN 'STEPS' THEN NEW.value END, CASE NEW.code WHEN 'GLU' THEN NEW.value END);
    RETURN NEW;
END $$;
CREATE TRIGGER observation_insert INSTEAD OF INSERT ON observation
    FOR EACH ROW EXECUTE FUNCTION observation_insert();

-- Per-column aggregates over the samples (aggregates skip NULLs, so count(hr) counts HR readings).
-- Windows and retention as V3 set them for the aggregates they replace.
CREATE MATERIALIZED VIEW vital_sample_hourly WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 hour', time) AS bucket, elder_id,
       count(hr) AS hr_n, min(hr) AS hr_min, max(hr) AS hr_max, avg(hr) AS hr_avg,
       count(spo2) AS spo2_n, min(spo2) AS spo2_min, max(spo2) AS spo2_max, avg(spo2) AS spo2_avg,
       count(sbp) AS sbp_n, min(sbp) AS sbp_min, max(sbp) AS sbp_max, avg(sbp) AS sbp_avg,
       count(dbp) AS dbp_n, min(dbp) AS dbp_min, max(dbp) AS dbp_max, avg(dbp) AS dbp_avg,
       count(temp) AS temp_n, min(temp) AS temp_min, max(temp) AS temp_max, avg(temp) AS temp_avg,
       count(rr) AS rr_n, min(rr) AS rr_min, max(rr) AS rr_max, avg(rr) AS rr_avg,
       count(steps) AS steps_n, min(steps) AS steps_min, max(steps) AS steps_max, avg(steps) AS steps_avg,
       count(glu) AS glu_n, min(glu) AS glu_min, max(glu) AS glu_max, avg(glu) AS glu_avg
FROM vital_sample GROUP BY bucket, elder_id WITH NO DATA;
SELECT add_continuous_aggregate_policy('vital_sample_hourly',
    start_offset => INTERVAL '390 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');
SELECT add_retention_policy('vital_sample_hourly', INTERVAL '400 days');

CREATE MATERIALIZED VIEW vital_sample_daily WITH (timescaledb.continuous, timescaledb.materialized_only = false) AS
SELECT time_bucket(INTERVAL '1 day', time) AS bucket, elder_id,
       count(hr) AS hr_n, min(hr) AS hr_min, max(hr) AS hr_max, avg(hr) AS hr_avg,
       count(spo2) AS spo2_n, min(spo2) AS spo2_min, max(spo2) AS spo2_max, avg(spo2) AS spo2_avg,
       count(sbp) AS sbp_n, min(sbp) AS sbp_min, max(sbp) AS sbp_max, avg(sbp) AS sbp_avg,
       count(dbp) AS dbp_n, min(dbp) AS dbp_min, max(dbp) AS dbp_max, avg(dbp) AS dbp_avg,
       count(temp) AS temp_n, min(temp) AS temp_min, max(temp) AS temp_max, avg(temp) AS temp_avg,
       count(rr) AS rr_n, min(rr) AS rr_min, max(rr) AS rr_max, avg(rr) AS rr_avg,
       count(steps) AS steps_n, min(steps) AS steps_min, max(steps) AS steps_max, avg(steps) AS steps_avg,
       count(glu) AS glu_n, min(glu) AS glu_min, max(glu) AS glu_max, avg(glu) AS glu_avg
FROM vital_sample GROUP BY bucket, elder_id WITH NO DATA;
SELECT add_continuous_aggregate_policy('vital_sample_daily',
    start_offset => INTERVAL '390 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');

-- The rollups every query reads, in the plain rollup tables' shape: one row per code with readings.
CREATE VIEW observation_hourly AS
SELECT h.bucket, h.elder_id, r.code, r.n, r.min_value, r.max_value, r.avg_value
FROM vital_sample_hourly h
CROSS JOIN LATERAL (VALUES ('HR', h.hr_n, h.hr_min, h.hr_max, h.hr_avg),
                           ('SPO2', h.spo2_n, h.spo2_min, h.spo2_max, h.spo2_avg),
                           ('SBP', h.sbp_n, h.sbp_min, h.sbp_max, h.sbp_avg),
                           ('DBP', h.dbp_n, h.dbp_min, h.dbp_max, h.dbp_avg),
                           ('TEMP', h.temp_n, h.temp_min, h.temp_max, h.temp_avg),
                           ('RR', h.rr_n, h.rr_min, h.rr_max, h.rr_avg),
                           ('STEPS', h.steps_n, h.steps_min, h.steps_max, h.steps_avg),
                           ('GLU', h.glu_n, h.glu_min, h.glu_max, h.glu_avg)) AS r(code, n, min_value, max_value, avg_value)
WHERE r.n > 0;

CREATE VIEW observation_daily AS
SELECT d.bucket, d.elder_id, r.code, r.n, r.min_value, r.max_value, r.avg_value
FROM vital_sample_daily d
CROSS JOIN LATERAL (VALUES ('HR', d.hr_n, d.hr_min, d.hr_max, d.hr_avg),
                           ('SPO2', d.spo2_n, d.spo2_min, d.spo2_max, d.spo2_avg),
                           ('SBP', d.sbp_n, d.sbp_min, d.sbp_max, d.sbp_avg),
                           ('DBP', d.dbp_n, d.dbp_min, d.dbp_max, d.dbp_avg),
                           ('TEMP', d.temp_n, d.temp_min, d.temp_max, d.temp_avg),
                           ('RR', d.rr_n, d.rr_min, d.rr_max, d.rr_avg),
                           ('STEPS', d.steps_n, d.steps_min, d.steps_max, d.steps_avg),
                           ('GLU', d.glu_n, d.glu_min, d.glu_max, d.glu_avg)) AS r(code, n, min_value, max_value, avg_value)
WHERE r.n > 0;
