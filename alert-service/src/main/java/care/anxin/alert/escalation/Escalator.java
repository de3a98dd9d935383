package care.anxin.alert.escalation;

import care.anxin.alert.dispatch.Outbox;
import care.anxin.alert.incident.AlertMetrics;
import care.anxin.alert.incident.JsonText;
import care.anxin.store.alerting.AlertSnapshot;
import care.anxin.store.alerting.EscalationState;
import care.anxin.store.alerting.IncidentRepository;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves an incident along its escalation policy. Runs inside a transaction holding the alert row
 * lock; fires every step that is due, sends a reminder when one is due, and stores the next
 * timers on the row (next_escalation_at, next_reminder_at), so a restarted service continues
 * where the last one stopped. escalation_level = number of steps already passed.
 */
public class Escalator {

    private static final Logger log = LoggerFactory.getLogger(Escalator.class);

    private final IncidentRepository incidents;
    private final PolicyResolver policies;
    private final TargetResolver targets;
    private final Outbox outbox;
    private final JsonText json;
    private final AlertMetrics metrics;

    public Escalator(IncidentRepository incidents, PolicyResolver policies, TargetResolver targets, Outbox outbox,
                     JsonText json, AlertMetrics metrics) {
        this.incidents = incidents;
        this.policies = policies;
        this.targets = targets;
        this.outbox = outbox;
        this.json = json;
        this.metrics = metrics;
    }

    /** Starts escalation of a just-opened incident (same transaction). */
    public void start(long alertId, Instant now) {
        advance(incidents.lockTimers(alertId), now);
    }

    public void advance(EscalationState s, Instant now) {
        EscalationPolicy policy = policies.resolve(s.organizationId(), s.kind(), s.severity());
        List<EscalationPolicy.Step> steps = policy.steps();
        int level = s.level();
        Instant nextReminder = s.nextReminderAt();
        int reminders = s.reminderCount();
        boolean firedRepeating = false;
        while (level < steps.size() && !dueAt(s, steps.get(level)).isAfter(now)) {
            EscalationPolicy.Step step = steps.get(level);
            if (step.appliesTo(s.status())) {
                fire(s, policy, level, step, 0, now);
                if (step.repeatEverySeconds() != null && step.repeatEverySeconds() > 0) {
                    nextReminder = now.plusSeconds(step.repeatEverySeconds());
                    reminders = 0;
                    firedRepeating = true;
                }
            } else {
                incidents.addAction(s.id(), now, "ESCALATION_SKIPPED",
                        json.of(json.object().put("step", level).put("reason", "already acknowledged")));
            }
            level++;
        }
        if (s.acknowledged()) {
            nextReminder = null;
        } else if (!firedRepeating && nextReminder != null && !nextReminder.isAfter(now)) {
            int reminderStep = policy.reminderStep(level);
            if (reminderStep >= 0) {
                reminders++;
                EscalationPolicy.Step step = steps.get(reminderStep);
                fire(s, policy, reminderStep, step, reminders, now);
                nextReminder = now.plusSeconds(step.repeatEverySeconds());
            } else {
                nextReminder = null;
            }
        }
        Instant nextEscalation = level < steps.size() ? dueAt(s, steps.get(level)) : null;
        incidents.updateTimers(s.id(), level, nextEscalation, nextReminder, reminders, now);
    }

    private static Instant dueAt(EscalationState s, EscalationPolicy.Step step) {
        return s.escalationBase().plusSeconds(step.afterSeconds());
    }

    private void fire(EscalationState s, EscalationPolicy policy, int stepIndex, EscalationPolicy.Step step,
                      int reminder, Instant now) {
        AlertSnapshot alert = incidents.snapshot(s.id()).orElseThrow();
        ObjectNode detail = json.object().put("step", stepIndex).put("policy", policy.source());
        if (s.round() > 0) {
            detail.put("round", s.round());
        }
        if (reminder > 0) {
            detail.put("reminder", reminder);
        }
        ArrayNode sent = detail.putArray("recipients");
        ArrayNode notes = detail.putArray("notes");
        for (EscalationPolicy.Target target : step.targets()) {
            TargetResolver.Resolution resolution = targets.resolve(target, s.elderId(), s.organizationId());
            for (Recipient r : resolution.recipients()) {
                // A re-alert (round > 0, a new press after an acknowledgement) sends the steps again under new keys.
                String key = "alert:%d:%sstep:%d:target:%s:rem:%d".formatted(s.id(), s.round() > 0 ? "round:" + s.round() + ":" : "",
                        stepIndex, r.key(), reminder);
                outbox.alertNotification(alert, r.channel(), r.endpointId(), r.address(), key, stepIndex, reminder, target.type());
                sent.add(r.label() + " [" + r.channel() + "]");
            }
            resolution.notes().forEach(notes::add);
        }
        if (sent.isEmpty()) {
            log.warn("Incident {} ({}) step {}: nobody reachable: {}", s.id(), s.kind(), stepIndex, notes);
            metrics.escalation(s.kind(), "unreachable");
        }
        metrics.escalation(s.kind(), reminder > 0 ? "reminder" : "step");
        incidents.addAction(s.id(), now, reminder > 0 ? "REMINDED" : "ESCALATED", json.of(detail));
    }
}
