// "New call" from the board: a phone call about an elder becomes an incident (CALL_SOS, CALL_HEALTH,
// CALL_SERVICE with a service kind), optionally dispatched to a responder in the same step.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, openDialog, closeDialog, toast } from './dom.js';
import { field, bindForm } from './forms.js';
import { catalogue } from './catalogue.js';
import { responderOptions, sendResponder } from './dispatch.js';
import { helpApi } from './helpcenter-api.js';
import { elderPicker } from './elder-picker.js';

export async function openCallForm(store) {
  const responders = await responderOptions();
  const kinds = catalogue.callKinds.map((k) => ({ value: k, label: t(`kind.${k}`, null, k) }));
  const services = catalogue.serviceKinds.map((k) => ({ value: k, label: t(`serviceKind.${k}`, null, k) }));
  const serviceField = field({ name: 'serviceKind', label: t('call.serviceKind'), type: 'select', options: services });
  serviceField.hidden = true;
  serviceField.dataset.skip = '';
  const form = h('form', { id: 'call-form', class: 'form-grid' },
    elderPicker({ prefix: 'call-elder', required: true }).element,
    field({ name: 'kind', label: t('call.kind'), type: 'select', required: true, options: kinds, value: 'CALL_SOS' }),
    serviceField,
    field({ name: 'note', label: t('call.note'), type: 'textarea', rows: 3, required: true, wide: true }),
    field({ name: 'callerPhone', label: t('call.callerPhone'), type: 'tel' }),
    field({ name: 'callerRelation', label: t('call.callerRelation') }),
    field({ name: 'responderUserId', label: t('call.dispatchTo'), type: 'select', optional: true, optionalLabel: t('call.noDispatch'), options: responders }),
    h('div', { class: 'form-actions field-wide' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'call-submit' }, icon('phone'), t('call.submit'))));
  form.kind.addEventListener('change', () => {
    const service = form.kind.value === 'CALL_SERVICE';
    serviceField.hidden = !service;
    if (service) delete serviceField.dataset.skip;
    else serviceField.dataset.skip = '';
  });
  bindForm(form, async (values) => {
    if (!values.elderId) throw new Error(t('call.noElder'));
    const { responderUserId, ...call } = values;
    const logged = await helpApi.logCall(call);
    store?.update(logged);
    if (responderUserId) {
      const dispatch = await sendResponder(logged.id, { responderUserId, note: call.note });
      toast(t('call.loggedAndSent', { name: dispatch.responderName }), 'ok');
      store?.update(await api.alert(logged.id));
    } else {
      toast(t('call.logged'), 'ok');
    }
    closeDialog();
  });
  return openDialog(t('call.title'), form);
}
