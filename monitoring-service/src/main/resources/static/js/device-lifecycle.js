// Device lifecycle in the admin devices view: disable / enable a device. Disabling ends the device's
// live connection within seconds on whichever gateway holds it and refuses it until it is enabled.
import { request } from './api.js';
import { t } from './i18n.js';
import { h, toast } from './dom.js';

const path = (id, action) => `/api/v1/admin/devices/${encodeURIComponent(id)}/${action}`;

export const deviceLifecycle = {
  disable: (id) => request('POST', path(id, 'disable'), {}),
  enable: (id) => request('POST', path(id, 'enable'), {}),
};

/** The state label and the disable/enable button of one device row. */
export function lifecycleCell(device, refresh) {
  const enabled = device.enabled !== false;
  const state = h('span', { class: enabled ? 'muted small' : 'pill pill-critical' },
    t(enabled ? 'admin.device.enabled' : 'admin.device.disabled'));
  const button = h('button', {
    type: 'button',
    class: enabled ? 'btn btn-small btn-warn' : 'btn btn-small',
    dataset: { action: enabled ? 'disable' : 'enable', deviceId: device.id },
    onclick: async () => {
      if (enabled && !confirm(t('admin.device.disableConfirm', { id: device.id }))) return;
      try {
        await (enabled ? deviceLifecycle.disable(device.id) : deviceLifecycle.enable(device.id));
        toast(t(enabled ? 'admin.device.disabledToast' : 'admin.device.enabledToast', { id: device.id }), 'ok');
        await refresh();
      } catch (error) {
        toast(error.message, 'error');
      }
    },
  }, t(enabled ? 'admin.device.disable' : 'admin.device.enable'));
  return h('td', { class: 'nowrap' }, state, ' ', button);
}
