// A family doctor's home page: open early-warning / abnormal-vital incidents of the contracted elders
// and their follow-ups due or overdue, most urgent first (the server sorts and scopes).
import { t } from './i18n.js';
import { h, icon } from './dom.js';
import { ago, kindLabel } from './format.js';
import { clinicalApi } from './clinical-api.js';

export async function mount(main) {
  const list = h('ol', { class: 'worklist', id: 'worklist', 'aria-live': 'polite' });
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('worklist.title')),
    h('p', { class: 'muted' }, t('worklist.intro'))), list);
  const items = await clinicalApi.worklist();
  if (!items.length) {
    list.replaceWith(h('p', { class: 'empty', id: 'worklist-empty' }, t('worklist.empty')));
    return null;
  }
  list.replaceChildren(...items.map(row));
  return null;
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
