// Elder detail and health trends for family doctors: profile, care plan, devices, and one chart per
// vital sign (heart rate, SpO2, blood pressure, temperature, steps) with the min–max band, the average,
// the elder's thresholds and the incidents on the time axis. Charts are ECharts (WebJar).
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon } from './dom.js';
import { ago, dateTime, genderLabel, kindLabel, number, vitalLabel, VITAL_UNITS, VITAL_DIGITS } from './format.js';
import { battery } from './elders.js';
import { mountClinical } from './record.js';
import { mountElderTools } from './elder-tools.js';

const RANGES = ['24h', '7d', '30d', '90d'];
const CODES = ['HR', 'SPO2', 'SBP', 'DBP', 'TEMP', 'STEPS'];
const CHARTS = [
  { id: 'HR', codes: ['HR'], color: ['#d9480f'] },
  { id: 'SPO2', codes: ['SPO2'], color: ['#1864ab'] },
  { id: 'BP', codes: ['SBP', 'DBP'], color: ['#862e9c', '#0b7285'] },
  { id: 'TEMP', codes: ['TEMP'], color: ['#e67700'] },
  { id: 'STEPS', codes: ['STEPS'], color: ['#2b8a3e'], bars: true },
];
const SEVERITY_COLOR = { CRITICAL: '#c92a2a', HIGH: '#e8590c', MEDIUM: '#f08c00', LOW: '#868e96' };

export function mount(main, ctx) {
  const elderId = ctx.params[0];
  let range = RANGES.includes(ctx.query.get('range')) ? ctx.query.get('range') : '7d';
  const charts = [];
  const profile = h('section', { class: 'panel elder-detail', id: 'elder-detail' }, h('p', { class: 'muted' }, t('common.loading')));
  const tabs = h('div', { class: 'segmented', role: 'group', 'aria-label': t('trends.range') });
  const csv = h('a', { class: 'btn', id: 'trends-csv', download: '' }, icon('download'), t('trends.csv'));
  const grid = h('div', { class: 'chart-grid', id: 'chart-grid' });
  const note = h('p', { class: 'muted small', id: 'trends-note', 'aria-live': 'polite' });
  const clinical = h('div', { class: 'clinical', id: 'clinical' });
  const tools = h('div', { class: 'elder-tools', id: 'elder-tools' });
  main.append(
    h('p', { class: 'breadcrumb' }, h('a', { href: '#/elders' }, t('elders.title')), ' / ', h('span', { id: 'crumb-name' }, '…')),
    profile,
    tools,
    h('div', { class: 'page-head' }, h('h2', {}, t('trends.title')), tabs, csv),
    note, grid, clinical);
  mountClinical(clinical, elderId, ctx.me);

  const resize = () => charts.forEach((c) => c.resize());
  window.addEventListener('resize', resize);

  loadProfile();
  loadTrends();
  const stopTools = mountElderTools(tools, elderId);

  async function loadProfile() {
    try {
      const elder = await api.elder(elderId);
      document.getElementById('crumb-name').textContent = elder.name;
      profile.replaceChildren(...renderProfile(elder));
    } catch (error) {
      profile.replaceChildren(h('p', { class: 'error-box', role: 'alert' }, t('common.loadFailed', { message: error.message })));
    }
  }

  async function loadTrends() {
    tabs.replaceChildren(...RANGES.map((r) => h('button', {
      type: 'button', class: 'seg', 'aria-pressed': String(r === range), dataset: { range: r },
      onclick: () => {
        range = r;
        history.replaceState(null, '', `#/elders/${elderId}?range=${r}`);
        loadTrends();
      },
    }, t(`trends.range.${r}`))));
    csv.href = api.trendsCsvUrl(elderId, range, CODES.join(','));
    note.textContent = t('common.loading');
    let data;
    try {
      data = await api.trends(elderId, range, CODES.join(','));
    } catch (error) {
      note.textContent = t('common.loadFailed', { message: error.message });
      return;
    }
    if (!window.echarts) {
      note.textContent = t('trends.noCharts');
      return;
    }
    charts.splice(0).forEach((c) => c.dispose());
    grid.replaceChildren();
    grid.dataset.range = data.range || range;
    const byCode = Object.fromEntries((data.series || []).map((s) => [s.code, s]));
    const pending = [];
    for (const spec of CHARTS) {
      const series = spec.codes.map((c) => byCode[c]).filter(Boolean);
      const points = series.reduce((n, s) => n + (s.points || []).length, 0);
      const title = spec.id === 'BP' ? t('vital.BP') : vitalLabel(spec.id);
      const box = h('div', { class: 'chart', id: `chart-${spec.id}`, role: 'img', 'aria-label': t('trends.chartLabel', { sign: title, range: t(`trends.range.${range}`) }) });
      const panel = h('section', { class: 'panel chart-panel', dataset: { code: spec.id, points } },
        h('h3', {}, title, h('span', { class: 'muted small' }, ` ${unitOf(spec.codes[0])}`)),
        points ? box : h('p', { class: 'empty-inline' }, t('trends.noData')));
      grid.append(panel);
      if (points) pending.push([box, spec, series]);
    }
    // Initialise after every panel is in the grid, so each chart gets its final width.
    for (const [box, spec, series] of pending) {
      const chart = window.echarts.init(box, null, { renderer: 'canvas' });
      chart.setOption(chartOption(spec, series, data));
      charts.push(chart);
    }
    const minutes = Math.round((data.bucketSeconds || 0) / 60);
    note.textContent = t('trends.bucket', {
      from: dateTime(data.from), to: dateTime(data.to),
      bucket: minutes >= 1440 ? t('time.days', { n: minutes / 1440 }) : minutes >= 60 ? t('trends.hours', { n: minutes / 60 }) : t('time.minutes', { n: minutes }),
    });
  }

  return () => {
    stopTools();
    window.removeEventListener('resize', resize);
    charts.forEach((c) => c.dispose());
  };
}

function unitOf(code) {
  return VITAL_UNITS[code] ? `(${VITAL_UNITS[code]})` : '';
}

/** Band = stacked pair (min, max−min) with the area filled between; the average drawn on top. */
function chartOption(spec, seriesList, data) {
  const series = [];
  const legend = [];
  const from = Date.parse(data.from);
  const to = Date.parse(data.to);
  const incidents = (data.incidents || []).filter((i) => {
    const at = Date.parse(i.openedAt);
    return at >= from && at <= to;
  });
  seriesList.forEach((s, i) => {
    const color = spec.color[i];
    const name = vitalLabel(s.code);
    const pts = s.points || [];
    const digits = VITAL_DIGITS[s.code] ?? 0;
    legend.push(name);
    if (spec.bars) {
      series.push({
        name, type: 'bar', itemStyle: { color }, barMaxWidth: 18,
        data: pts.map((p) => [Date.parse(p.t), Math.round(p.avg * (p.n || 1))]),
        markLine: incidentLines(incidents),
      });
      return;
    }
    const stack = `band-${s.code}`;
    series.push({
      name: `${name}·min`, type: 'line', stack, symbol: 'none', silent: true, lineStyle: { opacity: 0 },
      data: pts.map((p) => [Date.parse(p.t), p.min]), tooltip: { show: false },
    });
    series.push({
      name: `${name}·range`, type: 'line', stack, symbol: 'none', silent: true, lineStyle: { opacity: 0 },
      areaStyle: { color, opacity: 0.18 }, data: pts.map((p) => [Date.parse(p.t), p.max - p.min]), tooltip: { show: false },
    });
    series.push({
      name, type: 'line', symbol: pts.length > 60 ? 'none' : 'circle', symbolSize: 5, showSymbol: pts.length <= 60,
      lineStyle: { width: 2, color }, itemStyle: { color },
      data: pts.map((p) => ({ value: [Date.parse(p.t), round(p.avg, digits)], min: p.min, max: p.max, n: p.n })),
      markLine: thresholdLines(s.code, data.thresholds?.[s.code], i === 0 ? incidents : []),
      markArea: normalArea(data.thresholds?.[s.code], seriesList.length === 1),
    });
  });
  return {
    animation: false,
    color: spec.color,
    grid: { left: 48, right: 64, top: 36, bottom: 56 },
    legend: seriesList.length > 1 ? { data: legend, top: 0, textStyle: { fontSize: 13 } } : undefined,
    tooltip: {
      trigger: 'axis',
      formatter: (params) => tooltip(params, spec),
    },
    xAxis: { type: 'time', min: from, max: to, axisLabel: { hideOverlap: true, fontSize: 12 } },
    yAxis: {
      type: 'value', axisLabel: { fontSize: 12 }, splitLine: { lineStyle: { color: '#eceff1' } },
      ...(spec.bars ? {} : valueRange(seriesList, data.thresholds)),
    },
    // Wheel zoom only with Ctrl, so scrolling the page over a chart still scrolls the page.
    dataZoom: [{ type: 'inside', zoomOnMouseWheel: 'ctrl', moveOnMouseWheel: false }, { type: 'slider', height: 18, bottom: 8 }],
    series,
  };
}

/**
 * The value axis spans the data and the elder's low/high thresholds (so the normal band is always
 * visible), and the critical ones once the data comes near them.
 */
function valueRange(seriesList, thresholds) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of seriesList) {
    for (const p of s.points || []) {
      lo = Math.min(lo, p.min);
      hi = Math.max(hi, p.max);
    }
  }
  if (!Number.isFinite(lo)) return { scale: true };
  const dataLo = lo;
  const dataHi = hi;
  for (const s of seriesList) {
    const th = thresholds?.[s.code] || {};
    for (const v of [th.low, th.high]) {
      if (v != null) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    }
    const span = Math.max(dataHi - dataLo, 1);
    if (th.criticalLow != null && dataLo - th.criticalLow < span * 0.5) lo = Math.min(lo, th.criticalLow);
    if (th.criticalHigh != null && th.criticalHigh - dataHi < span * 0.5) hi = Math.max(hi, th.criticalHigh);
  }
  const pad = Math.max((hi - lo) * 0.08, 0.1);
  const step = hi - lo > 20 ? 5 : hi - lo > 4 ? 1 : 0.1;
  const snap = (v) => Number(v.toFixed(1));
  return { min: snap(Math.floor((lo - pad) / step) * step), max: snap(Math.ceil((hi + pad) / step) * step) };
}

function round(value, digits) {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function tooltip(params, spec) {
  const rows = params.filter((p) => !String(p.seriesName).includes('·'));
  if (!rows.length) return '';
  const head = dateTime(new Date(rows[0].value[0]).toISOString());
  const lines = rows.map((p) => {
    const d = p.data;
    if (spec.bars) return `${p.marker}${p.seriesName}: ${number(p.value[1])}`;
    const digits = VITAL_DIGITS[spec.codes[0]] ?? 0;
    return `${p.marker}${p.seriesName}: ${t('trends.avg')} ${number(d.value[1], digits)} · ${t('trends.min')} ${number(d.min, digits)} · ${t('trends.max')} ${number(d.max, digits)}`;
  });
  return [head, ...lines].join('<br>');
}

function thresholdLines(code, th, incidents) {
  const data = [];
  if (th) {
    const line = (value, key, color, type) => {
      if (value != null) data.push({ yAxis: value, name: t(`threshold.${key}`), lineStyle: { color, type, width: 1.5 }, label: { formatter: `${t(`threshold.${key}`)} ${value}`, color, fontSize: 11 } });
    };
    line(th.criticalLow, 'criticalLow', '#c92a2a', 'solid');
    line(th.low, 'low', '#f08c00', 'dashed');
    line(th.high, 'high', '#f08c00', 'dashed');
    line(th.criticalHigh, 'criticalHigh', '#c92a2a', 'solid');
  }
  data.push(...incidentLines(incidents).data);
  return { symbol: 'none', silent: false, data };
}

function incidentLines(incidents) {
  return {
    symbol: ['none', 'pin'], symbolSize: 14,
    data: incidents.map((i) => ({
      xAxis: Date.parse(i.openedAt),
      name: kindLabel(i.kind),
      lineStyle: { color: SEVERITY_COLOR[i.severity] || '#c92a2a', type: 'dotted', width: 2 },
      label: { formatter: kindLabel(i.kind), position: 'insideEndTop', color: SEVERITY_COLOR[i.severity] || '#c92a2a', fontSize: 11 },
    })),
  };
}

function normalArea(th, show) {
  if (!th || !show || th.low == null || th.high == null) return undefined;
  return { silent: true, itemStyle: { color: 'rgba(47, 158, 68, 0.06)' }, data: [[{ yAxis: th.low }, { yAxis: th.high }]] };
}

function renderProfile(e) {
  const home = e.home || (e.homeLat != null ? { lat: e.homeLat, lon: e.homeLon, radiusM: e.homeRadiusM } : null);
  const thresholds = e.carePlan?.thresholds || {};
  const devices = e.devices || [];
  return [
    h('div', { class: 'detail-head' },
      h('h1', {}, e.name),
      h('span', { class: 'muted' }, [e.age != null ? t('elder.ageYears', { n: e.age }) : null, genderLabel(e.gender), e.birthDate].filter(Boolean).join(' · ')),
      e.openAlerts ? h('a', { class: 'pill pill-critical', href: '#/board' }, icon('bell'), t('elders.openAlerts', { n: e.openAlerts })) : null),
    h('div', { class: 'detail-grid' },
      h('div', {},
        h('span', { class: 'field-label' }, t('elder.profile')),
        e.phone ? h('p', { class: 'elder-line' }, icon('phone'), h('a', { href: `tel:${e.phone}` }, e.phone)) : null,
        e.address ? h('p', { class: 'elder-line' }, icon('pin'), e.address) : null,
        e.organization?.name ? h('p', { class: 'elder-line' }, t('incident.organization'), ': ', e.organization.name) : null,
        (e.conditions || []).length ? h('p', { class: 'chips' }, e.conditions.map((c) => h('span', { class: 'chip' }, c))) : null,
        home ? h('p', { class: 'elder-line' }, t('elder.home'), `: ${Number(home.lat).toFixed(4)}, ${Number(home.lon).toFixed(4)} · ${t('elder.radius', { n: number(home.radiusM) })}`) : null,
        e.travel ? h('p', { class: 'elder-line' }, t('elder.travel'), `: ${e.travel.city || ''} ${e.travel.until ? `→ ${dateTime(e.travel.until)}` : ''}`) : null),
      h('div', {},
        h('span', { class: 'field-label' }, t('elder.contacts')),
        (e.contacts || []).length
          ? h('ul', { class: 'plain-list' }, e.contacts.map((c) => h('li', {}, `${c.name}（${c.relation}） `, h('a', { href: `tel:${c.phone}` }, c.phone))))
          : h('p', { class: 'muted' }, t('elder.noContacts')),
        h('span', { class: 'field-label' }, t('elder.devices')),
        devices.length
          ? h('ul', { class: 'plain-list' }, devices.map((d) => h('li', {},
            h('span', { class: `presence ${d.online ? 'presence-on' : 'presence-off'}` }, h('span', { class: 'dot', 'aria-hidden': 'true' }), `${d.id} · ${t(`deviceKind.${d.kind}`, null, d.kind)}`),
            ' ', battery(d.battery ?? d.batteryPct), ' ', h('span', { class: 'muted small' }, ago(d.lastSeenAt)))))
          : h('p', { class: 'muted' }, t('elder.noDevices'))),
      h('div', {},
        h('span', { class: 'field-label' }, t('elder.carePlan')),
        Object.keys(thresholds).length
          ? h('table', { class: 'table table-compact' },
            h('thead', {}, h('tr', {}, ['', t('threshold.criticalLow'), t('threshold.low'), t('threshold.high'), t('threshold.criticalHigh')].map((c) => h('th', { scope: 'col' }, c)))),
            h('tbody', {}, Object.entries(thresholds).map(([code, th]) => h('tr', {},
              h('th', { scope: 'row' }, vitalLabel(code)),
              ['criticalLow', 'low', 'high', 'criticalHigh'].map((k) => h('td', {}, th?.[k] ?? '—'))))))
          : h('p', { class: 'muted' }, t('elder.noCarePlan')),
        e.carePlan?.inactivityHours || e.carePlan?.noDataMinutes
          ? h('p', { class: 'muted small' }, t('elder.planTimers', { h: e.carePlan.inactivityHours ?? '—', m: e.carePlan.noDataMinutes ?? '—' }))
          : null)),
  ];
}
