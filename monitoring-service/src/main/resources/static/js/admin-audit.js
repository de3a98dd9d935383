// Admin pages for the audit log (search by user, elder, action and time; newest first, page by page)
// and the storage view (sizes of the growing tables and their retention).
import { api } from './api.js';
import { t } from './i18n.js';
import { h } from './dom.js';
import { field, bindForm } from './forms.js';

function localInputToIso(value) {
  return value ? new Date(value).toISOString() : undefined;
}

export async function audit(content) {
  const rows = h('tbody', { id: 'audit-rows' });
  const more = h('button', { type: 'button', class: 'btn', id: 'audit-more', hidden: true }, t('admin.audit.more'));
  let filters = {};
  let cursor = null;
  const form = h('form', { id: 'audit-form' },
    h('div', { class: 'form-grid' },
      field({ name: 'username', label: t('login.username') }),
      field({ name: 'elderId', label: t('admin.audit.elderId'), type: 'number', min: 1, step: 1 }),
      field({ name: 'action', label: t('admin.audit.action'), placeholder: 'ELDER_READ' }),
      field({ name: 'from', label: t('admin.audit.from'), type: 'datetime-local' }),
      field({ name: 'to', label: t('admin.audit.to'), type: 'datetime-local' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.audit.search'))));

  async function load(append) {
    const page = await api.admin.auditPage({ ...filters, cursor: append ? cursor : undefined, limit: 100 });
    if (!append) rows.replaceChildren();
    rows.append(...page.items.map((e) => h('tr', {},
      h('td', { class: 'nowrap' }, new Date(e.at).toLocaleString()),
      h('td', { class: 'mono' }, e.username || '—'),
      h('td', { class: 'mono' }, e.action),
      h('td', {}, e.targetType ? `${e.targetType} ${e.targetId ?? ''}` : '—'),
      h('td', {}, e.elderId ?? '—'),
      h('td', { class: 'mono small' }, e.detailJson && e.detailJson !== '{}' ? e.detailJson : ''))));
    cursor = page.next;
    more.hidden = !cursor;
  }
  bindForm(form, async (values) => {
    filters = { username: values.username, elderId: values.elderId, action: values.action,
      from: localInputToIso(values.from), to: localInputToIso(values.to) };
    await load(false);
  });
  more.addEventListener('click', () => load(true));
  content.append(h('section', { class: 'panel' }, h('h2', {}, t('admin.audit.title')),
    h('p', { class: 'muted small' }, t('admin.audit.hint')), form,
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'audit-table' },
      h('thead', {}, h('tr', {}, [t('admin.audit.at'), t('login.username'), t('admin.audit.action'), t('admin.audit.target'),
        t('admin.audit.elderId'), t('admin.audit.detail')].map((c) => h('th', { scope: 'col' }, c)))), rows)), more));
  await load(false);
}

function size(bytes) {
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1) {
    n /= 1024;
    i++;
  }
  return `${n.toFixed(i ? 1 : 0)} ${units[i]}`;
}

export async function storage(content) {
  const view = await api.admin.storage();
  content.append(h('section', { class: 'panel' }, h('h2', {}, t('admin.storage.title')),
    h('p', { class: 'muted small' }, t('admin.storage.hint')),
    h('div', { class: 'table-wrap' }, h('table', { class: 'table', id: 'storage-table' },
      h('thead', {}, h('tr', {}, [t('admin.storage.table'), t('admin.storage.size'), t('admin.storage.rows'), t('admin.storage.retention')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, view.tables.map((row) => h('tr', { dataset: { table: row.table } },
        h('td', { class: 'mono' }, row.table), h('td', {}, size(row.bytes)), h('td', {}, row.rows.toLocaleString()),
        h('td', {}, view.retention[row.table] || '—'))))))));
}
