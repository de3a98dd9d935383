// Family page (role FAMILY), phone-first: each linked elder's status (online, battery, last seen,
// last location), open and recent incidents, and the latest vitals. The server scopes everything to
// the family_link rows; this page only shows what the API answers.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon } from './dom.js';
import { ago, dateTime, kindLabel, vitalLabel, vitalValue } from './format.js';
import { catalogue } from './catalogue.js';
import { startMobilePage, navigationUrl } from './mobile-shell.js';

const main = document.getElementById('main');
let data = [];

async function load() {
  const [elders, alerts] = await Promise.all([api.elders('', 20), api.alerts('all', 50)]);
  const details = await Promise.all(elders.map((e) => api.elder(e.id)));
  data = details.map((elder) => ({ elder, alerts: alerts.filter((a) => a.elder?.id === elder.id) }));
}

function status(elder) {
  const devices = elder.devices || [];
  const online = devices.some((d) => d.online);
  const batteries = devices.map((d) => d.battery).filter((b) => b != null);
  const lastSeen = devices.map((d) => d.lastSeenAt).filter(Boolean).sort().pop();
  return h('dl', { class: 'family-status' },
    h('div', {}, h('dt', {}, t('elders.col.status')), h('dd', { class: online ? 'ok' : 'warn', id: `status-${elder.id}` }, t(online ? 'elders.online' : 'elders.offline'))),
    h('div', {}, h('dt', {}, t('elders.col.battery')), h('dd', {}, batteries.length ? `${Math.min(...batteries)} %` : '—')),
    h('div', {}, h('dt', {}, t('elders.col.lastSeen')), h('dd', {}, ago(lastSeen))));
}

function incident(a) {
  const open = a.status === 'OPEN' || a.status === 'ACKNOWLEDGED';
  return h('li', { class: `family-incident ${open ? 'open' : ''}`, dataset: { alertId: a.id } },
    h('strong', {}, kindLabel(a.kind)), ' ', h('span', { class: 'pill' }, t(`status.${a.status}`)), ' ',
    h('span', { class: 'muted small' }, dateTime(a.openedAt)),
    a.dispatch ? h('p', { class: 'small' }, icon('user'), `${a.dispatch.responderName} · ${t(`dispatch.status.${a.dispatch.status}`)}`) : null);
}

function card({ elder, alerts }) {
  const vitals = elder.latestVitals || {};
  const codes = catalogue.vitalCodes.filter((c) => vitals[c]);
  const loc = elder.lastLocation;
  const open = alerts.filter((a) => a.status === 'OPEN' || a.status === 'ACKNOWLEDGED');
  const recent = alerts.filter((a) => !open.includes(a)).slice(0, 5);
  return h('article', { class: 'panel family-card', dataset: { elderId: elder.id } },
    h('h1', {}, elder.name),
    status(elder),
    loc ? h('p', { class: 'elder-line' }, icon('pin'), h('a', { href: navigationUrl(loc.lat, loc.lon, elder.name), target: '_blank', rel: 'noopener noreferrer' },
      t('family.whereNow')), ' ', h('span', { class: 'muted small' }, ago(loc.at))) : h('p', { class: 'muted' }, t('elder.noLocation')),
    h('h2', {}, t('family.openIncidents')),
    open.length ? h('ul', { class: 'plain-list', id: `open-${elder.id}` }, open.map(incident)) : h('p', { class: 'muted' }, t('family.noOpen')),
    h('h2', {}, t('elder.latestVitals')),
    codes.length ? h('dl', { class: 'vitals-grid' }, codes.map((c) => h('div', { class: 'vital' }, h('dt', {}, vitalLabel(c)),
      h('dd', {}, h('strong', {}, vitalValue(c, vitals[c].value)), h('span', { class: 'muted small' }, ago(vitals[c].at))))))
      : h('p', { class: 'muted' }, t('elder.noVitals')),
    h('h2', {}, t('family.recentIncidents')),
    recent.length ? h('ul', { class: 'plain-list' }, recent.map(incident)) : h('p', { class: 'muted' }, t('family.noRecent')));
}

function render() {
  document.title = `${t('family.title')} · ${t('app.name')}`;
  main.replaceChildren(data.length ? h('div', { id: 'family-elders' }, data.map(card)) : h('p', { class: 'muted' }, t('family.none')));
}

async function start() {
  const me = await api.me();
  if (me.role !== 'FAMILY') {
    location.replace('/');
    return;
  }
  await load();
  await startMobilePage({ render, loggedIn: true, locale: me.locale });
  setInterval(async () => {
    try {
      await load();
      render();
    } catch {
      // keep what is shown
    }
  }, 20000);
}

start();
