-- Device edge (issue 10): a device's live session ends at once, on whichever gateway holds it,
-- when it is disabled, its secret is rotated or it is bound to another elder. The gateway's own
-- upgrade of a legacy BCrypt hash to the fast form sets anxin.secret_rehash for its transaction
-- and is not a rotation.
CREATE FUNCTION notify_device_revoked() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF (OLD.enabled AND NOT NEW.enabled)
       OR NEW.elder_id IS DISTINCT FROM OLD.elder_id
       OR (NEW.secret_hash IS DISTINCT FROM OLD.secret_hash
           AND coalesce(current_setting('anxin.secret_rehash', true), '') <> 'on') THEN
        PERFORM pg_notify('device_revoked', NEW.id);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER device_revoked_notify AFTER UPDATE OF enabled, elder_id, secret_hash ON device
    FOR EACH ROW EXECUTE FUNCTION notify_device_revoked();
