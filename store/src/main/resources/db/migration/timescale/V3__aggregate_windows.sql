-- TimescaleDB only: corrections from reviewing V2 against the TimescaleDB 2.x documentation.
--
-- 1. Refresh windows. A real-time continuous aggregate answers from its materialization below the
--    watermark and from raw rows above it; a refresh policy only materializes inside its window.
--    With V2's windows (3 days hourly, 10 days daily) history loaded or backfilled further back
--    (the demo loads 30-90 days) fell below the watermark without ever being materialized, so the
--    aggregates silently missed it. The windows now cover the raw retention except a margin: after
--    the first run a refresh recomputes only invalidated ranges, so a wide window costs little, and
--    it must stay inside the 400-day raw retention, or refreshing over dropped chunks would delete
--    aggregate rows too.
SELECT remove_continuous_aggregate_policy('observation_hourly');
SELECT add_continuous_aggregate_policy('observation_hourly',
    start_offset => INTERVAL '390 days', end_offset => INTERVAL '1 hour', schedule_interval => INTERVAL '15 minutes');

SELECT remove_continuous_aggregate_policy('observation_daily');
SELECT add_continuous_aggregate_policy('observation_daily',
    start_offset => INTERVAL '390 days', end_offset => INTERVAL '1 day', schedule_interval => INTERVAL '1 hour');

-- 2. Hourly buckets are kept as long as raw data (daily ones forever), as the plain-PostgreSQL
--    maintenance job does with observation_hourly. Beyond the refresh window, so never refreshed away.
SELECT add_retention_policy('observation_hourly', INTERVAL '400 days');
