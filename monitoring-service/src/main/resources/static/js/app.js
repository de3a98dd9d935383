// Console shell: who is logged in, the header (navigation, live indicator, mute, language, logout) and
// hash routing to the page modules. Each page module exports mount(container, ctx) → optional cleanup.
import { api, redirectToLogin } from './api.js';
import { initI18n, setLang, currentLang, onLangChange, t, applyI18n } from './i18n.js';
import { h, icon, toast } from './dom.js';
import { alertStore, isUrgent } from './live.js';
import { alarm } from './alarm.js';
import { roleLabel } from './format.js';

// Filled from the domain's catalogue once logged in (roles that work the board).
const STAFF = [];
// Everyone with a console account page: the staff roles (filled with STAFF) and partners.
const ACCOUNT_ROLES = ['PARTNER'];
const ROUTES = [
  { name: 'board', pattern: /^board$/, roles: STAFF, load: () => import('./board.js') },
  { name: 'worklist', pattern: /^worklist$/, roles: ['DOCTOR', 'ADMIN'], load: () => import('./worklist.js') },
  { name: 'performance', pattern: /^performance$/, roles: ['CARE_STAFF', 'DISTRICT_STAFF', 'ADMIN'], load: () => import('./performance.js') },
  { name: 'map', pattern: /^map$/, roles: STAFF, load: () => import('./map.js') },
  { name: 'elders', pattern: /^elders$/, roles: STAFF, load: () => import('./elders.js') },
  { name: 'elders', pattern: /^elders\/(\d+)$/, roles: STAFF, load: () => import('./trends.js') },
  { name: 'admin', pattern: /^admin(?:\/([\w-]+))?$/, roles: ['ADMIN'], load: () => import('./admin.js') },
  { name: 'account', pattern: /^account$/, roles: ACCOUNT_ROLES, load: () => import('./account.js') },
];

const ctx = { me: null, store: alertStore };
let cleanup = null;
let renderToken = 0;

function homeFor(role) {
  if (ctx.me?.mustChangePassword) return 'account'; // a temporary password opens nothing else
  return role === 'DOCTOR' ? 'worklist' : 'board';
}

/** '#/elders/5?range=7d' → {path: 'elders/5', query: URLSearchParams} */
export function parseHash() {
  const raw = location.hash.replace(/^#\/?/, '');
  const [path, search = ''] = raw.split('?');
  return { path, query: new URLSearchParams(search) };
}

async function route() {
  const token = ++renderToken;
  const { path, query } = parseHash();
  if (ctx.me.mustChangePassword && path !== 'account') {
    location.replace('#/account');
    return;
  }
  const match = ROUTES.map((r) => ({ r, m: r.pattern.exec(path) })).find((x) => x.m && x.r.roles.includes(ctx.me.role));
  if (!match) {
    const home = homeFor(ctx.me.role);
    if (path !== home && ROUTES.some((r) => r.pattern.test(home) && r.roles.includes(ctx.me.role))) {
      location.replace(`#/${home}`);
    } else {
      document.getElementById('main').replaceChildren(h('p', { class: 'error-box', role: 'alert' }, t('common.noPages')));
    }
    return;
  }
  const main = document.getElementById('main');
  document.querySelectorAll('#nav a').forEach((a) => {
    if (a.dataset.route === match.r.name) a.setAttribute('aria-current', 'page');
    else a.removeAttribute('aria-current');
  });
  const module = await match.r.load();
  if (token !== renderToken) return;
  if (typeof cleanup === 'function') cleanup();
  cleanup = null;
  main.replaceChildren();
  main.dataset.page = match.r.name;
  try {
    cleanup = await module.mount(main, { ...ctx, params: match.m.slice(1), query });
  } catch (error) {
    main.append(h('p', { class: 'error-box', role: 'alert' }, t('common.loadFailed', { message: error.message })));
  }
}

function renderNav() {
  const nav = document.getElementById('nav');
  const links = [
    ['worklist', 'nav.worklist'], ['board', 'nav.board'], ['performance', 'nav.performance'], ['map', 'nav.map'], ['elders', 'nav.elders'], ['admin', 'nav.admin'],
  ].filter(([name]) => ROUTES.some((r) => r.name === name && r.roles.includes(ctx.me.role)));
  nav.replaceChildren(...links.map(([name, key]) => h('a', { href: `#/${name}`, dataset: { route: name } },
    t(key), name === 'board' ? h('span', { class: 'nav-badge', id: 'open-count', hidden: true }) : null)));
}

function renderUser() {
  const me = ctx.me;
  const orgName = currentLang() === 'en' ? (me.organization?.nameEn || me.organization?.name) : me.organization?.name;
  document.getElementById('user-box').replaceChildren(
    icon('user'),
    h('a', { class: 'user-name', id: 'user-name', href: '#/account', title: t('account.title') }, me.displayName || me.username),
    h('span', { class: 'user-meta' }, `${roleLabel(me.role)} · ${orgName || ''}`),
  );
}

function renderLive() {
  const state = alertStore.connection;
  const indicator = document.getElementById('live-indicator');
  indicator.className = `live live-${state}`;
  indicator.dataset.state = state;
  indicator.hidden = !STAFF.includes(ctx.me.role);
  indicator.replaceChildren(h('span', { class: 'live-dot', 'aria-hidden': 'true' }), t(`live.${state}`));
  document.getElementById('live-banner').hidden = state !== 'down';
}

function renderCounts() {
  const alerts = [...alertStore.alerts.values()];
  const urgentOpen = alerts.filter((a) => isUrgent(a) && a.status === 'OPEN').length;
  const badge = document.getElementById('open-count');
  if (badge) {
    badge.hidden = alerts.length === 0;
    badge.textContent = alerts.length;
    badge.classList.toggle('nav-badge-urgent', urgentOpen > 0);
    badge.setAttribute('aria-label', t('nav.openCount', { n: alerts.length }));
  }
  document.title = `${urgentOpen > 0 ? `(${urgentOpen}) ${t('board.urgentTitle')} · ` : ''}${t('app.title')}`;
}

function renderMute() {
  const { muted, blocked } = alarm.state();
  const button = document.getElementById('mute-toggle');
  button.setAttribute('aria-pressed', String(muted));
  button.classList.toggle('is-muted', muted);
  button.replaceChildren(icon(muted ? 'mute' : 'volume'), h('span', {}, t(muted ? 'alarm.unmute' : 'alarm.mute')));
  document.getElementById('sound-hint').hidden = !blocked;
}

function renderLangButton() {
  const button = document.getElementById('lang-toggle');
  const next = currentLang() === 'en' ? 'zh-CN' : 'en';
  button.textContent = next === 'en' ? 'English' : '中文';
  button.setAttribute('lang', next);
  button.setAttribute('aria-label', t('lang.switchTo'));
  button.dataset.next = next;
}

function renderHeader() {
  renderNav();
  renderUser();
  renderLive();
  renderCounts();
  renderMute();
  renderLangButton();
}

async function logout() {
  try {
    await api.logout();
  } catch {
    // the session is gone either way
  }
  location.assign('/login.html?logout');
}

async function start() {
  // Not logged in is an expected answer (200, authenticated:false), so a visit logs no 401.
  const session = await api.session().catch(() => null);
  if (!session?.authenticated) {
    redirectToLogin();
    return;
  }
  ctx.me = session.user;
  // Family members and responders have their own phone pages.
  const ownPage = { FAMILY: '/family.html', RESPONDER: '/responder.html' }[ctx.me.role];
  if (ownPage) {
    location.replace(ownPage);
    return;
  }
  await initI18n(ctx.me.locale);
  const { catalogue } = await import('./catalogue.js');
  STAFF.push(...catalogue.staffRoles);
  ACCOUNT_ROLES.push(...catalogue.staffRoles);
  document.body.classList.remove('booting');
  renderHeader();
  document.getElementById('lang-toggle').addEventListener('click', (e) => setLang(e.currentTarget.dataset.next));
  document.getElementById('mute-toggle').addEventListener('click', () => alarm.setMuted(!alarm.muted));
  document.getElementById('logout').addEventListener('click', logout);
  onLangChange(() => {
    applyI18n(document);
    renderHeader();
    route();
  });
  alarm.onChange(renderMute);
  alertStore.addEventListener('connection', renderLive);
  alertStore.addEventListener('change', renderCounts);
  alertStore.addEventListener('error', (e) => toast(t('common.loadFailed', { message: e.detail.error.message }), 'error'));
  if (STAFF.includes(ctx.me.role) && !ctx.me.mustChangePassword) alertStore.start();
  window.addEventListener('hashchange', route);
  if (!location.hash || location.hash === '#' || location.hash === '#/') location.replace(`#/${homeFor(ctx.me.role)}`);
  else route();
  // Lets tests and operators see which build and user the page runs as.
  window.anxin = { ctx, store: alertStore, alarm };
}

start();
