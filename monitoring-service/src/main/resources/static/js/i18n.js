// Language: zh-CN by default, English on request; the choice is remembered in localStorage.
// Bundles are flat JSON maps (key -> text with {placeholders}) in /i18n/<lang>.json.

export const LANGUAGES = ['zh-CN', 'en'];
const STORAGE_KEY = 'anxin.lang';

let lang = 'zh-CN';
let bundle = {};
const listeners = new Set();

export function currentLang() {
  return lang;
}

/** Loads the remembered language, else the user's profile locale, else Chinese. */
export async function initI18n(profileLocale) {
  const stored = localStorage.getItem(STORAGE_KEY);
  lang = normalize(stored || profileLocale || 'zh-CN');
  await load();
}

export async function setLang(next) {
  lang = normalize(next);
  localStorage.setItem(STORAGE_KEY, lang);
  await load();
  listeners.forEach((fn) => fn(lang));
}

export function onLangChange(fn) {
  listeners.add(fn);
  return () => listeners.delete(fn);
}

function normalize(value) {
  return String(value).toLowerCase().startsWith('en') ? 'en' : 'zh-CN';
}

async function load() {
  const response = await fetch(`/i18n/${lang}.json`, { credentials: 'same-origin' });
  bundle = response.ok ? await response.json() : {};
  document.documentElement.lang = lang;
  applyI18n(document);
}

/** Text for a key; {name} placeholders filled from vars. Missing keys show the fallback or the key. */
export function t(key, vars, fallback) {
  let text = bundle[key];
  if (text == null) text = fallback ?? key;
  if (vars) text = text.replace(/\{(\w+)\}/g, (match, name) => (vars[name] ?? match));
  return text;
}

export function has(key) {
  return bundle[key] != null;
}

/**
 * Translates static markup: data-i18n="key" sets the text; data-i18n-attr="aria-label:key;placeholder:key"
 * sets attributes.
 */
export function applyI18n(root) {
  root.querySelectorAll('[data-i18n]').forEach((el) => {
    el.textContent = t(el.dataset.i18n);
  });
  root.querySelectorAll('[data-i18n-attr]').forEach((el) => {
    for (const pair of el.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((s) => s.trim());
      if (attr && key) el.setAttribute(attr, t(key));
    }
  });
}
