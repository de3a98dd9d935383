-- monitoring-service: API keys for partners and scripts, and login throttling.

-- An API key is a long random secret, so a fast hash (SHA-256, hex) is enough and lets us look it
-- up directly; the plain key is shown once at creation. Requests authenticated with a key act
-- with the key's role, below the key's organization, on behalf of the admin who created it.
CREATE TABLE api_key (
    id              BIGSERIAL PRIMARY KEY,
    name            TEXT NOT NULL,
    key_hash        TEXT NOT NULL UNIQUE,
    key_prefix      TEXT NOT NULL,
    role            TEXT NOT NULL CHECK (role IN ('CARE_STAFF', 'DISTRICT_STAFF', 'DOCTOR', 'ADMIN', 'PARTNER')),
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    created_by      BIGINT NOT NULL REFERENCES app_user (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_used_at    TIMESTAMPTZ,
    revoked_at      TIMESTAMPTZ
);

-- Failed logins per username and remote address: after a few failures the pair is locked for an
-- increasing time. Kept in the database so every monitoring-service instance sees the same lock.
CREATE TABLE login_throttle (
    username        TEXT NOT NULL,
    remote_address  TEXT NOT NULL,
    failures        INT NOT NULL DEFAULT 0,
    last_failure_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    locked_until    TIMESTAMPTZ,
    PRIMARY KEY (username, remote_address)
);

CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id);
CREATE INDEX doctor_contract_doctor_idx ON doctor_contract (doctor_user_id);
CREATE INDEX app_user_organization_idx ON app_user (organization_id);
CREATE INDEX device_organization_idx ON device (organization_id);
