-- Anxin core schema: the tables every service shares (ARCHITECTURE.md "Storage").
-- Time-series tables (observation, location) and their rollups live in V2, which has one
-- variant for TimescaleDB and one for plain PostgreSQL.
-- Version ranges owned by modules for their own later migrations:
--   V3-V9 store, V10-V19 device-gateway, V20-V29 alert-service, V30-V39 monitoring-service.

-- Organization tree: city -> district -> street -> community care center, plus medical partners.
-- path is the materialised chain of ids ('/1/4/9/') so "everything below me" is a prefix match.
CREATE TABLE organization (
    id          BIGSERIAL PRIMARY KEY,
    parent_id   BIGINT REFERENCES organization (id),
    kind        TEXT NOT NULL CHECK (kind IN ('CITY', 'DISTRICT', 'STREET', 'COMMUNITY_CENTER', 'MEDICAL_PARTNER', 'OPERATOR')),
    code        TEXT NOT NULL UNIQUE,
    name        TEXT NOT NULL,
    name_en     TEXT,
    phone       TEXT,
    address     TEXT,
    path        TEXT NOT NULL DEFAULT '',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX organization_path_idx ON organization (path text_pattern_ops);

CREATE FUNCTION organization_set_path() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.parent_id IS NULL THEN
        NEW.path := '/' || NEW.id || '/';
    ELSE
        SELECT path || NEW.id || '/' INTO NEW.path FROM organization WHERE id = NEW.parent_id;
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER organization_path BEFORE INSERT OR UPDATE OF parent_id ON organization
    FOR EACH ROW EXECUTE FUNCTION organization_set_path();

CREATE TABLE app_user (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    username        TEXT NOT NULL UNIQUE,
    display_name    TEXT NOT NULL,
    password_hash   TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('CARE_STAFF', 'DISTRICT_STAFF', 'DOCTOR', 'ADMIN', 'PARTNER')),
    phone           TEXT,
    locale          TEXT NOT NULL DEFAULT 'zh-CN',
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- An elder: profile, home geofence, travel zone, care plan (thresholds per vital code, JSON
-- shaped by care.anxin.domain CarePlan). organization_id is the community care center in charge.
CREATE TABLE elder (
    id                BIGSERIAL PRIMARY KEY,
    organization_id   BIGINT NOT NULL REFERENCES organization (id),
    name              TEXT NOT NULL,
    gender            TEXT CHECK (gender IN ('F', 'M')),
    birth_date        DATE NOT NULL,
    phone             TEXT,
    address           TEXT,
    conditions        TEXT[] NOT NULL DEFAULT '{}',
    home_lat          DOUBLE PRECISION,
    home_lon          DOUBLE PRECISION,
    home_radius_m     DOUBLE PRECISION,
    -- Travel mode: an elder staying in another city for seasonal care; the temporary zone replaces home.
    travel_lat        DOUBLE PRECISION,
    travel_lon        DOUBLE PRECISION,
    travel_radius_m   DOUBLE PRECISION,
    travel_city       TEXT,
    travel_until      TIMESTAMPTZ,
    care_plan         JSONB NOT NULL DEFAULT '{}',
    active            BOOLEAN NOT NULL DEFAULT TRUE,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX elder_organization_idx ON elder (organization_id);

CREATE TABLE elder_contact (
    id        BIGSERIAL PRIMARY KEY,
    elder_id  BIGINT NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    relation  TEXT NOT NULL,
    phone     TEXT NOT NULL,
    priority  INT NOT NULL DEFAULT 1,
    webhook_url TEXT
);
CREATE INDEX elder_contact_elder_idx ON elder_contact (elder_id);

-- Family-doctor contract: a doctor (app_user with role DOCTOR) may see this elder between the dates.
CREATE TABLE doctor_contract (
    id              BIGSERIAL PRIMARY KEY,
    elder_id        BIGINT NOT NULL REFERENCES elder (id) ON DELETE CASCADE,
    doctor_user_id  BIGINT NOT NULL REFERENCES app_user (id),
    valid_from      DATE NOT NULL DEFAULT CURRENT_DATE,
    valid_to        DATE,
    UNIQUE (elder_id, doctor_user_id)
);

-- A device: a one-key handset, wristband or pendant. The secret is stored only as a slow hash.
-- last_seen_at is refreshed by the gateway in batches, not per message.
CREATE TABLE device (
    id                TEXT PRIMARY KEY CHECK (id ~ '^[A-Za-z0-9_-]{3,64}$'),
    kind              TEXT NOT NULL CHECK (kind IN ('HANDSET', 'WRISTBAND', 'PENDANT')),
    organization_id   BIGINT NOT NULL REFERENCES organization (id),
    elder_id          BIGINT REFERENCES elder (id),
    secret_hash       TEXT NOT NULL,
    secret_rotated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    enabled           BOOLEAN NOT NULL DEFAULT TRUE,
    model             TEXT,
    firmware          TEXT,
    online            BOOLEAN NOT NULL DEFAULT FALSE,
    gateway_node      TEXT,
    last_connected_at TIMESTAMPTZ,
    last_seen_at      TIMESTAMPTZ,
    battery_pct       SMALLINT,
    created_at        TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX device_elder_idx ON device (elder_id);

-- De-duplication of uplink messages by the device-made message id (ARCHITECTURE: idempotent).
CREATE TABLE ingested_message (
    device_id   TEXT NOT NULL,
    msg_id      TEXT NOT NULL,
    received_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (device_id, msg_id)
);
CREATE INDEX ingested_message_received_idx ON ingested_message (received_at);

-- The durable event queue between gateway and alert service. Consumers claim rows with
-- FOR UPDATE SKIP LOCKED; processed_at marks them done.
CREATE TABLE device_event (
    id            BIGSERIAL PRIMARY KEY,
    elder_id      BIGINT,
    device_id     TEXT,
    kind          TEXT NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    received_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    msg_id        TEXT,
    payload       JSONB NOT NULL DEFAULT '{}',
    processed_at  TIMESTAMPTZ,
    attempts      INT NOT NULL DEFAULT 0,
    last_error    TEXT
);
CREATE INDEX device_event_pending_idx ON device_event (id) WHERE processed_at IS NULL;
CREATE INDEX device_event_elder_idx ON device_event (elder_id, occurred_at DESC);

CREATE FUNCTION notify_device_event() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('device_event', '');
    RETURN NULL;
END $$;
CREATE TRIGGER device_event_notify AFTER INSERT ON device_event
    FOR EACH STATEMENT EXECUTE FUNCTION notify_device_event();

-- Messages refused by the gateway, kept with their reason so nothing vanishes silently.
CREATE TABLE rejected_message (
    id             BIGSERIAL PRIMARY KEY,
    received_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    device_id      TEXT,
    topic          TEXT,
    reason_code    INT NOT NULL,
    reason         TEXT NOT NULL,
    payload        BYTEA,
    remote_address TEXT
);
CREATE INDEX rejected_message_received_idx ON rejected_message (received_at);

-- Incidents. At most one open (OPEN or ACKNOWLEDGED) incident per elder and kind: the database
-- enforces it, so concurrent events cannot create two.
CREATE TABLE alert (
    id                   BIGSERIAL PRIMARY KEY,
    elder_id             BIGINT NOT NULL REFERENCES elder (id),
    organization_id      BIGINT NOT NULL REFERENCES organization (id),
    device_id            TEXT,
    kind                 TEXT NOT NULL,
    severity             TEXT NOT NULL CHECK (severity IN ('CRITICAL', 'HIGH', 'MEDIUM', 'LOW')),
    status               TEXT NOT NULL CHECK (status IN ('OPEN', 'ACKNOWLEDGED', 'RESOLVED', 'CANCELLED', 'AUTO_RESOLVED')),
    title                TEXT NOT NULL,
    detail               JSONB NOT NULL DEFAULT '{}',
    event_count          INT NOT NULL DEFAULT 1,
    first_event_at       TIMESTAMPTZ NOT NULL,
    last_event_at        TIMESTAMPTZ NOT NULL,
    opened_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    first_notified_at    TIMESTAMPTZ,
    acknowledged_at      TIMESTAMPTZ,
    acknowledged_by      BIGINT REFERENCES app_user (id),
    resolved_at          TIMESTAMPTZ,
    resolved_by          BIGINT REFERENCES app_user (id),
    outcome              TEXT,
    assignee_user_id     BIGINT REFERENCES app_user (id),
    escalation_level     INT NOT NULL DEFAULT 0,
    next_escalation_at   TIMESTAMPTZ,
    next_reminder_at     TIMESTAMPTZ,
    lat                  DOUBLE PRECISION,
    lon                  DOUBLE PRECISION,
    updated_at           TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX alert_one_open_per_elder_kind ON alert (elder_id, kind) WHERE status IN ('OPEN', 'ACKNOWLEDGED');
CREATE INDEX alert_org_status_idx ON alert (organization_id, status, opened_at DESC);
CREATE INDEX alert_timers_idx ON alert (next_escalation_at) WHERE status IN ('OPEN', 'ACKNOWLEDGED');

CREATE FUNCTION notify_alert_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('alert_changed', NEW.id || ',' || NEW.organization_id);
    RETURN NULL;
END $$;
CREATE TRIGGER alert_changed_notify AFTER INSERT OR UPDATE ON alert
    FOR EACH ROW EXECUTE FUNCTION notify_alert_changed();

-- Timeline and audit trail of every incident.
CREATE TABLE alert_action (
    id         BIGSERIAL PRIMARY KEY,
    alert_id   BIGINT NOT NULL REFERENCES alert (id),
    at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor_user_id BIGINT REFERENCES app_user (id),
    actor      TEXT NOT NULL,
    action     TEXT NOT NULL,
    detail     JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX alert_action_alert_idx ON alert_action (alert_id, at);

-- Escalation policy per organization and incident kind ('*' = any kind), as data.
-- steps: JSON array, shape owned by the alert service (docs/alerting.md).
CREATE TABLE escalation_policy (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    alert_kind      TEXT NOT NULL DEFAULT '*',
    name            TEXT NOT NULL,
    steps           JSONB NOT NULL,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    UNIQUE (organization_id, alert_kind)
);

-- Where an organization (care center, help center, medical partner) receives notifications.
CREATE TABLE notification_endpoint (
    id              BIGSERIAL PRIMARY KEY,
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    channel         TEXT NOT NULL CHECK (channel IN ('WEBHOOK', 'SMS', 'VOICE')),
    name            TEXT NOT NULL,
    url             TEXT,
    secret          TEXT,
    phone           TEXT,
    enabled         BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Transactional outbox of outbound notifications; every attempt is recorded.
CREATE TABLE notification (
    id               BIGSERIAL PRIMARY KEY,
    alert_id         BIGINT REFERENCES alert (id),
    channel          TEXT NOT NULL,
    endpoint_id      BIGINT REFERENCES notification_endpoint (id),
    recipient        TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL UNIQUE,
    payload          JSONB NOT NULL,
    status           TEXT NOT NULL DEFAULT 'PENDING' CHECK (status IN ('PENDING', 'SENDING', 'SENT', 'DEAD', 'CANCELLED')),
    attempts         INT NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_error       TEXT,
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at          TIMESTAMPTZ
);
CREATE INDEX notification_due_idx ON notification (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX notification_alert_idx ON notification (alert_id);

CREATE TABLE notification_attempt (
    id               BIGSERIAL PRIMARY KEY,
    notification_id  BIGINT NOT NULL REFERENCES notification (id),
    at               TIMESTAMPTZ NOT NULL DEFAULT now(),
    success          BOOLEAN NOT NULL,
    status_code      INT,
    error            TEXT,
    duration_ms      INT
);
CREATE INDEX notification_attempt_notification_idx ON notification_attempt (notification_id);

-- Downlink commands to devices. The gateway holding the device's connection publishes them
-- (QoS 1) and marks them DELIVERED on PUBACK.
CREATE TABLE device_command (
    id            BIGSERIAL PRIMARY KEY,
    device_id     TEXT NOT NULL REFERENCES device (id),
    kind          TEXT NOT NULL,
    payload       JSONB NOT NULL DEFAULT '{}',
    status        TEXT NOT NULL DEFAULT 'QUEUED' CHECK (status IN ('QUEUED', 'SENT', 'DELIVERED', 'EXPIRED', 'FAILED')),
    alert_id      BIGINT REFERENCES alert (id),
    attempts      INT NOT NULL DEFAULT 0,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at       TIMESTAMPTZ,
    delivered_at  TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ
);
CREATE INDEX device_command_pending_idx ON device_command (device_id, id) WHERE status IN ('QUEUED', 'SENT');

CREATE FUNCTION notify_device_command() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('device_command', NEW.device_id);
    RETURN NULL;
END $$;
CREATE TRIGGER device_command_notify AFTER INSERT ON device_command
    FOR EACH ROW EXECUTE FUNCTION notify_device_command();

-- Who did what, when: every write made through the API.
CREATE TABLE audit_log (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    user_id      BIGINT,
    username     TEXT,
    action       TEXT NOT NULL,
    target_type  TEXT,
    target_id    TEXT,
    detail       JSONB NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_at_idx ON audit_log (at DESC);
