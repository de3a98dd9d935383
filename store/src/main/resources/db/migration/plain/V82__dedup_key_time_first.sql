-- Issue 14: the de-duplication key leads with the message's ts: (time, device_id, digest) instead
-- of (device_id, digest, time). Same columns, so the same uniqueness: an exact redelivery is still
-- stored once. What changes is where a new key lands in the index. Led by device and a random
-- digest, every insert went to a random leaf inside that device's range, a range that grows for the
-- whole retention window, so at scale nearly every insert touches a page no other insert touched
-- recently (a cache miss now, a full-page image in the WAL after each checkpoint, a disk read once
-- the index outgrows memory). Led by ts, keys arrive in nearly ascending order and land at the
-- right edge of the index, whose few hot pages stay in memory. Measured in one series on the ingest
-- bench (10,000 msg/s, fresh database): database CPU per message ~8 % lower (docs/benchmarks.md).
-- A redelivery keeps its ts, so the lookup that finds it is as exact as before.
-- Cost of this migration: the key of every kept partition is rebuilt (at most the retention window,
-- 8 days by default) while ingest waits; see docs/operations.md "Upgrading".
ALTER TABLE message_dedup DROP CONSTRAINT message_dedup_pkey;
ALTER TABLE message_dedup ADD CONSTRAINT message_dedup_pkey PRIMARY KEY (time, device_id, digest);
