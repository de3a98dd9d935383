// Administration › devices: register (an MQTT device's secret is shown once; a protocol watch logs in
// with its own id and has none), bind to an elder found by search, rotate the secret.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast, openDialog, closeDialog } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { ago } from '../format.js';
import { battery } from '../elders.js';
import { catalogue } from '../catalogue.js';
import { lifecycleCell } from '../device-lifecycle.js';
import { elderPicker } from '../elder-picker.js';
import { orgOptions, panel, formGrid, submitRow, errorBox, showSecret } from './common.js';

export async function mount(content, ctx) {
  const listBox = h('div', { class: 'table-wrap' });
  const elderField = elderPicker({ prefix: 'device-elder', label: t('admin.device.elder'), emptyText: t('admin.device.unbound') });

  const form = h('form', { id: 'device-form' },
    formGrid(
      field({ name: 'id', label: t('admin.device.id'), required: true, pattern: '[A-Za-z0-9_\\-]{3,64}', hint: t('admin.device.idHint') }),
      field({ name: 'kind', label: t('admin.device.kind'), type: 'select', required: true, options: catalogue.deviceKinds.map((k) => ({ value: k, label: t(`deviceKind.${k}`) })) }),
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'model', label: t('admin.device.model') }),
      elderField.element),
    submitRow(t('admin.device.register')));
  bindForm(form, async (values) => {
    const created = await api.admin.registerDevice(values);
    form.reset();
    elderField.clear();
    await refresh();
    if (isWatch(values)) {
      await openDialog(t('admin.device.watchTitle'), h('p', { id: 'watch-registered' }, t('admin.device.watchRegistered', { id: created.id })),
        h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn btn-primary', onclick: () => closeDialog() }, t('common.close'))));
    } else {
      await showSecret(t('admin.device.secretTitle'), t('admin.device.secretFor', { id: created.id }), created.secret);
    }
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
    return h('tr', { dataset: { deviceId: d.id } },
      h('td', { class: 'mono' }, d.id),
      h('td', {}, t(`deviceKind.${d.kind}`, null, d.kind), d.model ? h('span', { class: 'muted small' }, ` ${d.model}`) : null),
      h('td', {}, d.elder?.name || d.elderName || (elderId ? `#${elderId}` : h('span', { class: 'muted' }, t('admin.device.unbound')))),
      h('td', {}, t(d.online ? 'elders.online' : 'elders.offline')),
      h('td', {}, battery(d.battery ?? d.batteryPct)),
      h('td', {}, ago(d.lastSeenAt)),
      h('td', { class: 'nowrap' }, h('button', {
        type: 'button', class: 'btn btn-small', dataset: { action: 'bind' }, 'aria-label': t('admin.device.bindTo', { id: d.id }),
        onclick: () => bindDialog(d),
      }, t('admin.device.bind'))),
      lifecycleCell(d, refresh),
      h('td', {}, isWatch(d) ? h('span', { class: 'muted small' }, t('admin.device.noSecret')) : h('button', {
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

  function bindDialog(d) {
    const picker = elderPicker({ prefix: 'bind-elder', label: t('admin.device.chooseElder'), required: true });
    const dialogForm = h('form', { id: 'bind-form', class: 'form-grid' }, picker.element,
      h('div', { class: 'form-actions field-wide' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.device.bind'))));
    bindForm(dialogForm, async (values) => {
      if (!values.elderId) throw new Error(t('call.noElder'));
      await api.admin.bindDevice(d.id, Number(values.elderId));
      toast(t('admin.device.bound'), 'ok');
      closeDialog();
      await refresh();
    });
    return openDialog(t('admin.device.bindTo', { id: d.id }), dialogForm);
  }

  await refresh();
}

/** A protocol watch has no secret: it is known by its own id (IMEI or registration code). */
function isWatch(device) {
  return (device.protocol || (device.kind === 'WATCH' ? 'WATCH' : 'MQTT')) === 'WATCH';
}
