-- Issue 9 (every SOS reaches a human): urgent-first event consumption with retries that never park
-- an SOS, re-alert after a new press, honest handset words, wrong device clocks made visible.

-- Retry with backoff: a failed event waits until next_attempt_at. parked_at: a non-urgent event
-- given up after the maximum attempts (kept with last_error, listed for admins). Urgent events
-- (SOS, FALL, FALL_CANCELLED) are never parked.
ALTER TABLE device_event ADD COLUMN next_attempt_at TIMESTAMPTZ;
ALTER TABLE device_event ADD COLUMN parked_at TIMESTAMPTZ;
CREATE INDEX device_event_urgent_pending_idx ON device_event (id)
    WHERE processed_at IS NULL AND kind IN ('SOS', 'FALL', 'FALL_CANCELLED');
CREATE INDEX device_event_parked_idx ON device_event (parked_at DESC) WHERE parked_at IS NOT NULL;

-- The device clock was implausible: the incident opened at the server receive time (console card + timeline).
ALTER TABLE alert ADD COLUMN device_clock_wrong BOOLEAN NOT NULL DEFAULT FALSE;
-- Escalation restarts when the elder presses again after an acknowledgement: steps count from
-- escalation_started_at (opened_at when null) and the round is part of the notification keys.
ALTER TABLE alert ADD COLUMN escalation_started_at TIMESTAMPTZ;
ALTER TABLE alert ADD COLUMN escalation_round INT NOT NULL DEFAULT 0;
-- The second ALERT_ACK ("<center> confirmed, staff on the way") is queued once per acknowledgement.
ALTER TABLE alert ADD COLUMN ack_notice_at TIMESTAMPTZ;
CREATE INDEX alert_ack_notice_idx ON alert (acknowledged_at) WHERE status = 'ACKNOWLEDGED' AND ack_notice_at IS NULL;
