// Admin tab "parked events": device events the alert service gave up on after its retries, with the
// error (non-urgent only — an SOS or fall is retried until it becomes an incident). Nothing is lost
// silently: an admin sees these and fixes the cause (e.g. a device sending malformed readings).
import { api } from './api.js';
import { t } from './i18n.js';
import { h } from './dom.js';
import { dateTime } from './format.js';

export async function parkedEvents(content) {
  const box = h('div', { class: 'table-wrap', id: 'parked-events' });
  content.append(h('section', { class: 'panel' }, h('h2', {}, t('admin.parked.title')),
    h('p', { class: 'hint' }, t('admin.parked.hint')), box));
  const list = await api.admin.parkedEvents();
  if (!list.length) {
    box.replaceChildren(h('p', { class: 'empty' }, t('admin.parked.none')));
    return;
  }
  const columns = ['admin.parked.parkedAt', 'admin.parked.elder', 'admin.parked.device', 'admin.parked.kind',
    'admin.parked.occurredAt', 'admin.parked.attempts', 'admin.parked.error'];
  box.replaceChildren(h('table', { class: 'table', id: 'parked-table' },
    h('thead', {}, h('tr', {}, columns.map((c) => h('th', { scope: 'col' }, t(c))))),
    h('tbody', {}, list.map((e) => h('tr', { dataset: { eventId: e.id } },
      h('td', {}, dateTime(e.parkedAt)),
      h('td', {}, e.elderName || '—'),
      h('td', {}, e.deviceId || '—'),
      h('td', {}, e.kind),
      h('td', {}, dateTime(e.occurredAt)),
      h('td', {}, String(e.attempts)),
      h('td', { class: 'error-text' }, e.lastError || '—'))))));
}
