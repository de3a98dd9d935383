// Administration › the organization tree (city → district → street → community center, partners).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { catalogue } from '../catalogue.js';
import { orgOptions, panel, formGrid, submitRow } from './common.js';

export async function mount(content, ctx) {
  const form = h('form', { id: 'org-form' },
    formGrid(
      field({ name: 'parentId', label: t('admin.org.parent'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'kind', label: t('admin.org.kind'), type: 'select', required: true, options: catalogue.organizationKinds.map((k) => ({ value: k, label: t(`orgKind.${k}`) })) }),
      field({ name: 'code', label: t('admin.org.code'), required: true, pattern: '[A-Za-z0-9_\\-]{2,64}' }),
      field({ name: 'name', label: t('admin.org.name'), required: true }),
      field({ name: 'nameEn', label: t('admin.org.nameEn') }),
      field({ name: 'phone', label: t('admin.elder.phone'), type: 'tel' }),
      field({ name: 'address', label: t('admin.elder.address'), wide: true })),
    submitRow(t('admin.org.create')));
  bindForm(form, async (values) => {
    const created = await api.admin.createOrganization(values);
    toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
    location.reload();
  });
  content.append(
    panel(t('admin.org.tree'), h('ul', { class: 'org-tree', id: 'org-tree' }, ctx.orgs.map((o) => h('li', { style: `--depth:${o.depth}` },
      h('strong', {}, o.name), ' ', h('span', { class: 'muted small' }, `${t(`orgKind.${o.kind}`, null, o.kind)} · ${o.code || ''}`))))),
    panel(t('admin.org.createTitle'), form));
}
