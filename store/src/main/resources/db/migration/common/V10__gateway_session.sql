-- Device gateway (V10-V19): persistent MQTT sessions. A device connecting with clean session /
-- clean start = false resumes its command-topic subscription on whichever gateway node it reaches.
CREATE TABLE mqtt_session (
    device_id           TEXT PRIMARY KEY REFERENCES device (id) ON DELETE CASCADE,
    command_subscribed  BOOLEAN NOT NULL DEFAULT FALSE,
    updated_at          TIMESTAMPTZ NOT NULL DEFAULT now()
);

