-- Issue 13: GPS watches speaking the "3G watch" TCP protocol (docs/protocol-watch.md) are devices
-- of kind WATCH. Every device names the protocol it logs in with: MQTT (secret) or WATCH (no
-- secret, registered id only); a device is admitted only over its own protocol.
ALTER TABLE device DROP CONSTRAINT device_kind_check;
ALTER TABLE device ADD CONSTRAINT device_kind_check CHECK (kind IN ('HANDSET', 'WRISTBAND', 'PENDANT', 'WATCH'));
ALTER TABLE device ADD COLUMN protocol TEXT NOT NULL DEFAULT 'MQTT' CHECK (protocol IN ('MQTT', 'WATCH'));
