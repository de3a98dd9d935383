-- History imports (versions V50-V54): past incidents written once per database, e.g. the demo
-- community's week of handled incidents. The row is the marker: a database that has it never gets
-- the same history twice, a fresh database (or another one) has no row and gets it.
CREATE TABLE history_import (
    import_key      TEXT PRIMARY KEY CHECK (import_key ~ '^[A-Za-z0-9._:-]{1,100}$'),
    organization_id BIGINT NOT NULL REFERENCES organization (id),
    incidents       INT NOT NULL DEFAULT 0,
    created_by      BIGINT REFERENCES app_user (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    -- Set by the importer once everything else that belongs to the import (e.g. vitals sent over
    -- MQTT) has been delivered; NULL means the rest is still to do.
    completed_at    TIMESTAMPTZ
);
