// The live set of open incidents: loaded once, then kept current by the server-sent event stream
// /api/v1/alerts/stream (event `alert` = one AlertView; `resync` = reload the list). The browser's
// EventSource reconnects by itself and resumes with Last-Event-ID; if the stream is closed for good
// (e.g. the server answered with an error), we open a new one with backoff and reload the list, since a
// fresh EventSource cannot resume.
import { api } from './api.js';
import { alarm } from './alarm.js';

const OPEN_STATUSES = new Set(['OPEN', 'ACKNOWLEDGED']);
const SEVERITY_RANK = { CRITICAL: 0, HIGH: 1, MEDIUM: 2, LOW: 3 };
const URGENT_KINDS = new Set(['SOS', 'FALL']);

export function isUrgent(alert) {
  return URGENT_KINDS.has(alert.kind);
}

/** Severity first, then the oldest first: the incident waiting longest at a level is on top. */
export function compareAlerts(a, b) {
  return (SEVERITY_RANK[a.severity] ?? 9) - (SEVERITY_RANK[b.severity] ?? 9)
    || Date.parse(a.openedAt) - Date.parse(b.openedAt)
    || a.id - b.id;
}

class AlertStore extends EventTarget {
  constructor() {
    super();
    this.alerts = new Map();
    this.connection = 'connecting'; // connecting | live | down
    this.loaded = false;
    this.source = null;
    this.retryMs = 1000;
    this.reloading = null;
    this.eventsDuringReload = [];
    this.lastEventAt = null;
  }

  start() {
    if (this.source) return;
    this.reload();
    this.connect();
  }

  sorted() {
    return [...this.alerts.values()].sort(compareAlerts);
  }

  async reload() {
    if (this.reloading) return this.reloading;
    this.eventsDuringReload = [];
    this.reloading = (async () => {
      try {
        const list = await api.alerts('open');
        this.alerts.clear();
        for (const alert of list) if (OPEN_STATUSES.has(alert.status)) this.alerts.set(alert.id, alert);
        // Events that arrived while the list was in flight are newer than (or as new as) the list.
        for (const alert of this.eventsDuringReload) this.apply(alert);
        this.loaded = true;
        this.emit('reset');
      } catch (error) {
        this.emit('error', { error });
      } finally {
        this.reloading = null;
        this.eventsDuringReload = [];
      }
    })();
    return this.reloading;
  }

  connect() {
    const source = new EventSource('/api/v1/alerts/stream');
    this.source = source;
    let reopened = this.connection === 'down';
    source.addEventListener('open', () => {
      this.retryMs = 1000;
      this.setConnection('live');
      if (reopened) this.reload();
      reopened = false;
    });
    source.addEventListener('alert', (event) => {
      let alert;
      try {
        alert = JSON.parse(event.data);
      } catch {
        return;
      }
      this.lastEventAt = Date.now();
      if (this.reloading) this.eventsDuringReload.push(alert);
      this.apply(alert);
    });
    source.addEventListener('resync', () => this.reload());
    source.addEventListener('error', () => {
      this.setConnection('down');
      if (source.readyState === EventSource.CLOSED) {
        source.close();
        if (this.source === source) this.source = null;
        setTimeout(() => {
          if (!this.source) this.connect();
        }, this.retryMs);
        this.retryMs = Math.min(this.retryMs * 2, 30000);
      }
    });
  }

  apply(alert) {
    const known = this.alerts.get(alert.id);
    if (OPEN_STATUSES.has(alert.status)) {
      this.alerts.set(alert.id, alert);
      this.emit('alert', { alert, isNew: !known, previous: known });
    } else if (known) {
      this.alerts.delete(alert.id);
      this.emit('alert', { alert, removed: true, previous: known });
    }
  }

  /** Merges an AlertView we got from an action response so the board does not wait for the stream. */
  update(alert) {
    if (alert && alert.id != null && alert.status) this.apply(alert);
  }

  setConnection(state) {
    if (this.connection === state) return;
    this.connection = state;
    this.emit('connection', { state });
  }

  emit(type, detail = {}) {
    if (type !== 'connection' && type !== 'error') {
      alarm.set([...this.alerts.values()].some((a) => isUrgent(a) && a.status === 'OPEN'));
    }
    this.dispatchEvent(new CustomEvent(type, { detail }));
    this.dispatchEvent(new CustomEvent('change', { detail: { type, ...detail } }));
  }
}

export const alertStore = new AlertStore();
