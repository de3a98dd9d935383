-- Urgent lanes at every hop (issue 9): the alert_changed notification also names the incident's
-- kind ("alertId,orgId,kind"), so a listener can stream an SOS or FALL ahead of a backlog of
-- vital-sign incident changes without loading every row first. Older listeners read the first
-- two fields only.
CREATE OR REPLACE FUNCTION notify_alert_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('alert_changed', NEW.id || ',' || NEW.organization_id || ',' || NEW.kind);
    RETURN NULL;
END $$;
