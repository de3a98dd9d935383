// Administration › escalation policies (steps as JSON).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { orgName, orgOptions, panel, formGrid, submitRow, errorBox } from './common.js';

const STEPS_EXAMPLE = JSON.stringify([
  { afterSeconds: 0, notify: ['CENTER'] },
  { afterSeconds: 60, notify: ['CONTACTS'] },
  { afterSeconds: 180, notify: ['DISTRICT'] },
], null, 2);

export async function mount(content, ctx) {
  const listBox = h('div', { class: 'table-wrap' });
  const form = h('form', { id: 'policy-form' },
    formGrid(
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'alertKind', label: t('admin.policy.kind'), required: true, value: '*', hint: t('admin.policy.kindHint') }),
      field({ name: 'name', label: t('admin.policy.name'), required: true }),
      field({ name: 'steps', label: t('admin.policy.steps'), type: 'json', required: true, rows: 10, value: STEPS_EXAMPLE, hint: t('admin.policy.stepsHint'), wide: true })),
    submitRow(t('admin.save')));
  bindForm(form, async (values) => {
    if (!Array.isArray(values.steps)) throw new Error(t('admin.policy.stepsArray'));
    await api.admin.savePolicy(values);
    toast(t('admin.saved'), 'ok');
    await refresh();
  });
  content.append(panel(t('admin.policy.list'), listBox), panel(t('admin.policy.editTitle'), form));

  function load(p) {
    form.organizationId.value = p.organizationId ?? p.organization?.id ?? '';
    form.alertKind.value = p.alertKind;
    form.name.value = p.name;
    form.steps.value = JSON.stringify(p.steps, null, 2);
    form.name.focus();
  }

  async function refresh() {
    try {
      const list = await api.admin.policies();
      listBox.replaceChildren(h('table', { class: 'table', id: 'policy-table' },
        h('thead', {}, h('tr', {}, [t('admin.organization'), t('admin.policy.kind'), t('admin.policy.name'), t('admin.policy.stepCount'), ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.map((p) => h('tr', {},
          h('td', {}, orgName(ctx.orgs, p.organizationId)),
          h('td', { class: 'mono' }, p.alertKind),
          h('td', {}, p.name, p.enabled === false ? h('span', { class: 'muted small' }, ` (${t('admin.disabled')})`) : null),
          h('td', {}, Array.isArray(p.steps) ? p.steps.length : '—'),
          h('td', {}, h('button', { type: 'button', class: 'btn btn-small', onclick: () => load(p) }, t('admin.edit'))))))));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }
  await refresh();
}
