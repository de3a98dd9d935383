/**
 * The alert service's SQL: event claims, incidents, holds, escalation look-ups, the notification
 * outbox and the timer-rule queries. Plain JDBC; every time stamp comes from the caller's clock so
 * tests can drive time.
 */
package care.anxin.store.alerting;
