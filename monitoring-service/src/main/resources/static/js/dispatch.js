// Dispatch to the doorstep from the board: pick a responder (or type a volunteer's phone), add a note;
// the responder gets an SMS with a link to the mobile responder page. The card shows how far they got.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, openDialog, closeDialog, toast } from './dom.js';
import { field, bindForm } from './forms.js';
import { dateTime } from './format.js';
import { helpApi } from './helpcenter-api.js';

/** Options for a responder select: accounts of the viewer's organizations. */
export async function responderOptions() {
  try {
    return (await helpApi.responders()).map((r) => ({ value: r.id, label: r.phone ? `${r.displayName} · ${r.phone}` : r.displayName }));
  } catch {
    return [];
  }
}

/** Sends the responder (values: responderUserId | responderPhone + responderName, note); returns the dispatch. */
export async function sendResponder(alertId, values) {
  const body = { note: values.note };
  if (values.responderUserId) body.responderUserId = Number(values.responderUserId);
  else {
    body.responderPhone = values.responderPhone;
    body.responderName = values.responderName;
  }
  return helpApi.dispatch(alertId, body);
}

export async function openDispatch(alert, store) {
  const options = await responderOptions();
  const form = h('form', { id: 'dispatch-form', class: 'form-grid' },
    field({ name: 'responderUserId', label: t('dispatch.responder'), type: 'select', optional: true, optionalLabel: t('dispatch.byPhone'), options, value: options[0]?.value }),
    field({ name: 'responderPhone', label: t('dispatch.phone'), type: 'tel', hint: t('dispatch.phoneHint') }),
    field({ name: 'responderName', label: t('dispatch.name') }),
    field({ name: 'note', label: t('dispatch.note'), type: 'textarea', rows: 3, wide: true }),
    h('div', { class: 'form-actions field-wide' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'dispatch-submit' }, icon('user'), t('dispatch.send'))));
  bindForm(form, async (values) => {
    const dispatch = await sendResponder(alert.id, values);
    closeDialog();
    toast(t('dispatch.sent', { name: dispatch.responderName }), 'ok');
    store?.update(await api.alert(alert.id));
  });
  return openDialog(t('dispatch.title', { name: alert.elder?.name || '' }), form);
}

/** One line on the incident card: who was sent, and on my way / arrived / done with times. */
export function dispatchLine(alert) {
  const d = alert.dispatch;
  if (!d) return null;
  const times = [
    [t('dispatch.at'), d.dispatchedAt], [t('dispatch.departed'), d.departedAt], [t('dispatch.arrived'), d.arrivedAt],
  ].filter(([, at]) => at).map(([label, at]) => `${label} ${dateTime(at)}`).join(' · ');
  return h('p', { class: `dispatch-line dispatch-${d.status.toLowerCase()}`, dataset: { dispatchStatus: d.status } },
    icon('user'), h('strong', {}, d.responderName), ' ', h('span', { class: 'pill' }, t(`dispatch.status.${d.status}`)),
    ' ', h('span', { class: 'muted small' }, times));
}
