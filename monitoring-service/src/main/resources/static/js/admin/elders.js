// Administration › elders: profile, care-plan thresholds, home geofence, contacts, travel geofence.
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { genderLabel, vitalLabel } from '../format.js';
import { catalogue } from '../catalogue.js';
import { orgOptions, panel, formGrid, errorBox } from './common.js';
import { contractPanel } from './contracts.js';
import { carePlanProblems } from '../care-plan-problems.js';

const LIMITS = ['criticalLow', 'low', 'high', 'criticalHigh'];

export async function mount(content, ctx) {
  const listBox = h('div', { class: 'table-wrap' });
  const editor = h('div', { id: 'elder-editor' });
  const contractBox = h('div');
  const problemBox = h('div');
  content.append(
    h('div', { class: 'toolbar' }, h('button', { type: 'button', class: 'btn btn-primary', id: 'new-elder', onclick: () => edit(null) }, t('admin.elder.new'))),
    problemBox, editor, panel(t('admin.elder.list'), listBox), contractBox);

  async function refresh() {
    try {
      const list = await api.elders('', 500);
      listBox.replaceChildren(h('table', { class: 'table' },
        h('thead', {}, h('tr', {}, [t('elders.col.name'), t('elders.col.age'), t('elders.col.org'), t('elders.col.status'), ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.map((e) => h('tr', {},
          h('td', {}, h('a', { href: `#/elders/${e.id}` }, e.name), ' ', h('span', { class: 'muted small' }, genderLabel(e.gender))),
          h('td', {}, e.age ?? '—'),
          h('td', {}, e.organization?.name || '—'),
          h('td', {}, t(e.online ? 'elders.online' : 'elders.offline')),
          h('td', {}, h('button', { type: 'button', class: 'btn btn-small', onclick: () => edit(e.id) }, t('admin.edit'))))))));
      contractBox.replaceChildren(await contractPanel(list));
      problemBox.replaceChildren(...[await carePlanProblems(edit)].filter(Boolean));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }

  async function edit(id) {
    let elder = null;
    if (id != null) {
      try {
        elder = await api.elder(id);
      } catch (error) {
        toast(error.message, 'error');
        return;
      }
    }
    editor.replaceChildren(elderForm(elder, ctx.orgs, async () => {
      editor.replaceChildren();
      await refresh();
    }));
    editor.querySelector('input, select')?.focus();
  }

  await refresh();
}

function elderForm(elder, orgs, done) {
  const e = elder || {};
  const plan = e.carePlan || {};
  const home = e.home || {};
  const contacts = h('div', { class: 'contact-rows' });
  let contactIndex = 0;
  const addContact = (c = {}) => {
    const i = contactIndex++;
    const row = h('div', { class: 'form-grid contact-row' },
      field({ name: `contacts.${i}.name`, label: t('admin.contact.name'), value: c.name, required: true }),
      field({ name: `contacts.${i}.relation`, label: t('admin.contact.relation'), value: c.relation, required: true }),
      field({ name: `contacts.${i}.phone`, label: t('admin.contact.phone'), value: c.phone, required: true, type: 'tel' }),
      h('button', { type: 'button', class: 'btn btn-ghost btn-small', onclick: () => row.remove() }, t('admin.remove')));
    contacts.append(row);
  };
  (e.contacts || []).forEach(addContact);

  const thresholdTable = h('table', { class: 'table table-compact threshold-table' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, t('admin.elder.sign')), LIMITS.map((k) => h('th', { scope: 'col' }, t(`threshold.${k}`))))),
    h('tbody', {}, catalogue.planCodes.map((code) => h('tr', {},
      h('th', { scope: 'row' }, vitalLabel(code)),
      LIMITS.map((k) => h('td', {}, thresholdInput(code, k, plan.thresholds?.[code]?.[k])))))));

  const form = h('form', { class: 'panel', id: 'elder-form' },
    h('h2', {}, elder ? t('admin.elder.editTitle', { name: e.name }) : t('admin.elder.new')),
    formGrid(
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(orgs), value: e.organization?.id ?? e.organizationId }),
      field({ name: 'name', label: t('admin.elder.name'), required: true, value: e.name }),
      field({ name: 'gender', label: t('admin.elder.gender'), type: 'select', required: true, value: e.gender, options: [{ value: 'F', label: genderLabel('F') }, { value: 'M', label: genderLabel('M') }] }),
      field({ name: 'birthDate', label: t('admin.elder.birthDate'), type: 'date', required: true, value: e.birthDate }),
      field({ name: 'phone', label: t('admin.elder.phone'), type: 'tel', value: e.phone }),
      field({ name: 'address', label: t('admin.elder.address'), value: e.address, wide: true }),
      field({ name: 'conditions', label: t('admin.elder.conditions'), type: 'list', value: (e.conditions || []).join('，'), hint: t('admin.elder.conditionsHint'), wide: true })),
    h('h3', {}, t('admin.elder.home')),
    formGrid(
      field({ name: 'home.lat', label: t('admin.lat'), type: 'number', min: -90, max: 90, value: home.lat }),
      field({ name: 'home.lon', label: t('admin.lon'), type: 'number', min: -180, max: 180, value: home.lon }),
      field({ name: 'home.radiusM', label: t('admin.radiusM'), type: 'number', min: 10, max: 100000, value: home.radiusM })),
    h('h3', {}, t('elder.carePlan')),
    h('p', { class: 'muted small' }, t('admin.elder.planHint')),
    h('div', { class: 'table-wrap' }, thresholdTable),
    formGrid(
      field({ name: 'carePlan.inactivityHours', label: t('admin.elder.inactivityHours'), type: 'number', min: 1, max: 72, value: plan.inactivityHours }),
      field({ name: 'carePlan.noDataMinutes', label: t('admin.elder.noDataMinutes'), type: 'number', min: 5, max: 10080, value: plan.noDataMinutes })),
    h('h3', {}, t('elder.contacts')),
    contacts,
    h('button', { type: 'button', class: 'btn btn-small', onclick: () => addContact() }, t('admin.contact.add')),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.save')),
      h('button', { type: 'button', class: 'btn btn-ghost', onclick: () => form.remove() }, t('admin.cancel'))));

  bindForm(form, async (values) => {
    const body = { ...values, contacts: Object.values(values.contacts || {}), conditions: values.conditions || [] };
    if (body.home && (body.home.lat == null || body.home.lon == null || body.home.radiusM == null)) throw new Error(t('admin.elder.homeIncomplete'));
    if (elder) {
      await api.admin.updateElder(elder.id, body);
      toast(t('admin.saved'), 'ok');
    } else {
      const created = await api.admin.createElder(body);
      toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
    }
    await done();
  });
  const wrapper = h('div', {}, form);
  if (elder) wrapper.append(travelForm(elder, done));
  return wrapper;
}

function thresholdInput(code, key, value) {
  const input = h('input', {
    type: 'number', step: 'any', name: `carePlan.thresholds.${code}.${key}`, 'aria-label': `${vitalLabel(code)} ${t(`threshold.${key}`)}`,
    dataset: { type: 'number' }, class: 'input-small', value: value ?? '',
  });
  const error = h('p', { class: 'field-error', id: `th-${code}-${key}`, hidden: true });
  input.setAttribute('aria-describedby', error.id);
  return [input, error];
}

function travelForm(elder, done) {
  const travel = elder.travel || {};
  const form = h('form', { class: 'panel', id: 'travel-form' },
    h('h2', {}, t('admin.travel.title')),
    h('p', { class: 'muted small' }, t('admin.travel.hint')),
    formGrid(
      field({ name: 'city', label: t('admin.travel.city'), required: true, value: travel.city }),
      field({ name: 'lat', label: t('admin.lat'), type: 'number', required: true, min: -90, max: 90, value: travel.lat }),
      field({ name: 'lon', label: t('admin.lon'), type: 'number', required: true, min: -180, max: 180, value: travel.lon }),
      field({ name: 'radiusM', label: t('admin.radiusM'), type: 'number', required: true, min: 10, value: travel.radiusM }),
      field({ name: 'until', label: t('admin.travel.until'), type: 'datetime-local', required: true, value: travel.until ? travel.until.slice(0, 16) : '' })),
    h('div', { class: 'form-actions' },
      h('button', { type: 'submit', class: 'btn btn-primary' }, t('admin.save')),
      elder.travel ? h('button', {
        type: 'button', class: 'btn',
        onclick: async () => {
          try {
            await api.admin.clearTravel(elder.id);
            toast(t('admin.saved'), 'ok');
            await done();
          } catch (error) {
            toast(error.message, 'error');
          }
        },
      }, t('admin.travel.clear')) : null));
  bindForm(form, async (values) => {
    await api.admin.setTravel(elder.id, { ...values, until: new Date(values.until).toISOString() });
    toast(t('admin.saved'), 'ok');
    await done();
  });
  return form;
}
