// Response performance: share of SOS and fall incidents acknowledged within 60 s and 180 s against the
// alarm-centre targets, median and worst time to acknowledge, and the incidents that missed.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon } from './dom.js';
import { fullDateTime, humanDuration, kindLabel, number, percent } from './format.js';
import { openIncident } from './incident.js';
import { arrivalSection } from './performance-arrival.js';

const RANGES = ['today', '7d', '30d'];

export function mount(main, ctx) {
  let range = RANGES.includes(ctx.query.get('range')) ? ctx.query.get('range') : 'today';
  const tabs = h('div', { class: 'segmented', role: 'group', 'aria-label': t('perf.range') });
  const content = h('div', { id: 'performance-content', 'aria-live': 'polite' }, h('p', { class: 'muted' }, t('common.loading')));
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('perf.title')), tabs),
    h('p', { class: 'page-intro' }, t('perf.intro')), content);

  function renderTabs() {
    tabs.replaceChildren(...RANGES.map((r) => h('button', {
      type: 'button', class: 'seg', 'aria-pressed': String(r === range), dataset: { range: r },
      onclick: () => { range = r; history.replaceState(null, '', `#/performance?range=${r}`); load(); },
    }, t(`perf.range.${r}`))));
  }

  async function load() {
    renderTabs();
    try {
      const data = await api.performance(range);
      content.replaceChildren(...render(data, ctx), await arrivalSection(range));
    } catch (error) {
      content.replaceChildren(h('p', { class: 'error-box', role: 'alert' }, t('common.loadFailed', { message: error.message })));
    }
  }

  load();
}

function render(data, ctx) {
  const kinds = (data.kinds || ['SOS', 'FALL']).map(kindLabel).join(' / ');
  const tiles = h('div', { class: 'kpi-grid' },
    targetTile('within60', t('perf.within60'), data.within60Pct, data.target60Pct ?? 97.5, data.total),
    targetTile('within180', t('perf.within180'), data.within180Pct, data.target180Pct ?? 99.0, data.total),
    plainTile(t('perf.median'), data.medianAckSeconds != null ? humanDuration(data.medianAckSeconds) : '—'),
    plainTile(t('perf.worst'), data.worstAckSeconds != null ? humanDuration(data.worstAckSeconds) : '—'),
    plainTile(t('perf.total', { kinds }), number(data.total)),
    plainTile(t('perf.acknowledged'), number(data.acknowledged)));
  const missed = data.missed || [];
  const table = missed.length
    ? h('table', { class: 'table', id: 'missed-table' },
      h('caption', {}, t('perf.missedTitle', { n: missed.length })),
      h('thead', {}, h('tr', {}, [t('perf.col.opened'), t('perf.col.kind'), t('perf.col.elder'), t('perf.col.ack'), ''].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, missed.map((m) => h('tr', {},
        h('td', {}, fullDateTime(m.openedAt)),
        h('td', {}, kindLabel(m.kind)),
        h('td', {}, m.elderName || '—'),
        h('td', { class: m.ackSeconds == null ? 'text-critical' : 'text-warn' },
          m.ackSeconds == null ? t('perf.notAcknowledged') : humanDuration(m.ackSeconds)),
        h('td', {}, h('button', { type: 'button', class: 'btn btn-small btn-ghost', onclick: () => openIncident(m.id, { store: ctx.store }) }, t('action.timeline')))))))
    : h('p', { class: 'empty-inline' }, icon('check'), data.total ? t('perf.noneMissed') : t('perf.noIncidents'));
  return [tiles, h('h2', { class: 'section-title' }, t('perf.missed')), table];
}

export function targetTile(id, label, value, target, total) {
  const measured = value != null && total > 0;
  const ok = measured && value >= target;
  return h('div', { class: `kpi ${measured ? (ok ? 'kpi-ok' : 'kpi-bad') : 'kpi-none'}`, id: `kpi-${id}`, dataset: { ok: measured ? String(ok) : 'none' } },
    h('span', { class: 'kpi-label' }, label),
    h('strong', { class: 'kpi-value' }, measured ? percent(value) : '—'),
    h('span', { class: 'kpi-target' }, icon(ok ? 'check' : 'alert'),
      t('perf.target', { n: number(target, 1) }),
      measured ? ` · ${ok ? t('perf.met') : t('perf.notMet')}` : ` · ${t('perf.noData')}`));
}

export function plainTile(label, value) {
  return h('div', { class: 'kpi' }, h('span', { class: 'kpi-label' }, label), h('strong', { class: 'kpi-value' }, value));
}
