-- Issue 14: one row per sample instead of one per reading. A vitals message carries 1-32 readings,
-- usually 4 taken at the same instant; stored one row each, every reading cost its own heap tuple
-- (24 B header, the time, elder, device and received_at repeated) and its own btree entry, and
-- btree inserts were over half of the database's CPU at 10,000 msg/s (docs/benchmarks.md "fifth
-- pass"). vital_sample holds one row per (device, instant) with a column per vital sign; a message
-- whose readings have different ts, or that repeats a code at one ts, gives more rows.
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
) PARTITION BY RANGE (time);

-- The partitions observation had (weekly ones from the maintenance job, and DEFAULT), same bounds.
DO $$
DECLARE p record;
BEGIN
    FOR p IN SELECT c.relname, pg_get_expr(c.relpartbound, c.oid) AS bound
             FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
             WHERE i.inhparent = 'observation'::regclass
    LOOP
        EXECUTE format('CREATE TABLE %I PARTITION OF vital_sample %s',
                       regexp_replace(p.relname, '^observation', 'vital_sample'), p.bound);
    END LOOP;
END $$;

-- Ascending time: within an elder new rows land after the older ones, where a btree splits a
-- full page without leaving it half empty; backward scans serve ORDER BY time DESC.
CREATE INDEX vital_sample_elder_time_idx ON vital_sample (elder_id, time);
-- The plain-mode rollup job finds new rows by received_at (see V3).
CREATE INDEX vital_sample_received_brin ON vital_sample USING brin (received_at)
    WITH (pages_per_range = 16, autosummarize = on);

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
