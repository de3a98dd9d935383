// Administration › family-doctor contracts (shown under the elders tab).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { panel, formGrid, submitRow, errorBox, simpleTable } from './common.js';

export async function contractPanel(elderList) {
  let doctors = [];
  try {
    doctors = (await api.admin.users()).filter((u) => u.role === 'DOCTOR');
  } catch {
    doctors = [];
  }
  const form = h('form', { id: 'contract-form' },
    formGrid(
      field({ name: 'elderId', label: t('admin.contract.elder'), type: 'select', dataType: 'id', required: true, optional: true, options: elderList.map((e) => ({ value: e.id, label: e.name })) }),
      field({ name: 'doctorUserId', label: t('admin.contract.doctor'), type: 'select', dataType: 'id', required: true, optional: true, options: doctors.map((u) => ({ value: u.id, label: u.displayName })) }),
      field({ name: 'validFrom', label: t('admin.contract.from'), type: 'date' }),
      field({ name: 'validTo', label: t('admin.contract.to'), type: 'date' })),
    submitRow(t('admin.contract.create')));
  const listBox = h('div', { class: 'table-wrap' });
  async function refresh() {
    try {
      const contracts = await api.admin.contracts();
      listBox.replaceChildren(contracts.length
        ? simpleTable('contract-table', [t('admin.contract.elder'), t('admin.contract.doctor'), t('admin.contract.from'), t('admin.contract.to')],
          contracts.map((c) => [c.elderName, c.doctorName, c.validFrom || '—', c.validTo || '—']))
        : h('p', { class: 'muted' }, t('admin.contract.none')));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }
  bindForm(form, async (values) => {
    const created = await api.admin.createDoctorContract(values);
    toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
    form.reset();
    await refresh();
  });
  await refresh();
  return panel(t('admin.contract.title'), h('p', { class: 'muted small' }, t('admin.contract.hint')), listBox, form);
}
