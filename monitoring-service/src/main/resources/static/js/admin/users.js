// Administration › user accounts of the organizations below the admin.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { roleLabel } from '../format.js';
import { catalogue } from '../catalogue.js';
import { accountActions } from '../admin-accounts.js';
import { orgName, orgOptions, panel, formGrid, submitRow, errorBox, simpleTable } from './common.js';

export async function mount(content, ctx) {
  const listBox = h('div', { class: 'table-wrap' });
  const filter = h('select', { 'aria-label': t('admin.organization'), id: 'user-org-filter' },
    h('option', { value: '' }, t('admin.allOrganizations')),
    orgOptions(ctx.orgs).map((o) => h('option', { value: o.value }, o.label)));
  const form = h('form', { id: 'user-form' },
    formGrid(
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'username', label: t('login.username'), required: true, pattern: '[A-Za-z0-9._\\-]{3,64}', hint: t('admin.user.usernameHint') }),
      field({ name: 'displayName', label: t('admin.user.displayName'), required: true }),
      field({ name: 'password', label: t('login.password'), type: 'password', required: true, minlength: 10, autocomplete: 'new-password', hint: t('admin.user.passwordHint') }),
      field({ name: 'role', label: t('admin.user.role'), type: 'select', required: true, options: catalogue.roleCodes.map((r) => ({ value: r, label: roleLabel(r) })) }),
      field({ name: 'phone', label: t('admin.elder.phone'), type: 'tel' })),
    submitRow(t('admin.user.create')));
  bindForm(form, async (values) => {
    const created = await api.admin.createUser(values);
    toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
    form.reset();
    await refresh();
  });
  content.append(panel(t('admin.user.createTitle'), form),
    panel(t('admin.user.list'), h('label', { class: 'inline-field' }, h('span', {}, t('admin.organization')), filter), listBox));

  async function refresh() {
    try {
      const list = (await api.admin.users()).filter((u) => !filter.value || String(u.organizationId) === filter.value);
      listBox.replaceChildren(simpleTable('user-table', [t('login.username'), t('admin.user.displayName'), t('admin.user.role'), t('admin.organization'), t('admin.user.enabled'), ''],
        list.map((u) => [h('span', { class: 'mono' }, u.username), u.displayName, roleLabel(u.role), orgName(ctx.orgs, u.organizationId),
          u.enabled === false ? t('admin.disabled') : t('admin.enabled'), accountActions(u, refresh)])));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }
  filter.addEventListener('change', refresh);
  await refresh();
}
