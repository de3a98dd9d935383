// Admin warning: elders whose stored care plan cannot be read. The gateway classifies them with the
// defaults for their age (nothing fails), but their own thresholds are not in force until fixed.
import { api } from './api.js';
import { t } from './i18n.js';
import { h } from './dom.js';

/** A warning panel listing unreadable care plans, or null when there are none (or the check fails). */
export async function carePlanProblems(onEdit) {
  let list;
  try {
    list = await api.admin.unreadableCarePlans();
  } catch {
    return null;
  }
  if (!list.length) return null;
  return h('section', { class: 'panel error-box', id: 'care-plan-problems', role: 'alert' },
    h('h2', {}, t('admin.carePlanProblems.title', { count: list.length })),
    h('p', {}, t('admin.carePlanProblems.hint')),
    h('ul', {}, list.map((p) => h('li', { dataset: { elderId: p.elderId } },
      h('strong', {}, p.name), ` (${p.organization}): `, h('code', {}, p.reason), ' ',
      h('button', { type: 'button', class: 'btn btn-small', onclick: () => onEdit(p.elderId) }, t('admin.edit'))))));
}
