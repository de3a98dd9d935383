// Administration › devices: register (the secret is shown once), bind to an elder, rotate the secret.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { ago } from '../format.js';
import { battery } from '../elders.js';
import { catalogue } from '../catalogue.js';
import { lifecycleCell } from '../device-lifecycle.js';
import { orgOptions, panel, formGrid, submitRow, errorBox, showSecret } from './common.js';

export async function mount(content, ctx) {
  const listBox = h('div', { class: 'table-wrap' });
  let elderList = [];
  try {
    elderList = await api.elders('', 500);
  } catch {
    elderList = [];
  }
  const elderOptions = elderList.map((e) => ({ value: e.id, label: e.name }));

  const form = h('form', { id: 'device-form' },
    formGrid(
      field({ name: 'id', label: t('admin.device.id'), required: true, pattern: '[A-Za-z0-9_\\-]{3,64}', hint: t('admin.device.idHint') }),
      field({ name: 'kind', label: t('admin.device.kind'), type: 'select', required: true, options: catalogue.deviceKinds.map((k) => ({ value: k, label: t(`deviceKind.${k}`) })) }),
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'elderId', label: t('admin.device.elder'), type: 'select', dataType: 'id', optional: true, optionalLabel: t('admin.device.unbound'), options: elderOptions }),
      field({ name: 'model', label: t('admin.device.model') })),
    submitRow(t('admin.device.register')));
  bindForm(form, async (values) => {
    const created = await api.admin.registerDevice(values);
    form.reset();
    await refresh();
    await showSecret(t('admin.device.secretTitle'), t('admin.device.secretFor', { id: created.id }), created.secret);
  });

  content.append(panel(t('admin.device.registerTitle'), form), panel(t('admin.device.list'), listBox));

  async function refresh() {
    try {
      const list = await api.admin.devices();
      listBox.replaceChildren(h('table', { class: 'table', id: 'device-table' },
        h('thead', {}, h('tr', {}, [t('admin.device.id'), t('admin.device.kind'), t('admin.device.elder'), t('elders.col.status'), t('elders.col.battery'), t('elders.col.lastSeen'), t('admin.device.bind'), t('admin.device.state'), ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.map((d) => deviceRow(d)))));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }

  function deviceRow(d) {
    const elderId = d.elderId ?? d.elder?.id;
    const select = h('select', { 'aria-label': t('admin.device.bindTo', { id: d.id }) },
      h('option', { value: '' }, t('admin.device.chooseElder')),
      elderOptions.map((o) => h('option', { value: o.value, selected: String(o.value) === String(elderId) }, o.label)));
    return h('tr', { dataset: { deviceId: d.id } },
      h('td', { class: 'mono' }, d.id),
      h('td', {}, t(`deviceKind.${d.kind}`, null, d.kind), d.model ? h('span', { class: 'muted small' }, ` ${d.model}`) : null),
      h('td', {}, d.elder?.name || d.elderName || (elderId ? `#${elderId}` : h('span', { class: 'muted' }, t('admin.device.unbound')))),
      h('td', {}, t(d.online ? 'elders.online' : 'elders.offline')),
      h('td', {}, battery(d.battery ?? d.batteryPct)),
      h('td', {}, ago(d.lastSeenAt)),
      h('td', { class: 'nowrap' }, select, ' ', h('button', {
        type: 'button', class: 'btn btn-small',
        onclick: async () => {
          if (!select.value) return select.focus();
          try {
            await api.admin.bindDevice(d.id, Number(select.value));
            toast(t('admin.device.bound'), 'ok');
            await refresh();
          } catch (error) {
            toast(error.message, 'error');
          }
        },
      }, t('admin.device.bind'))),
      lifecycleCell(d, refresh),
      h('td', {}, h('button', {
        type: 'button', class: 'btn btn-small btn-warn',
        onclick: async () => {
          if (!confirm(t('admin.device.rotateConfirm', { id: d.id }))) return;
          try {
            const rotated = await api.admin.rotateSecret(d.id);
            await showSecret(t('admin.device.secretTitle'), t('admin.device.secretFor', { id: d.id }), rotated.secret);
          } catch (error) {
            toast(error.message, 'error');
          }
        },
      }, t('admin.device.rotate'))));
  }

  await refresh();
}
