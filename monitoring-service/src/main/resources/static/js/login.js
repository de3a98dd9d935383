// Login page: a normal form POST /login (works without JavaScript); with JavaScript it is sent with
// fetch so a wrong password or throttling shows a clear message in place.
import { initI18n, setLang, currentLang, t } from './i18n.js';
import { csrfToken } from './api.js';

const form = document.getElementById('login-form');
const message = document.getElementById('login-message');
const submit = document.getElementById('login-submit');
const params = new URLSearchParams(location.search);

function show(text, kind = 'error') {
  message.textContent = text;
  message.className = kind === 'error' ? 'form-error' : 'form-info';
  message.hidden = !text;
}

function renderLangButton() {
  const button = document.getElementById('lang-toggle');
  const next = currentLang() === 'en' ? 'zh-CN' : 'en';
  button.textContent = next === 'en' ? 'English' : '中文';
  button.setAttribute('lang', next);
  button.dataset.next = next;
  document.title = `${t('login.title')} · ${t('app.name')}`;
}

/** Spring writes the XSRF-TOKEN cookie when a request touches the token; make sure we have one. */
async function ensureCsrf() {
  if (!csrfToken()) await fetch('/api/v1/session', { credentials: 'same-origin' }).catch(() => {});
  document.getElementById('csrf-field').value = csrfToken() || '';
}

/** GET /api/v1/session answers 200 either way: not being logged in is no error on this page. */
async function loggedIn() {
  const response = await fetch('/api/v1/session', { credentials: 'same-origin', headers: { Accept: 'application/json' } });
  if (!response.ok || !(response.headers.get('content-type') || '').includes('json')) return false;
  return (await response.json()).authenticated === true;
}

function goToConsole() {
  const next = params.get('next');
  location.assign(`/${next && next.startsWith('#') ? next : ''}`);
}

form.addEventListener('submit', async (event) => {
  event.preventDefault();
  const username = form.username.value.trim();
  const password = form.password.value;
  if (!username || !password) {
    show(t('login.required'));
    (username ? form.password : form.username).focus();
    return;
  }
  submit.disabled = true;
  show(t('login.signingIn'), 'info');
  try {
    await ensureCsrf();
    const body = new URLSearchParams({ username, password });
    const token = csrfToken();
    if (token) body.set('_csrf', token);
    const response = await fetch('/login', {
      method: 'POST',
      credentials: 'same-origin',
      headers: token ? { 'X-XSRF-TOKEN': token } : {},
      body,
    });
    if (response.status === 429) {
      show(t('login.throttled'));
    } else if (await loggedIn()) {
      goToConsole();
      return;
    } else {
      show(t('login.failed'));
      form.password.select();
    }
  } catch {
    show(t('login.network'));
  } finally {
    submit.disabled = false;
  }
});

document.getElementById('lang-toggle').addEventListener('click', async (e) => {
  await setLang(e.currentTarget.dataset.next);
  renderLangButton();
});

(async () => {
  await initI18n();
  renderLangButton();
  if (params.has('error')) show(t('login.failed'));
  else if (params.has('logout')) show(t('login.loggedOut'), 'info');
  if (await loggedIn()) goToConsole();
  else await ensureCsrf();
})();
