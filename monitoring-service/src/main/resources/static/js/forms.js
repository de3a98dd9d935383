// Form building and submission: labelled fields, client-side checks in the console's language, and
// server validation errors (problem+json) shown next to the field they concern.
import { h } from './dom.js';
import { t } from './i18n.js';
import { ApiError } from './api.js';

let fieldCounter = 0;

/**
 * A labelled input. type: text | number | password | date | datetime-local | select | textarea | json | list.
 * `list` = comma separated values sent as an array; `json` = textarea parsed as JSON.
 */
export function field(spec) {
  const id = `f-${spec.name.replace(/\W/g, '-')}-${++fieldCounter}`;
  const errorId = `${id}-error`;
  const common = {
    id, name: spec.name, required: spec.required, 'aria-describedby': errorId,
    dataset: { type: spec.dataType || spec.type || 'text' }, placeholder: spec.placeholder, autocomplete: spec.autocomplete || 'off',
  };
  let control;
  if (spec.type === 'select') {
    control = h('select', common,
      spec.optional ? h('option', { value: '' }, spec.optionalLabel || '—') : null,
      (spec.options || []).map((o) => h('option', { value: o.value, selected: String(o.value) === String(spec.value ?? '') }, o.label)));
  } else if (spec.type === 'textarea' || spec.type === 'json') {
    control = h('textarea', { ...common, rows: spec.rows || 4, spellcheck: 'false', class: spec.type === 'json' ? 'mono' : null });
    control.value = spec.value ?? '';
  } else {
    const inputType = spec.type === 'list' ? 'text' : (spec.type || 'text');
    control = h('input', {
      ...common, type: inputType, min: spec.min, max: spec.max, step: spec.step ?? (inputType === 'number' ? 'any' : null),
      pattern: spec.pattern, minlength: spec.minlength, maxlength: spec.maxlength,
    });
    if (spec.value != null) control.value = spec.value;
  }
  return h('div', { class: `field ${spec.wide ? 'field-wide' : ''}` },
    h('label', { for: id }, spec.label, spec.required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    control,
    spec.hint ? h('small', { class: 'hint' }, spec.hint) : null,
    h('p', { class: 'field-error', id: errorId, hidden: true }));
}

function setPath(target, path, value) {
  const keys = path.split('.');
  let node = target;
  keys.slice(0, -1).forEach((k) => {
    node[k] = node[k] ?? {};
    node = node[k];
  });
  node[keys[keys.length - 1]] = value;
}

/** Values of named controls as a nested object ("home.lat" → {home: {lat}}); empty values left out. */
export function formValues(form) {
  const out = {};
  for (const el of form.querySelectorAll('[name]')) {
    if (el.disabled || el.closest('[data-skip]')) continue;
    const raw = el.type === 'checkbox' ? el.checked : el.value;
    if (raw === '' || raw == null) continue;
    let value = raw;
    switch (el.dataset.type) {
      case 'number': value = Number(raw); break;
      case 'list': value = String(raw).split(/[,，、;；\n]/).map((s) => s.trim()).filter(Boolean); break;
      case 'json': value = JSON.parse(raw); break;
      case 'id': value = Number(raw); break;
      default: break;
    }
    setPath(out, el.name, value);
  }
  return out;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((p) => { p.hidden = true; p.textContent = ''; });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const general = form.querySelector('.form-error');
  if (general) { general.hidden = true; general.textContent = ''; }
}

function fieldError(form, name, message) {
  const control = [...form.querySelectorAll('[name]')].find((el) => el.name === name);
  if (!control) return false;
  control.setAttribute('aria-invalid', 'true');
  const p = document.getElementById(control.getAttribute('aria-describedby'));
  if (p) { p.textContent = message; p.hidden = false; }
  return true;
}

function generalError(form, message) {
  let p = form.querySelector('.form-error');
  if (!p) {
    p = h('p', { class: 'form-error', role: 'alert' });
    form.prepend(p);
  }
  p.textContent = message;
  p.hidden = false;
}

/** Client checks with messages in the console's language. Returns true when the form may be sent. */
function check(form) {
  let ok = true;
  for (const el of form.querySelectorAll('[name]')) {
    if (el.disabled || el.closest('[data-skip]')) continue;
    let message = null;
    const v = el.validity;
    if (v.valueMissing) message = t('form.required');
    else if (v.rangeUnderflow) message = t('form.min', { n: el.min });
    else if (v.rangeOverflow) message = t('form.max', { n: el.max });
    else if (v.badInput || v.typeMismatch || v.patternMismatch || v.stepMismatch) message = t('form.invalid');
    else if (v.tooShort) message = t('form.minLength', { n: el.minLength });
    else if (el.dataset.type === 'json' && el.value.trim()) {
      try { JSON.parse(el.value); } catch (e) { message = t('form.badJson', { message: e.message }); }
    }
    if (message) {
      if (ok) el.focus();
      ok = false;
      fieldError(form, el.name, message);
    }
  }
  return ok;
}

/** Shows an ApiError on the form: field messages where we know the field, the rest on top. */
export function showError(form, error) {
  if (error instanceof ApiError) {
    const unplaced = Object.entries(error.fieldErrors).filter(([name, message]) => !fieldError(form, name, message));
    const extra = unplaced.map(([name, message]) => `${name}: ${message}`).join('; ');
    generalError(form, [error.problem.title && error.problem.detail ? error.problem.detail : error.message, extra].filter(Boolean).join(' — '));
  } else {
    generalError(form, error.message);
  }
}

/**
 * Wires a form: on submit, checks it, calls submit(values) and shows errors; the submit button is
 * disabled while the request runs. Resolves nothing; submit handles success (toast, reload, …).
 */
export function bindForm(form, submit) {
  form.noValidate = true;
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    if (!check(form)) return;
    const button = form.querySelector('[type=submit]');
    if (button) button.disabled = true;
    try {
      await submit(formValues(form));
    } catch (error) {
      showError(form, error);
    } finally {
      if (button) button.disabled = false;
    }
  });
  return form;
}
