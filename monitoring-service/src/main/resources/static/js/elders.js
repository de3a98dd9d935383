// Elders: searchable list with device status (online/offline, battery, last seen) and open incidents.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, debounce } from './dom.js';
import { ago, genderLabel } from './format.js';

export function mount(main, ctx) {
  const search = h('input', {
    type: 'search', id: 'elder-search', placeholder: t('elders.searchPlaceholder'), 'aria-label': t('elders.search'),
    value: ctx.query.get('q') || '', autocomplete: 'off',
  });
  const body = h('tbody', {});
  const status = h('p', { class: 'muted', 'aria-live': 'polite' });
  const table = h('table', { class: 'table table-hover', id: 'elder-table' },
    h('thead', {}, h('tr', {}, [
      t('elders.col.name'), t('elders.col.age'), t('elders.col.org'), t('elders.col.status'), t('elders.col.battery'),
      t('elders.col.lastSeen'), t('elders.col.openAlerts'),
    ].map((c) => h('th', { scope: 'col' }, c)))),
    body);
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('elders.title')), h('div', { class: 'search-box' }, search)),
    status, h('div', { class: 'table-wrap' }, table));

  let seq = 0;
  async function load() {
    const mine = ++seq;
    const q = search.value.trim();
    history.replaceState(null, '', q ? `#/elders?q=${encodeURIComponent(q)}` : '#/elders');
    try {
      const elders = await api.elders(q);
      if (mine !== seq) return;
      body.replaceChildren(...elders.map(row));
      status.textContent = elders.length ? t('elders.count', { n: elders.length }) : t('elders.none');
    } catch (error) {
      status.textContent = t('common.loadFailed', { message: error.message });
    }
  }

  function row(e) {
    const go = () => { location.hash = `#/elders/${e.id}`; };
    return h('tr', { dataset: { elderId: e.id }, onclick: (ev) => { if (ev.target.tagName !== 'A') go(); } },
      h('td', {}, h('a', { href: `#/elders/${e.id}`, class: 'row-link' }, e.name),
        h('span', { class: 'muted small' }, ` ${genderLabel(e.gender)}`)),
      h('td', {}, e.age != null ? String(e.age) : '—'),
      h('td', {}, e.organization?.name || '—'),
      h('td', {}, h('span', { class: `presence ${e.online ? 'presence-on' : 'presence-off'}` },
        h('span', { class: 'dot', 'aria-hidden': 'true' }), t(e.online ? 'elders.online' : 'elders.offline')),
      (e.devices || []).length > 1 ? h('span', { class: 'muted small' }, ` ${t('elders.deviceCount', { n: e.devices.length })}`) : null),
      h('td', {}, battery(e.battery)),
      h('td', { title: e.lastSeenAt || '' }, ago(e.lastSeenAt)),
      h('td', {}, e.openAlerts
        ? h('a', { href: '#/board', class: 'pill pill-critical' }, icon('bell'), String(e.openAlerts))
        : h('span', { class: 'muted' }, '0')));
  }

  search.addEventListener('input', debounce(load, 250));
  load();
  search.focus();
}

export function battery(pct) {
  if (pct == null) return h('span', { class: 'muted' }, '—');
  const level = pct <= 15 ? 'low' : pct <= 40 ? 'mid' : 'ok';
  return h('span', { class: `battery battery-${level}`, 'aria-label': t('elders.batteryPct', { n: pct }) },
    h('span', { class: 'battery-bar', 'aria-hidden': 'true' }, h('span', { style: `width:${Math.max(0, Math.min(100, pct))}%` })),
    `${pct}%`);
}
