-- Alert service (versions V20-V29): fall holds, reminder bookkeeping, outbox lease index.

-- How many reminders the current escalation step has sent (part of the reminder idempotency key,
-- so a restarted service continues the count instead of re-sending reminder 1).
ALTER TABLE alert ADD COLUMN reminder_count INT NOT NULL DEFAULT 0;
CREATE INDEX alert_reminder_idx ON alert (next_reminder_at) WHERE status = 'OPEN';

-- Events held back for a cancel window before anyone is paged (a FALL the elder may cancel with
-- "I am OK"). Kept in the database so a restart neither forgets nor double-pages a held fall.
-- HELD -> RELEASED (incident opened, alert_id set) or CANCELLED (logged as a CANCELLED alert).
CREATE TABLE alert_hold (
    id              BIGSERIAL PRIMARY KEY,
    elder_id        BIGINT NOT NULL REFERENCES elder (id),
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    device_id       TEXT,
    kind            TEXT NOT NULL,
    status          TEXT NOT NULL DEFAULT 'HELD' CHECK (status IN ('HELD', 'RELEASED', 'CANCELLED')),
    event_id        BIGINT,
    msg_id          TEXT,
    event_count     INT NOT NULL DEFAULT 1,
    occurred_at     TIMESTAMPTZ NOT NULL,
    held_at         TIMESTAMPTZ NOT NULL,
    hold_until      TIMESTAMPTZ NOT NULL,
    payload         JSONB NOT NULL DEFAULT '{}',
    closed_at       TIMESTAMPTZ,
    alert_id        BIGINT REFERENCES alert (id)
);
CREATE UNIQUE INDEX alert_hold_one_per_elder_kind ON alert_hold (elder_id, kind) WHERE status = 'HELD';
CREATE INDEX alert_hold_due_idx ON alert_hold (hold_until) WHERE status = 'HELD';

-- Outbox rows being sent carry a lease in next_attempt_at; an expired lease (crashed sender) is
-- claimed again. The receiver de-duplicates by Idempotency-Key.
CREATE INDEX notification_inflight_idx ON notification (next_attempt_at) WHERE status = 'SENDING';

-- Idempotent handset downlinks: one ALERT_ACK per outbox row.
CREATE UNIQUE INDEX device_command_notification_key ON device_command ((payload ->> 'notificationKey'))
    WHERE (payload ->> 'notificationKey') IS NOT NULL;
