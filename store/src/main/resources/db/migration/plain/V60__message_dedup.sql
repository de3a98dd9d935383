-- De-duplication that survives device resets (issue 10 point 5) at a fraction of the cost
-- (issue 14). The key is (device, digest of the exact payload bytes, the message's own ts): an
-- exact redelivery is stored once, a reused msgId with different content is a new message.
-- Partitioned by the message's ts, so the unique key holds across partitions (a redelivery
-- carries the same ts) and retention drops whole partitions instead of deleting row by row;
-- no index but the key; "C" collation so the key compares bytes, not locale rules.
-- Weekly partitions are created and dropped by the store's maintenance job (like observation);
-- keys with a ts outside them wait in DEFAULT, pruned by ts like the other DEFAULT partitions.
-- Keys of the old (device, msgId) table are not carried over: they cannot be re-keyed without
-- the payloads, and a redelivery that spans the upgrade is the only thing that could pass twice.
CREATE TABLE message_dedup (
    time        TIMESTAMPTZ NOT NULL,          -- the message's ts as sent
    digest      BIGINT NOT NULL,               -- first 64 bits of SHA-256 of the payload bytes
    received_at TIMESTAMPTZ NOT NULL,
    device_id   TEXT COLLATE "C" NOT NULL,
    msg_id      TEXT COLLATE "C" NOT NULL,     -- for reading only; it is inside the digested bytes
    PRIMARY KEY (device_id, digest, time)
) PARTITION BY RANGE (time);
CREATE TABLE message_dedup_default PARTITION OF message_dedup DEFAULT;

DROP TABLE ingested_message;
