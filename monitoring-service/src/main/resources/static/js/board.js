// Live alert board: every open incident in the user's scope, most severe and oldest first, each with the
// elder's card and the actions staff take. Cards are updated in place from the live store; the clocks
// (time since opened, time to next escalation) tick every second.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, toast } from './dom.js';
import { isUrgent } from './live.js';
import {
  ago, clock, dateTime, genderLabel, kindLabel, secondsSince, vitalLabel, vitalValue,
} from './format.js';
import { openIncident } from './incident.js';
import { catalogue } from './catalogue.js';
import { openCallForm } from './call.js';
import { openDispatch, dispatchLine } from './dispatch.js';
import { canClose } from './permissions.js';

const VITAL_ORDER = catalogue.vitalCodes;

export function mount(main, ctx) {
  const store = ctx.store;
  const cards = new Map();
  const list = h('div', { class: 'incident-list', id: 'incident-list', 'aria-live': 'off' });
  const empty = h('div', { class: 'empty-state', id: 'board-empty', hidden: true },
    icon('check', 'icon-xl'), h('p', {}, t('board.empty')));
  const summary = h('div', { class: 'board-summary', id: 'board-summary' });
  const announcer = h('div', { class: 'sr-only', 'aria-live': 'assertive', id: 'board-announcer' });
  const filterSelect = h('select', { id: 'board-filter', 'aria-label': t('board.filter') },
    ['all', 'urgent', 'open', 'mine'].map((v) => h('option', { value: v }, t(`board.filter.${v}`))));

  main.append(
    h('div', { class: 'page-head' },
      h('h1', {}, t('board.title')),
      h('button', { type: 'button', class: 'btn btn-primary', id: 'new-call', onclick: () => openCallForm(store) }, icon('phone'), t('call.new')),
      summary,
      h('label', { class: 'inline-field' }, h('span', {}, t('board.filter')), filterSelect)),
    announcer, empty, list);

  function visible(alert) {
    switch (filterSelect.value) {
      case 'urgent': return isUrgent(alert) || alert.severity === 'CRITICAL';
      case 'open': return alert.status === 'OPEN';
      case 'mine': return alert.assignee?.id === ctx.me.id;
      default: return true;
    }
  }

  function render() {
    const alerts = store.sorted();
    const shown = alerts.filter(visible);
    const keep = new Set(shown.map((a) => a.id));
    for (const [id, el] of cards) {
      if (!keep.has(id)) {
        el.remove();
        cards.delete(id);
      }
    }
    shown.forEach((alert, index) => {
      let el = cards.get(alert.id);
      if (!el || el.dataset.version !== versionOf(alert)) {
        const fresh = card(alert);
        if (el) replaceKeepingFocus(el, fresh);
        el = fresh;
        cards.set(alert.id, el);
      }
      if (list.children[index] !== el) list.insertBefore(el, list.children[index] || null);
    });
    empty.hidden = !store.loaded || shown.length > 0;
    const urgent = alerts.filter((a) => isUrgent(a) && a.status === 'OPEN').length;
    summary.replaceChildren(...[
      h('span', { class: 'pill' }, t('board.count', { n: alerts.length })),
      urgent ? h('span', { class: 'pill pill-critical pulse' }, icon('sos'), t('board.urgentCount', { n: urgent })) : null,
      store.loaded ? null : h('span', { class: 'muted' }, t('common.loading')),
    ].filter(Boolean));
    tick();
  }

  function card(alert) {
    const urgent = isUrgent(alert);
    const elder = alert.elder || {};
    const classes = ['incident', `sev-${(alert.severity || 'LOW').toLowerCase()}`, `status-${alert.status.toLowerCase()}`];
    if (urgent) classes.push('incident-urgent');
    if (urgent && alert.status === 'OPEN') classes.push('pulse');
    const titleId = `incident-title-${alert.id}`;
    return h('article', {
      class: classes.join(' '),
      'aria-labelledby': titleId,
      dataset: { alertId: alert.id, kind: alert.kind, status: alert.status, severity: alert.severity, version: versionOf(alert) },
    },
    h('header', { class: 'incident-head' },
      h('span', { class: `kind-badge ${urgent ? 'kind-urgent' : ''}` }, icon(kindIcon(alert.kind)), kindLabel(alert.kind)),
      h('h2', { class: 'incident-title', id: titleId }, elder.name || '—', h('span', { class: 'incident-sub' }, alert.title)),
      h('span', { class: `status-pill status-pill-${alert.status.toLowerCase()}`, dataset: { role: 'status' } }, t(`status.${alert.status}`)),
      h('span', { class: `sev-pill sev-pill-${(alert.severity || '').toLowerCase()}` }, t(`severity.${alert.severity}`, null, alert.severity)),
      // the device's clock was implausible: the incident opened at the server's receive time
      alert.deviceClockWrong ? h('span', { class: 'clock-pill', dataset: { role: 'clock-wrong' } }, icon('clock'), t('alert.clockWrong')) : null),
    h('div', { class: 'incident-timers' },
      timer('clock', t('board.openFor'), h('strong', { dataset: { since: alert.openedAt } }, clock(secondsSince(alert.openedAt)))),
      alert.status === 'OPEN'
        ? timer('up', t('board.nextEscalation'), h('strong', { dataset: { until: alert.nextEscalationAt || '' } }, '—'))
        : timer('check', t('board.acknowledgedAt'), h('strong', {}, dateTime(alert.acknowledgedAt))),
      timer('up', t('board.escalationLevel'), h('strong', {}, String(alert.escalationLevel ?? 0))),
      timer('user', t('board.assignee'), h('strong', { class: 'assignee' }, alert.assignee?.displayName || t('board.unassigned'))),
      alert.eventCount > 1 ? timer('bell', t('board.events'), h('strong', {}, String(alert.eventCount))) : null),
    dispatchLine(alert),
    elderCard(alert),
    h('footer', { class: 'incident-actions' }, actions(alert)));
  }

  function timer(iconName, label, value) {
    return h('div', { class: 'timer' }, icon(iconName), h('span', { class: 'timer-label' }, label), value);
  }

  function elderCard(alert) {
    const elder = alert.elder || {};
    const vitals = elder.latestVitals || {};
    const codes = VITAL_ORDER.filter((c) => vitals[c]).concat(Object.keys(vitals).filter((c) => !VITAL_ORDER.includes(c)));
    const location = elder.lastLocation || (alert.location ? { ...alert.location, at: alert.lastEventAt } : null);
    return h('div', { class: 'elder-card' },
      h('div', { class: 'elder-profile' },
        h('p', { class: 'elder-line' },
          h('strong', {}, [elder.age != null ? t('elder.ageYears', { n: elder.age }) : null, genderLabel(elder.gender)].filter(Boolean).join(' · ')),
          elder.phone ? h('a', { class: 'tel', href: `tel:${elder.phone}` }, icon('phone'), elder.phone) : null),
        elder.address ? h('p', { class: 'elder-line' }, icon('pin'), elder.address) : null,
        (elder.conditions || []).length
          ? h('p', { class: 'chips', 'aria-label': t('elder.conditions') }, elder.conditions.map((c) => h('span', { class: 'chip' }, c)))
          : null,
        h('div', { class: 'contacts' },
          h('span', { class: 'field-label' }, t('elder.contacts')),
          (elder.contacts || []).length
            ? h('ul', {}, elder.contacts.map((c) => h('li', {},
              h('span', {}, `${c.name}（${c.relation}）`), h('a', { class: 'tel', href: `tel:${c.phone}` }, icon('phone'), c.phone))))
            : h('span', { class: 'muted' }, t('elder.noContacts')))),
      h('div', { class: 'elder-vitals' },
        h('span', { class: 'field-label' }, t('elder.latestVitals')),
        codes.length
          ? h('dl', { class: 'vitals-grid' }, codes.map((code) => h('div', { class: 'vital' },
            h('dt', {}, vitalLabel(code)),
            h('dd', {}, h('strong', {}, vitalValue(code, vitals[code].value)),
              h('span', { class: 'muted small', dataset: { ago: vitals[code].at || '' } }, ago(vitals[code].at))))))
          : h('span', { class: 'muted' }, t('elder.noVitals')),
        h('span', { class: 'field-label' }, t('elder.lastLocation')),
        location
          ? h('p', { class: 'elder-line' }, icon('pin'),
            h('a', {
              href: `https://uri.amap.com/marker?position=${location.lon},${location.lat}&name=${encodeURIComponent(elder.name || '')}`,
              target: '_blank', rel: 'noopener noreferrer',
            }, `${Number(location.lat).toFixed(5)}, ${Number(location.lon).toFixed(5)}`),
            h('span', { class: 'muted small', dataset: { ago: location.at || '' } }, ago(location.at)))
          : h('span', { class: 'muted' }, t('elder.noLocation'))));
  }

  function actions(alert) {
    const buttons = [];
    const closable = canClose(ctx.me, alert);
    if (alert.status === 'OPEN' && closable) {
      buttons.push(h('button', {
        type: 'button', class: 'btn btn-primary btn-large', dataset: { action: 'acknowledge' },
        onclick: (e) => acknowledge(alert, e.currentTarget),
      }, icon('check'), t('action.acknowledge')));
    }
    const dialogButton = (action, label, cls = 'btn') => h('button', {
      type: 'button', class: cls, dataset: { action },
      onclick: () => openIncident(alert.id, { focus: action, me: ctx.me, store }),
    }, label);
    buttons.push(
      h('button', { type: 'button', class: 'btn', dataset: { action: 'dispatch' }, onclick: () => openDispatch(alert, store) }, t('action.dispatch')),
      dialogButton('assign', t('action.assign')),
      dialogButton('note', t('action.note')),
      closable ? dialogButton('resolve', t('action.resolve')) : null,
      dialogButton('timeline', t('action.timeline'), 'btn btn-ghost'),
      alert.elder?.id ? h('a', { class: 'btn btn-ghost', href: `#/elders/${alert.elder.id}` }, t('action.trends')) : null);
    return buttons;
  }

  async function acknowledge(alert, button) {
    button.disabled = true;
    try {
      const updated = await api.acknowledge(alert.id);
      store.update(updated);
      toast(t('board.acknowledged', { name: alert.elder?.name || '' }), 'ok');
    } catch (error) {
      button.disabled = false;
      toast(t('common.actionFailed', { message: error.message }), 'error');
    }
  }

  function tick() {
    const now = Date.now();
    list.querySelectorAll('[data-since]').forEach((el) => {
      el.textContent = clock(secondsSince(el.dataset.since, now));
    });
    list.querySelectorAll('[data-until]').forEach((el) => {
      if (!el.dataset.until) {
        el.textContent = '—';
        return;
      }
      const left = Math.floor((Date.parse(el.dataset.until) - now) / 1000);
      el.textContent = left > 0 ? clock(left) : t('board.escalating');
      el.classList.toggle('overdue', left <= 0);
    });
  }

  function onAlert(event) {
    const { alert, isNew } = event.detail;
    if (isNew) {
      announcer.textContent = t('board.newIncident', { kind: kindLabel(alert.kind), name: alert.elder?.name || '' });
    }
    render();
    if (isNew) cards.get(alert.id)?.classList.add('flash');
  }

  const renderOnReset = () => render();
  store.addEventListener('alert', onAlert);
  store.addEventListener('reset', renderOnReset);
  filterSelect.addEventListener('change', render);
  const ticker = setInterval(() => {
    tick();
    list.querySelectorAll('[data-ago]').forEach((el) => {
      if (el.dataset.ago) el.textContent = ago(el.dataset.ago);
    });
  }, 1000);
  render();

  return () => {
    clearInterval(ticker);
    store.removeEventListener('alert', onAlert);
    store.removeEventListener('reset', renderOnReset);
  };
}

/**
 * A card is rebuilt when anything the server sent about its incident changed. The whole view, not a
 * list of fields: a field left out of a list (the wrong-device-clock mark was) never reached a card
 * already on the board.
 */
function versionOf(alert) {
  return JSON.stringify(alert);
}

function kindIcon(kind) {
  if (kind === 'SOS') return 'sos';
  if (kind === 'FALL') return 'fall';
  if (kind && kind.startsWith('CALL_')) return 'phone';
  if (kind && kind.startsWith('VITAL_')) return 'heart';
  if (kind === 'GEOFENCE_EXIT') return 'pin';
  if (kind === 'LOW_BATTERY') return 'battery';
  if (kind === 'DEVICE_OFFLINE' || kind === 'NO_DATA') return 'device';
  return 'bell';
}

function replaceKeepingFocus(oldEl, newEl) {
  const focused = oldEl.contains(document.activeElement) ? document.activeElement.dataset.action : null;
  oldEl.replaceWith(newEl);
  if (focused) newEl.querySelector(`[data-action="${focused}"]`)?.focus();
}
