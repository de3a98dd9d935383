// Shared pieces of the administration pages: the organization tree as options, panels, form grids,
// tables, error boxes and the show-once secret dialog.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, icon, toast, openDialog, closeDialog } from '../dom.js';

export async function loadOrganizations() {
  try {
    const list = await api.admin.organizations();
    return orderTree(Array.isArray(list) ? list : list.organizations || []);
  } catch {
    return [];
  }
}

/** Depth-first order with a depth per node, whatever order the server returned. */
export function orderTree(list) {
  const byParent = new Map();
  const ids = new Set(list.map((o) => o.id));
  for (const o of list) {
    const parent = ids.has(o.parentId) ? o.parentId : null;
    if (!byParent.has(parent)) byParent.set(parent, []);
    byParent.get(parent).push(o);
  }
  const out = [];
  const walk = (parent, depth) => (byParent.get(parent) || []).forEach((o) => {
    out.push({ ...o, depth });
    walk(o.id, depth + 1);
  });
  walk(null, 0);
  return out;
}

export function orgName(orgs, id) {
  return orgs.find((o) => o.id === id)?.name || (id != null ? `#${id}` : '—');
}

export function orgOptions(orgs) {
  return orgs.map((o) => ({ value: o.id, label: `${'　'.repeat(o.depth)}${o.name}` }));
}

export function panel(title, ...content) {
  return h('section', { class: 'panel' }, h('h2', {}, title), content);
}

export function formGrid(...fields) {
  return h('div', { class: 'form-grid' }, fields);
}

export function submitRow(label) {
  return h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, label));
}

export function errorBox(error) {
  return h('p', { class: 'error-box', role: 'alert' }, t('common.loadFailed', { message: error.message }));
}

/** A secret or key is shown exactly once: big, copyable, with a warning. */
export function showSecret(title, label, secret) {
  const code = h('code', { class: 'secret', id: 'secret-value', tabindex: '0' }, secret);
  const copy = h('button', {
    type: 'button', class: 'btn', id: 'copy-secret',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(secret);
      } catch {
        const range = document.createRange();
        range.selectNodeContents(code);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        document.execCommand('copy');
      }
      toast(t('admin.copied'), 'ok');
    },
  }, icon('copy'), t('admin.copy'));
  return openDialog(title,
    h('p', { class: 'warning' }, icon('alert'), t('admin.secretOnce')),
    h('p', {}, label),
    h('div', { class: 'secret-row' }, code, copy),
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn btn-primary', onclick: closeDialog }, t('admin.secretSaved'))));
}

export function simpleTable(id, headers, rows) {
  return h('table', { class: 'table', id },
    h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))));
}
