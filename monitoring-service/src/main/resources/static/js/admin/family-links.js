// Administration › family links: which FAMILY accounts follow which elders (their family page and the
// CONTACTS step of escalation). Create the account under Users with role FAMILY first.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { helpApi } from '../helpcenter-api.js';
import { elderPicker } from '../elder-picker.js';
import { panel, formGrid, submitRow, errorBox, simpleTable } from './common.js';

export async function mount(content) {
  const users = await api.admin.users().catch(() => []);
  const families = users.filter((u) => u.role === 'FAMILY');
  const elderField = elderPicker({ prefix: 'family-elder', label: t('admin.family.elder'), required: true });
  const listBox = h('div', { class: 'table-wrap' });
  const form = h('form', { id: 'family-link-form' },
    formGrid(
      field({ name: 'userId', label: t('admin.family.user'), type: 'select', dataType: 'id', required: true, optional: true, options: families.map((u) => ({ value: u.id, label: `${u.displayName} (${u.username})` })) }),
      field({ name: 'relation', label: t('admin.contact.relation') }),
      elderField.element),
    submitRow(t('admin.family.link')));

  async function refresh() {
    try {
      const links = await helpApi.familyLinks();
      listBox.replaceChildren(links.length
        ? simpleTable('family-link-table', [t('admin.family.user'), t('admin.family.elder'), t('admin.contact.relation'), ''],
          links.map((l) => [`${l.displayName} (${l.username})`, l.elderName, l.relation || '—',
            h('button', {
              type: 'button', class: 'btn btn-small btn-warn',
              onclick: async () => {
                try {
                  await helpApi.unlinkFamily(l.userId, l.elderId);
                  toast(t('admin.saved'), 'ok');
                  await refresh();
                } catch (error) {
                  toast(error.message, 'error');
                }
              },
            }, t('admin.remove'))]))
        : h('p', { class: 'muted' }, t('admin.family.none')));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }
  bindForm(form, async (values) => {
    if (!values.elderId) throw new Error(t('call.noElder'));
    await helpApi.link2family(values);
    toast(t('admin.saved'), 'ok');
    form.reset();
    elderField.clear();
    await refresh();
  });
  content.append(panel(t('admin.family.title'), h('p', { class: 'muted small' }, t('admin.family.hint')), listBox, form));
  await refresh();
}
