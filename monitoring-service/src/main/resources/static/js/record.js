// The clinical part of the elder page for family doctors: health record (健康档案), care plan with the
// age defaults beside it, follow-ups, and the printable monthly report. Mounted by trends.js.
import { t } from './i18n.js';
import { h, icon, toast } from './dom.js';
import { dateTime, vitalLabel } from './format.js';
import { field, bindForm } from './forms.js';
import { clinicalApi, thisMonth, today } from './clinical-api.js';

const EDITORS = ['DOCTOR', 'ADMIN'];
const BLOOD_TYPES = ['A', 'B', 'AB', 'O', 'A-', 'B-', 'AB-', 'O-', 'UNKNOWN'];
const CARE_LEVELS = ['SELF_CARE', 'MILD', 'MODERATE', 'SEVERE'];
const PLAN_CODES = ['HR', 'SPO2', 'SBP', 'DBP', 'TEMP', 'RR', 'GLU'];
const BOUNDS = ['criticalLow', 'low', 'high', 'criticalHigh'];

export function mountClinical(container, elderId, me) {
  const canEdit = EDITORS.includes(me.role);
  const recordBox = h('section', { class: 'panel', id: 'health-record' });
  const planBox = h('section', { class: 'panel', id: 'care-plan' });
  const followBox = h('section', { class: 'panel', id: 'follow-ups' });
  const month = h('input', { type: 'month', id: 'report-month', value: thisMonth(), 'aria-label': t('report.month') });
  const link = h('a', { class: 'btn btn-primary', id: 'report-link', target: '_blank', rel: 'noopener' }, icon('download'), t('report.print'));
  const setLink = () => { link.href = clinicalApi.reportUrl(elderId, month.value || thisMonth()); };
  month.addEventListener('change', setLink);
  setLink();
  container.append(h('div', { class: 'page-head' }, h('h2', {}, t('record.title')),
    h('label', { class: 'inline-field' }, t('report.month'), ' ', month), link),
  recordBox, planBox, followBox);

  const reload = () => Promise.all([loadRecord(), loadPlan(), loadFollowUps()]);
  reload();

  async function loadRecord() {
    try {
      const record = await clinicalApi.record(elderId);
      recordBox.replaceChildren(...recordView(record, canEdit, () => editRecord(record)));
    } catch (error) {
      recordBox.replaceChildren(failed(error));
    }
  }

  async function editRecord(record) {
    const catalogue = await clinicalApi.catalogue().catch(() => []);
    recordBox.replaceChildren(recordForm(record, catalogue, async (body) => {
      await clinicalApi.saveRecord(elderId, body);
      toast(t('record.saved'), 'success');
      await reload();
    }, loadRecord));
  }

  async function loadPlan() {
    try {
      const plan = await clinicalApi.carePlan(elderId);
      planBox.replaceChildren(...planView(plan, canEdit, async (carePlan) => {
        await clinicalApi.saveCarePlan(elderId, carePlan);
        toast(t('carePlan.saved'), 'success');
        await loadPlan();
      }));
    } catch (error) {
      planBox.replaceChildren(failed(error));
    }
  }

  async function loadFollowUps() {
    try {
      const data = await clinicalApi.followUps(elderId);
      followBox.replaceChildren(...followUpView(data, canEdit, async (body) => {
        await clinicalApi.recordFollowUp(elderId, body);
        toast(t('followUp.saved'), 'success');
        await reload();
      }));
    } catch (error) {
      followBox.replaceChildren(failed(error));
    }
  }
}

function failed(error) {
  return h('p', { class: 'error-box', role: 'alert' }, t('common.loadFailed', { message: error.message }));
}

function recordView(r, canEdit, onEdit) {
  return [
    h('div', { class: 'page-head' }, h('h3', {}, t('record.heading')),
      canEdit ? h('button', { type: 'button', class: 'btn', id: 'record-edit', onclick: onEdit }, t('record.edit')) : null),
    h('dl', { class: 'record-facts' },
      h('dt', {}, t('record.bloodType')), h('dd', { id: 'record-blood' }, r.bloodType ? t(`bloodType.${r.bloodType}`, null, r.bloodType) : '—'),
      h('dt', {}, t('record.careLevel')), h('dd', {}, r.careLevel ? t(`careLevel.${r.careLevel}`) : '—'),
      h('dt', {}, t('record.allergies')), h('dd', { id: 'record-allergies' }, r.allergies.length ? r.allergies.join('、') : t('record.none'))),
    h('h4', {}, t('record.conditions')),
    r.conditions.length
      ? h('table', { class: 'table table-compact', id: 'record-conditions' },
        h('thead', {}, h('tr', {}, [t('record.icd10'), t('record.conditionName'), t('record.diagnosedOn'), t('record.followUpDays'), t('record.nextFollowUp')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, r.conditions.map((c) => h('tr', {}, h('td', {}, c.icd10), h('td', {}, c.name), h('td', {}, c.diagnosedOn || '—'),
          h('td', {}, c.followUpDays ?? '—'), h('td', {}, c.nextFollowUp || '—')))))
      : h('p', { class: 'muted' }, t('record.none')),
    h('h4', {}, t('record.medications')),
    r.medications.length
      ? h('ul', { class: 'plain-list', id: 'record-medications' }, r.medications.map((m) => h('li', {}, [m.name, m.dose, m.schedule].filter(Boolean).join(' · '))))
      : h('p', { class: 'muted' }, t('record.none')),
    r.notes ? h('p', { class: 'notes' }, r.notes) : null,
    h('p', { class: 'muted small' }, r.updatedAt ? t('record.updated', { who: r.updatedBy || '—', at: dateTime(r.updatedAt) }) : t('record.neverEdited')),
  ];
}

function recordForm(r, catalogue, save, cancel) {
  const datalist = h('datalist', { id: 'icd10-catalogue' }, catalogue.map((c) => h('option', { value: c.icd10, label: `${c.nameZh} · ${c.nameEn}` })));
  const conditionRows = h('div', { class: 'rows', id: 'condition-rows' });
  const medicationRows = h('div', { class: 'rows', id: 'medication-rows' });
  const addCondition = (c = {}) => {
    const row = h('div', { class: 'form-row condition-row' });
    const code = field({ name: 'icd10', label: t('record.icd10'), value: c.icd10, required: true, pattern: '[A-Z][0-9]{2}(\\.[0-9A-Z]{1,4})?', placeholder: 'I10' });
    code.querySelector('input').setAttribute('list', 'icd10-catalogue');
    const name = field({ name: 'name', label: t('record.conditionName'), value: c.name, required: true, maxlength: 100 });
    const days = field({ name: 'followUpDays', label: t('record.followUpDays'), type: 'number', min: 1, max: 3650, step: 1, value: c.followUpDays });
    code.querySelector('input').addEventListener('change', (e) => {
      const hit = catalogue.find((x) => x.icd10 === e.target.value.trim().toUpperCase());
      if (!hit) return;
      const nameInput = name.querySelector('input');
      if (!nameInput.value) nameInput.value = hit.nameZh;
      const daysInput = days.querySelector('input');
      if (!daysInput.value && hit.followUpDays) daysInput.value = hit.followUpDays;
    });
    row.append(code, name,
      field({ name: 'diagnosedOn', label: t('record.diagnosedOn'), type: 'date', value: c.diagnosedOn }), days,
      field({ name: 'nextFollowUp', label: t('record.nextFollowUp'), type: 'date', value: c.nextFollowUp }),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { row.remove(); renumber(); } }, t('record.remove')));
    conditionRows.append(row);
    renumber();
  };
  const addMedication = (m = {}) => {
    const row = h('div', { class: 'form-row medication-row' },
      field({ name: 'name', label: t('record.medicationName'), value: m.name, required: true, maxlength: 100 }),
      field({ name: 'dose', label: t('record.dose'), value: m.dose, maxlength: 100 }),
      field({ name: 'schedule', label: t('record.schedule'), value: m.schedule, maxlength: 100 }));
    row.append(h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => { row.remove(); renumber(); } }, t('record.remove')));
    medicationRows.append(row);
    renumber();
  };
  // Names follow the server's field paths (conditions[0].icd10), so its errors land next to the field.
  function renumber() {
    [[conditionRows, 'conditions'], [medicationRows, 'medications']].forEach(([rows, list]) => {
      [...rows.children].forEach((row, i) => row.querySelectorAll('[name]').forEach((el) => {
        el.name = `${list}[${i}].${el.name.replace(/^.*\./, '')}`;
      }));
    });
  }
  const form = h('form', { class: 'form', id: 'record-form' },
    datalist,
    h('div', { class: 'form-row' },
      field({ name: 'bloodType', label: t('record.bloodType'), type: 'select', optional: true, value: r.bloodType,
        options: BLOOD_TYPES.map((b) => ({ value: b, label: t(`bloodType.${b}`, null, b) })) }),
      field({ name: 'careLevel', label: t('record.careLevel'), type: 'select', optional: true, value: r.careLevel,
        options: CARE_LEVELS.map((c) => ({ value: c, label: t(`careLevel.${c}`) })) }),
      field({ name: 'allergies', label: t('record.allergies'), type: 'list', value: r.allergies.join('、'), hint: t('record.listHint') })),
    h('h4', {}, t('record.conditions')), conditionRows,
    h('button', { type: 'button', class: 'btn', id: 'add-condition', onclick: () => addCondition() }, t('record.addCondition')),
    h('h4', {}, t('record.medications')), medicationRows,
    h('button', { type: 'button', class: 'btn', id: 'add-medication', onclick: () => addMedication() }, t('record.addMedication')),
    field({ name: 'notes', label: t('record.notes'), type: 'textarea', value: r.notes, wide: true }),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary', id: 'record-save' }, t('record.save')),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: cancel }, t('record.cancel'))));
  r.conditions.forEach(addCondition);
  r.medications.forEach(addMedication);
  return bindForm(form, (values) => save({
    bloodType: values.bloodType ?? null,
    careLevel: values.careLevel ?? null,
    allergies: values.allergies ?? [],
    notes: values.notes ?? null,
    conditions: rowsOf(conditionRows, (get) => ({ icd10: get('icd10').toUpperCase(), name: get('name'),
      diagnosedOn: get('diagnosedOn') || null, followUpDays: get('followUpDays') ? Number(get('followUpDays')) : null,
      nextFollowUp: get('nextFollowUp') || null })),
    medications: rowsOf(medicationRows, (get) => ({ name: get('name'), dose: get('dose') || null, schedule: get('schedule') || null })),
  }));
}

function rowsOf(rows, build) {
  return [...rows.children].map((row) => build((name) => {
    const el = [...row.querySelectorAll('[name]')].find((x) => x.name.endsWith(`.${name}`));
    return el ? el.value.trim() : '';
  }));
}

function planView(plan, canEdit, save) {
  const defaults = plan.defaults?.thresholds || {};
  const stored = plan.stored?.thresholds || {};
  const form = h('form', { class: 'form', id: 'care-plan-form' },
    h('table', { class: 'table table-compact care-plan-table' },
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, ''), BOUNDS.map((b) => h('th', { scope: 'col' }, t(`threshold.${b}`))),
        h('th', { scope: 'col' }, t('carePlan.defaults')))),
      h('tbody', {}, PLAN_CODES.map((code) => h('tr', {},
        h('th', { scope: 'row' }, vitalLabel(code)),
        BOUNDS.map((b) => h('td', {}, h('input', {
          type: 'number', step: 'any', name: `${code}.${b}`, class: 'plan-input', disabled: !canEdit,
          value: stored[code]?.[b], placeholder: defaults[code]?.[b] ?? '', 'aria-label': `${vitalLabel(code)} ${t(`threshold.${b}`)}`,
        }))),
        h('td', { class: 'muted small' }, BOUNDS.map((b) => defaults[code]?.[b] ?? '–').join(' / ')))))),
    h('p', { class: 'muted small' }, t('carePlan.hint', { age: plan.age })),
    h('p', { class: 'form-error', role: 'alert', hidden: true }),
    canEdit ? h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'care-plan-save' }, t('carePlan.save'))) : null);
  bindForm(form, () => {
    const thresholds = {};
    form.querySelectorAll('.plan-input').forEach((el) => {
      if (el.value === '') return;
      const [code, bound] = el.name.split('.');
      thresholds[code] = { ...(thresholds[code] || {}), [bound]: Number(el.value) };
    });
    return save({ ...plan.stored, thresholds });
  });
  return [
    h('h3', {}, t('carePlan.title')),
    form,
    h('details', { id: 'care-plan-history' }, h('summary', {}, t('carePlan.history', { n: plan.history.length })),
      h('ul', { class: 'plain-list' }, plan.history.map((c) => h('li', {}, `${dateTime(c.at)} · ${c.username} · `,
        h('code', {}, JSON.stringify(c.after.thresholds || {})))))),
  ];
}

function followUpView(data, canEdit, save) {
  const form = h('form', { class: 'form', id: 'follow-up-form' },
    h('div', { class: 'form-row' },
      field({ name: 'icd10', label: t('followUp.condition'), type: 'select', optional: true, optionalLabel: t('followUp.general'),
        options: data.plan.map((p) => ({ value: p.icd10, label: `${p.icd10} ${p.name}` })) }),
      field({ name: 'doneOn', label: t('followUp.doneOn'), type: 'date', required: true, value: today(), max: today() }),
      field({ name: 'way', label: t('followUp.way'), type: 'select', required: true, value: 'VISIT',
        options: ['VISIT', 'PHONE', 'CLINIC'].map((w) => ({ value: w, label: t(`followUp.way.${w}`) })) }),
      field({ name: 'sbp', label: t('followUp.sbp'), type: 'number', min: 50, max: 260, step: 1 }),
      field({ name: 'dbp', label: t('followUp.dbp'), type: 'number', min: 30, max: 160, step: 1 }),
      field({ name: 'glucose', label: t('followUp.glucose'), type: 'number', min: 1, max: 35, step: 0.1 }),
      field({ name: 'nextDue', label: t('followUp.nextDue'), type: 'date' })),
    field({ name: 'notes', label: t('followUp.notes'), type: 'textarea', rows: 2, wide: true }),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'follow-up-save' }, t('followUp.save'))));
  bindForm(form, (values) => save(values));
  return [
    h('h3', {}, t('followUp.title')),
    data.plan.some((p) => p.nextFollowUp)
      ? h('ul', { class: 'plain-list', id: 'follow-up-plan' }, data.plan.filter((p) => p.nextFollowUp).map((p) => h('li', {},
        t('followUp.planLine', { name: p.name, days: p.followUpDays, date: p.nextFollowUp }))))
      : h('p', { class: 'muted' }, t('followUp.noPlan')),
    data.done.length
      ? h('table', { class: 'table table-compact', id: 'follow-up-list' },
        h('thead', {}, h('tr', {}, [t('followUp.doneOn'), t('followUp.way'), t('followUp.condition'), t('followUp.bp'), t('followUp.glucose'), t('followUp.notes'), t('followUp.doctor')].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, data.done.map((f) => h('tr', {}, h('td', {}, f.doneOn), h('td', {}, t(`followUp.way.${f.way}`)), h('td', {}, f.icd10 || '—'),
          h('td', {}, f.sbp ? `${f.sbp}/${f.dbp ?? '—'}` : '—'), h('td', {}, f.glucose ?? '—'), h('td', {}, f.notes || ''), h('td', {}, f.doctorName)))))
      : h('p', { class: 'muted' }, t('followUp.none')),
    canEdit ? h('details', { id: 'follow-up-new' }, h('summary', {}, t('followUp.record')), form) : null,
  ];
}
