-- Help center (versions V70-V74): responders and family accounts, dispatch to the doorstep.

-- RESPONDER: a community worker or volunteer sent to the door (sees only incidents dispatched to them).
-- FAMILY: a family member linked to elders through family_link (sees only those elders).
ALTER TABLE app_user DROP CONSTRAINT app_user_role_check;
ALTER TABLE app_user ADD CONSTRAINT app_user_role_check
    CHECK (role IN ('CARE_STAFF', 'DISTRICT_STAFF', 'DOCTOR', 'ADMIN', 'PARTNER', 'RESPONDER', 'FAMILY'));
ALTER TABLE api_key DROP CONSTRAINT api_key_role_check;
ALTER TABLE api_key ADD CONSTRAINT api_key_role_check
    CHECK (role IN ('CARE_STAFF', 'DISTRICT_STAFF', 'DOCTOR', 'ADMIN', 'PARTNER', 'RESPONDER', 'FAMILY'));

CREATE TABLE family_link (
    user_id     BIGINT NOT NULL REFERENCES app_user (id) ON DELETE CASCADE,
    elder_id    BIGINT NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    relation    TEXT,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (user_id, elder_id)
);
CREATE INDEX family_link_elder_idx ON family_link (elder_id);

-- Someone sent to the elder's door for an incident. The responder's link carries a random token;
-- only its SHA-256 is kept. Times go DISPATCHED -> EN_ROUTE (departed_at) -> ARRIVED -> DONE.
CREATE TABLE alert_dispatch (
    id                 BIGSERIAL PRIMARY KEY,
    alert_id           BIGINT NOT NULL REFERENCES alert (id),
    responder_user_id  BIGINT REFERENCES app_user (id),
    responder_name     TEXT NOT NULL,
    responder_phone    TEXT,
    note               TEXT,
    token_hash         TEXT NOT NULL UNIQUE,
    status             TEXT NOT NULL DEFAULT 'DISPATCHED'
                       CHECK (status IN ('DISPATCHED', 'EN_ROUTE', 'ARRIVED', 'DONE', 'CANCELLED')),
    dispatched_by      BIGINT REFERENCES app_user (id),
    dispatched_at      TIMESTAMPTZ NOT NULL,
    departed_at        TIMESTAMPTZ,
    arrived_at         TIMESTAMPTZ,
    finished_at        TIMESTAMPTZ,
    outcome            TEXT,
    outcome_note       TEXT,
    expires_at         TIMESTAMPTZ NOT NULL,
    notification_id    BIGINT REFERENCES notification (id)
);
CREATE INDEX alert_dispatch_alert_idx ON alert_dispatch (alert_id, dispatched_at DESC);
CREATE INDEX alert_dispatch_responder_idx ON alert_dispatch (responder_user_id, dispatched_at DESC)
    WHERE responder_user_id IS NOT NULL;

-- Who asked a device to do what from the console (MESSAGE, LOCATE, CONFIG): lets the elder card
-- list an elder's recent commands without scanning every device's queue.
ALTER TABLE device_command ADD COLUMN requested_by BIGINT REFERENCES app_user (id);
ALTER TABLE device_command ADD COLUMN elder_id BIGINT REFERENCES elder (id);
CREATE INDEX device_command_elder_idx ON device_command (elder_id, id DESC) WHERE elder_id IS NOT NULL;

-- Rows queued into the outbox by another service (a dispatch from the monitoring service) wake
-- the alert service's dispatcher at once instead of at its next poll.
CREATE FUNCTION notify_notification_queued() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('notification_queued', '');
    RETURN NULL;
END $$;
CREATE TRIGGER notification_queued_notify AFTER INSERT ON notification
    FOR EACH STATEMENT EXECUTE FUNCTION notify_notification_queued();
