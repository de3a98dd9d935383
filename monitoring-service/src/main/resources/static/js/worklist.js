// A family doctor's home page: open early-warning / abnormal-vital incidents of the contracted elders
// and their follow-ups due or overdue, most urgent first (the server sorts and scopes).
import { t } from './i18n.js';
import { h, icon, toast } from './dom.js';
import { field, bindForm } from './forms.js';
import { ago, kindLabel } from './format.js';
import { clinicalApi } from './clinical-api.js';

export async function mount(main, ctx) {
  const list = h('ol', { class: 'worklist', id: 'worklist', 'aria-live': 'polite' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('worklist.title')),
    h('p', { class: 'muted' }, t('worklist.intro'))), list);
  if (ctx.me.role === 'DOCTOR' && !ctx.me.apiKey) main.append(await channelSettings());
  const items = await clinicalApi.worklist();
  if (!items.length) {
    list.replaceWith(h('p', { class: 'empty', id: 'worklist-empty' }, t('worklist.empty')));
    return null;
  }
  list.replaceChildren(...items.map(row));
  return null;
}

/** The doctor's own, optional SMS number or webhook for early warnings of their elders. */
async function channelSettings() {
  const current = await clinicalApi.alertChannel().catch(() => null);
  const form = h('form', { class: 'form', id: 'alert-channel-form' },
    h('div', { class: 'form-row' },
      field({ name: 'channel', label: t('worklist.channel'), type: 'select', required: true, value: current?.channel || 'SMS',
        options: ['SMS', 'WEBHOOK'].map((c) => ({ value: c, label: t(`channel.${c}`) })) }),
      field({ name: 'address', label: t('worklist.channelAddress'), required: true, value: current?.address, maxlength: 500 }),
      field({ name: 'enabled', label: t('worklist.channelEnabled'), type: 'select', value: String(current ? current.enabled : true),
        options: [{ value: 'true', label: t('worklist.on') }, { value: 'false', label: t('worklist.off') }] })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, t('worklist.channelSave'))));
  bindForm(form, async (values) => {
    await clinicalApi.saveAlertChannel({ channel: values.channel, address: values.address, enabled: values.enabled === 'true' });
    toast(t('worklist.channelSaved'), 'success');
  });
  return h('details', { class: 'panel', id: 'alert-channel' }, h('summary', {}, t('worklist.channelTitle')),
    h('p', { class: 'muted small' }, t('worklist.channelHint')), form);
}

function row(item) {
  const incident = item.type === 'INCIDENT';
  const level = incident ? item.severity : (item.status === 'OVERDUE' ? 'HIGH' : 'LOW');
  const what = incident
    ? h('span', {}, icon('alert'), ' ', kindLabel(item.kind), ' · ', item.title, ' · ', h('span', { class: 'muted' }, ago(item.openedAt)))
    : h('span', {}, icon('clock'), ' ', t('worklist.followUp', { condition: item.conditionName, code: item.icd10 }), ' · ',
      item.status === 'OVERDUE'
        ? h('strong', { class: 'text-critical' }, t('worklist.overdue', { n: item.overdueDays, date: item.dueOn }))
        : h('span', {}, t('worklist.due', { date: item.dueOn })));
  return h('li', { class: `worklist-item sev-${level.toLowerCase()}`, dataset: { type: item.type, elderId: item.elderId } },
    h('span', { class: `badge badge-${level.toLowerCase()}` }, incident ? t(`severity.${item.severity}`, null, item.severity) : t(`worklist.${item.status}`)),
    h('a', { class: 'worklist-elder', href: `#/elders/${item.elderId}` }, item.elderName,
      item.elderAge != null ? h('span', { class: 'muted small' }, ` ${t('elder.ageYears', { n: item.elderAge })}`) : null),
    what);
}
