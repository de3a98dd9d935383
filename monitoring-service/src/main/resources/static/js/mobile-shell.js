// The small phone pages (responder, family): language switch, optional logout, re-render on switch.
import { api } from './api.js';
import { initI18n, setLang, currentLang, onLangChange, applyI18n } from './i18n.js';

function renderLangButton() {
  const button = document.getElementById('lang-toggle');
  const next = currentLang() === 'en' ? 'zh-CN' : 'en';
  button.textContent = next === 'en' ? 'English' : '中文';
  button.setAttribute('lang', next);
  button.dataset.next = next;
}

/** Starts the page: render() draws #main and runs again after a language switch. */
export async function startMobilePage({ render, loggedIn = false, locale }) {
  await initI18n(locale);
  document.body.classList.remove('booting');
  applyI18n(document);
  renderLangButton();
  document.getElementById('lang-toggle').addEventListener('click', (e) => setLang(e.currentTarget.dataset.next));
  const logout = document.getElementById('logout');
  logout.hidden = !loggedIn;
  logout.addEventListener('click', async () => {
    try {
      await api.logout();
    } finally {
      location.assign('/login.html?logout');
    }
  });
  onLangChange(() => {
    applyI18n(document);
    renderLangButton();
    render();
  });
  await render();
}

/** A navigation link for a WGS-84 point (AMap's URI API converts from GPS coordinates itself). */
export function navigationUrl(lat, lon, name) {
  return `https://uri.amap.com/marker?position=${lon},${lat}&name=${encodeURIComponent(name || '')}&coordinate=wgs84&callnative=1`;
}
