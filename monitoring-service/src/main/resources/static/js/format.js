// Formatting of times, durations and labels in the current language.
import { currentLang, t, has } from './i18n.js';

export function secondsSince(iso, now = Date.now()) {
  return Math.max(0, Math.floor((now - Date.parse(iso)) / 1000));
}

/** Stopwatch style: 04:09, 1:02:03, or "2天 3小时" past a day. */
export function clock(totalSeconds) {
  const s = Math.max(0, Math.floor(totalSeconds));
  if (s >= 86400) return t('time.daysHours', { d: Math.floor(s / 86400), h: Math.floor((s % 86400) / 3600) });
  const hh = Math.floor(s / 3600);
  const mm = String(Math.floor((s % 3600) / 60)).padStart(2, '0');
  const ss = String(s % 60).padStart(2, '0');
  return hh > 0 ? `${hh}:${mm}:${ss}` : `${mm}:${ss}`;
}

/** Human duration: "45 秒", "5 分钟", "2 小时 5 分", "3 天". */
export function humanDuration(totalSeconds) {
  const s = Math.max(0, Math.round(totalSeconds));
  if (s < 60) return t('time.seconds', { n: s });
  if (s < 3600) return t('time.minutes', { n: Math.floor(s / 60) });
  if (s < 86400) {
    const m = Math.floor((s % 3600) / 60);
    return m ? t('time.hoursMinutes', { h: Math.floor(s / 3600), m }) : t('time.hours', { n: Math.floor(s / 3600) });
  }
  return t('time.days', { n: Math.floor(s / 86400) });
}

export function ago(iso) {
  if (!iso) return t('common.never');
  const s = secondsSince(iso);
  return s < 10 ? t('time.justNow') : t('time.ago', { d: humanDuration(s) });
}

export function dateTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(currentLang(), {
    month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hour12: false,
  }).format(new Date(iso));
}

export function fullDateTime(iso) {
  if (!iso) return '—';
  return new Intl.DateTimeFormat(currentLang(), {
    year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hour12: false,
  }).format(new Date(iso));
}

export function number(value, digits = 0) {
  if (value == null || Number.isNaN(value)) return '—';
  return new Intl.NumberFormat(currentLang(), { maximumFractionDigits: digits, minimumFractionDigits: 0 }).format(value);
}

export function percent(value) {
  if (value == null) return '—';
  return `${number(value, 1)} %`;
}

/** Label of an alert kind: SOS, FALL, VITAL_HR → "心率异常", … */
export function kindLabel(kind) {
  if (has(`kind.${kind}`)) return t(`kind.${kind}`);
  if (kind && kind.startsWith('VITAL_')) {
    const code = kind.slice(6);
    return t('kind.VITAL', { sign: t(`vital.${code}`, null, code) });
  }
  return kind || '—';
}

export function vitalLabel(code) {
  return t(`vital.${code}`, null, code);
}

/** Display units in the console (UCUM codes are for machines). */
export const VITAL_UNITS = { HR: 'bpm', SPO2: '%', SBP: 'mmHg', DBP: 'mmHg', TEMP: '°C', RR: '/min', STEPS: '', GLU: 'mmol/L' };
export const VITAL_DIGITS = { TEMP: 1, GLU: 1 };

export function vitalValue(code, value) {
  const unit = VITAL_UNITS[code] ?? '';
  return `${number(value, VITAL_DIGITS[code] ?? 0)}${unit ? ` ${unit}` : ''}`;
}

export function genderLabel(gender) {
  return gender ? t(`gender.${gender}`, null, gender) : '—';
}

export function roleLabel(role) {
  return t(`role.${role}`, null, role);
}
