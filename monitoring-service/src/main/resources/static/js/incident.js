// One incident in the dialog: what happened, the timeline (GET /api/v1/alerts/{id}) and the human
// actions: acknowledge, assign, note, resolve with an outcome.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, openDialog, closeDialog, toast } from './dom.js';
import { field, bindForm } from './forms.js';
import { dateTime, fullDateTime, kindLabel, roleLabel } from './format.js';
import { catalogue } from './catalogue.js';
import { canClose } from './permissions.js';

export const OUTCOMES = ['HELP_PROVIDED', 'FALSE_ALARM', 'HOSPITALIZED', 'NO_ACTION_NEEDED', 'OTHER'];
const ASSIGNABLE_ROLES = new Set(catalogue.assignableRoles);

export async function openIncident(id, { focus, store, me } = {}) {
  const body = h('div', { class: 'incident-detail' }, h('p', { class: 'muted' }, t('common.loading')));
  openDialog(t('incident.title'), body);
  await render(id, body, store, focus, me);
}

async function render(id, body, store, focus, me) {
  let alert;
  try {
    alert = await api.alert(id);
  } catch (error) {
    body.replaceChildren(h('p', { class: 'error-box', role: 'alert' }, t('common.loadFailed', { message: error.message })));
    return;
  }
  const open = alert.status === 'OPEN' || alert.status === 'ACKNOWLEDGED';
  const after = async (result, message, close = false) => {
    if (result && result.status) store?.update(result);
    toast(message, 'ok');
    if (close) closeDialog();
    else await render(id, body, store, undefined, me);
  };

  const sections = [summary(alert)];
  if (open) {
    const closable = canClose(me, alert);
    if (alert.status === 'OPEN' && closable) sections.push(ackSection(alert, after));
    sections.push(await assignSection(alert, after), noteSection(alert, after));
    if (closable) sections.push(resolveSection(alert, after));
  }
  sections.push(timelineSection(alert));
  body.replaceChildren(...sections);
  const target = body.querySelector(`[data-section="${focus || 'timeline'}"] select, [data-section="${focus || 'timeline'}"] textarea, [data-section="${focus}"] button`)
    || body.querySelector(`[data-section="${focus || 'timeline'}"]`);
  target?.focus?.();
}

function summary(alert) {
  const elder = alert.elder || {};
  return h('div', { class: 'detail-summary', dataset: { section: 'summary', status: alert.status } },
    h('p', { class: 'detail-title' },
      h('span', { class: `kind-badge ${alert.kind === 'SOS' || alert.kind === 'FALL' ? 'kind-urgent' : ''}` }, kindLabel(alert.kind)),
      h('strong', {}, elder.name || '—'), ' ', alert.title,
      h('span', { class: `status-pill status-pill-${alert.status.toLowerCase()}` }, t(`status.${alert.status}`))),
    h('dl', { class: 'facts' },
      fact(t('incident.openedAt'), fullDateTime(alert.openedAt)),
      fact(t('incident.acknowledgedAt'), fullDateTime(alert.acknowledgedAt)),
      alert.resolvedAt ? fact(t('incident.resolvedAt'), fullDateTime(alert.resolvedAt)) : null,
      fact(t('board.escalationLevel'), String(alert.escalationLevel ?? 0)),
      fact(t('board.nextEscalation'), alert.nextEscalationAt ? dateTime(alert.nextEscalationAt) : '—'),
      fact(t('board.assignee'), alert.assignee?.displayName || t('board.unassigned')),
      fact(t('incident.organization'), alert.organization?.name || '—')));
}

function fact(label, value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, value));
}

function section(name, title, ...content) {
  return h('section', { class: 'detail-section', dataset: { section: name }, tabindex: '-1' }, h('h3', {}, title), content);
}

function ackSection(alert, after) {
  const form = h('form', { class: 'inline-form' },
    field({ name: 'note', label: t('incident.ackNote'), placeholder: t('incident.optional') }),
    h('button', { type: 'submit', class: 'btn btn-primary', dataset: { action: 'acknowledge' } }, icon('check'), t('action.acknowledge')));
  bindForm(form, async ({ note }) => after(await api.acknowledge(alert.id, note), t('board.acknowledged', { name: alert.elder?.name || '' })));
  return section('acknowledge', t('action.acknowledge'), form);
}

async function assignSection(alert, after) {
  let users = [];
  try {
    users = (await api.users(alert.organization?.id)).filter((u) => ASSIGNABLE_ROLES.has(u.role));
  } catch {
    users = [];
  }
  const form = h('form', { class: 'inline-form' },
    field({
      name: 'userId', label: t('incident.assignTo'), type: 'select', required: true, value: alert.assignee?.id,
      optional: true, optionalLabel: t('incident.chooseUser'),
      options: users.map((u) => ({ value: u.id, label: `${u.displayName}（${roleLabel(u.role)}）` })),
    }),
    h('button', { type: 'submit', class: 'btn', dataset: { action: 'assign' } }, t('action.assign')));
  bindForm(form, async ({ userId }) => {
    const user = users.find((u) => String(u.id) === String(userId));
    await after(await api.assign(alert.id, Number(userId)), t('incident.assigned', { name: user?.displayName || '' }));
  });
  return section('assign', t('action.assign'), form);
}

function noteSection(alert, after) {
  const form = h('form', { class: 'inline-form' },
    field({ name: 'text', label: t('incident.noteText'), type: 'textarea', required: true, rows: 2 }),
    h('button', { type: 'submit', class: 'btn', dataset: { action: 'note' } }, t('action.note')));
  bindForm(form, async ({ text }) => after(await api.addNote(alert.id, text), t('incident.noted')));
  return section('note', t('action.note'), form);
}

function resolveSection(alert, after) {
  const form = h('form', { class: 'inline-form' },
    field({
      name: 'outcome', label: t('incident.outcome'), type: 'select', required: true, optional: true,
      optionalLabel: t('incident.chooseOutcome'), options: OUTCOMES.map((o) => ({ value: o, label: t(`outcome.${o}`) })),
    }),
    field({ name: 'note', label: t('incident.resolveNote'), type: 'textarea', rows: 2, placeholder: t('incident.optional') }),
    h('button', { type: 'submit', class: 'btn btn-success', dataset: { action: 'resolve' } }, t('action.resolve')));
  bindForm(form, async ({ outcome, note }) => after(await api.resolve(alert.id, outcome, note), t('incident.resolved'), true));
  return section('resolve', t('action.resolve'), form);
}

function timelineSection(alert) {
  const entries = alert.timeline || [];
  return section('timeline', t('action.timeline'),
    entries.length
      ? h('ol', { class: 'timeline' }, entries.map((e) => h('li', {},
        h('time', { datetime: e.at }, fullDateTime(e.at)),
        h('span', { class: 'timeline-actor' }, e.actor || '—'),
        h('span', { class: 'timeline-action' }, t(`timeline.${e.action}`, null, e.action)),
        e.detail ? h('span', { class: 'timeline-detail' }, detailText(e.detail)) : null)))
      : h('p', { class: 'muted' }, t('incident.noTimeline')));
}

function detailText(detail) {
  if (typeof detail === 'string') return detail;
  const parts = Object.entries(detail).filter(([, v]) => v != null && v !== '').map(([k, v]) => {
    const value = k === 'outcome' ? t(`outcome.${v}`, null, v)
      : (k === 'stage' || k === 'delivery') ? t(`handset.${k}.${v}`, null, v)
        : (typeof v === 'object' ? JSON.stringify(v) : v);
    return `${t(`detail.${k}`, null, k)}: ${value}`;
  });
  return parts.join(' · ');
}
