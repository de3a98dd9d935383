// Mobile responder page: the link from the dispatch SMS (#<token>, no login) or, for a RESPONDER
// account, their own dispatches. Shows the elder, address with navigation, contacts, last location
// and the notes; big buttons for "on my way", "arrived" and the outcome.
import { t } from './i18n.js';
import { h, icon, toast } from './dom.js';
import { ago, dateTime, genderLabel, kindLabel } from './format.js';
import { catalogue } from './catalogue.js';
import { helpApi } from './helpcenter-api.js';
import { startMobilePage, navigationUrl } from './mobile-shell.js';

const token = location.hash.replace(/^#/, '');
const main = document.getElementById('main');
let views = [];

async function load() {
  views = token ? [await helpApi.link(token)] : await helpApi.myDispatches();
}

function progress(view, body) {
  return token ? helpApi.linkProgress(token, body) : helpApi.myProgress(view.dispatch.id, body);
}

function step(label, at) {
  return h('li', { class: at ? 'done' : '' }, icon(at ? 'check' : 'clock'), h('span', {}, label), h('strong', {}, at ? dateTime(at) : '—'));
}

function card(view) {
  const { dispatch: d, alert } = view;
  const elder = alert.elder || {};
  const loc = elder.lastLocation || alert.location;
  const note = view.incidentDetail?.note;
  const buttons = [];
  if (view.actionable) {
    const act = async (button, body, done) => {
      button.disabled = true;
      try {
        const updated = await progress(view, body);
        views = views.map((v) => (v.dispatch.id === updated.dispatch.id ? updated : v));
        toast(done, 'ok');
        render();
      } catch (error) {
        button.disabled = false;
        toast(error.message, 'error');
      }
    };
    if (d.status === 'DISPATCHED') {
      buttons.push(h('button', { type: 'button', class: 'btn btn-primary btn-huge', id: 'btn-en-route', onclick: (e) => act(e.currentTarget, { status: 'EN_ROUTE' }, t('responder.onMyWaySent')) }, t('responder.onMyWay')));
    }
    if (d.status === 'DISPATCHED' || d.status === 'EN_ROUTE') {
      buttons.push(h('button', { type: 'button', class: 'btn btn-primary btn-huge', id: 'btn-arrived', onclick: (e) => act(e.currentTarget, { status: 'ARRIVED' }, t('responder.arrivedSent')) }, t('responder.arrived')));
    }
    const outcome = h('select', { id: 'outcome', 'aria-label': t('responder.outcome') },
      catalogue.outcomes.map((o) => h('option', { value: o }, t(`outcome.${o}`, null, o))));
    const remark = h('textarea', { id: 'outcome-note', rows: 2, 'aria-label': t('responder.remark'), placeholder: t('responder.remark') });
    buttons.push(h('div', { class: 'outcome-box' },
      h('label', { for: 'outcome' }, t('responder.outcome')), outcome, remark,
      h('button', { type: 'button', class: 'btn btn-huge', id: 'btn-done',
        onclick: (e) => act(e.currentTarget, { status: 'DONE', outcome: outcome.value, note: remark.value || undefined }, t('responder.doneSent')) },
      t('responder.done'))));
  } else {
    buttons.push(h('p', { class: 'muted', id: 'responder-closed' }, t(d.status === 'DONE' ? 'responder.finished' : 'responder.closed')));
  }
  return h('article', { class: 'panel responder-card', dataset: { dispatchId: d.id, status: d.status } },
    h('p', { class: 'kind-badge' }, icon('bell'), kindLabel(alert.kind), ' · ', alert.title),
    h('h1', {}, elder.name || '—', ' ', h('span', { class: 'muted small' },
      [elder.age != null ? t('elder.ageYears', { n: elder.age }) : null, genderLabel(elder.gender)].filter(Boolean).join(' · '))),
    h('p', { class: 'status-now', id: 'dispatch-status' }, t(`dispatch.status.${d.status}`)),
    elder.address ? h('p', { class: 'elder-line' }, icon('pin'), elder.address) : null,
    elder.phone ? h('p', {}, h('a', { class: 'btn btn-large tel', href: `tel:${elder.phone}` }, icon('phone'), t('responder.callElder'), ' ', elder.phone)) : null,
    loc ? h('p', {}, h('a', { class: 'btn btn-large', id: 'navigate', href: navigationUrl(loc.lat, loc.lon, elder.name), target: '_blank', rel: 'noopener noreferrer' },
      icon('pin'), t('responder.navigate')), ' ', h('span', { class: 'muted small' }, t('elder.lastLocation'), ' ', ago(loc.at))) : null,
    note ? h('p', { class: 'note' }, h('strong', {}, t('responder.incidentNote')), ' ', note) : null,
    d.note ? h('p', { class: 'note' }, h('strong', {}, t('dispatch.note')), ' ', d.note) : null,
    (elder.conditions || []).length ? h('p', { class: 'chips' }, elder.conditions.map((c) => h('span', { class: 'chip' }, c))) : null,
    h('div', { class: 'contacts' }, h('span', { class: 'field-label' }, t('elder.contacts')),
      h('ul', {}, (elder.contacts || []).map((c) => h('li', {}, `${c.name}（${c.relation}）`, ' ',
        h('a', { class: 'tel', href: `tel:${c.phone}` }, icon('phone'), c.phone))))),
    h('ol', { class: 'steps' }, step(t('dispatch.at'), d.dispatchedAt), step(t('dispatch.departed'), d.departedAt),
      step(t('dispatch.arrived'), d.arrivedAt), step(t('dispatch.finished'), d.finishedAt)),
    h('div', { class: 'responder-actions' }, buttons));
}

function render() {
  document.title = `${t('responder.title')} · ${t('app.name')}`;
  main.replaceChildren(views.length ? h('div', {}, views.map(card)) : h('p', { class: 'muted' }, t('responder.none')));
}

async function start() {
  try {
    await load();
  } catch (error) {
    await startMobilePage({ render: () => main.replaceChildren(h('p', { class: 'error-box', role: 'alert', id: 'responder-error' },
      error.status === 410 ? t('responder.expired') : error.status === 404 ? t('responder.unknown') : error.message)) });
    return;
  }
  await startMobilePage({ render, loggedIn: !token });
  // The incident may close or be re-dispatched meanwhile: refresh quietly.
  setInterval(async () => {
    if (document.activeElement?.id === 'outcome-note') return;
    try {
      await load();
      render();
    } catch {
      // keep what is shown; the next round tries again
    }
  }, 15000);
}

start();
