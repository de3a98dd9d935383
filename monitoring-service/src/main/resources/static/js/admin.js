// Administration (role ADMIN): elders with care plan and home geofence, devices (register, bind, rotate
// secret — secrets are shown once), users, organizations, partners (webhook/SMS endpoints, API keys) and
// escalation policies. Everything is scoped on the server below the admin's organization.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, toast, openDialog, closeDialog } from './dom.js';
import { field, bindForm } from './forms.js';
import { ago, genderLabel, roleLabel, vitalLabel } from './format.js';
import { battery } from './elders.js';
import { carePlanProblems } from './care-plan-problems.js';
import { parkedEvents } from './admin-parked.js';
import { accountActions } from './admin-accounts.js';
import { audit, storage } from './admin-audit.js';

const TABS = ['elders', 'devices', 'users', 'organizations', 'partners', 'policies', 'audit', 'storage', 'parked'];
const PLAN_CODES = ['HR', 'SPO2', 'SBP', 'DBP', 'TEMP', 'RR', 'GLU'];
const LIMITS = ['criticalLow', 'low', 'high', 'criticalHigh'];
const ROLES = ['CARE_STAFF', 'DISTRICT_STAFF', 'DOCTOR', 'ADMIN', 'PARTNER'];
const ORG_KINDS = ['CITY', 'DISTRICT', 'STREET', 'COMMUNITY_CENTER', 'MEDICAL_PARTNER', 'OPERATOR'];
const DEVICE_KINDS = ['HANDSET', 'WRISTBAND', 'PENDANT'];

export async function mount(main, ctx) {
  const tab = TABS.includes(ctx.params[0]) ? ctx.params[0] : 'elders';
  const content = h('div', { class: 'admin-content', id: `admin-${tab}` });
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('admin.title'))),
    h('nav', { class: 'tabs', 'aria-label': t('admin.sections') },
      TABS.map((name) => h('a', { href: `#/admin/${name}`, class: 'tab', 'aria-current': name === tab ? 'page' : null }, t(`admin.tab.${name}`)))),
    content);
  const orgs = await loadOrganizations();
  const page = { elders, devices, users, organizations, partners, policies, audit, storage, parked: parkedEvents }[tab];
  await page(content, { ...ctx, orgs });
}

async function loadOrganizations() {
  try {
    const list = await api.admin.organizations();
    return orderTree(Array.isArray(list) ? list : list.organizations || []);
  } catch {
    return [];
  }
}

/** Depth-first order with a depth per node, whatever order the server returned. */
function orderTree(list) {
  const byParent = new Map();
  const ids = new Set(list.map((o) => o.id));
  for (const o of list) {
    const parent = ids.has(o.parentId) ? o.parentId : null;
    if (!byParent.has(parent)) byParent.set(parent, []);
    byParent.get(parent).push(o);
  }
  const out = [];
  const walk = (parent, depth) => (byParent.get(parent) || []).forEach((o) => {
    out.push({ ...o, depth });
    walk(o.id, depth + 1);
  });
  walk(null, 0);
  return out;
}

function orgName(orgs, id) {
  return orgs.find((o) => o.id === id)?.name || (id != null ? `#${id}` : '—');
}

function orgOptions(orgs) {
  return orgs.map((o) => ({ value: o.id, label: `${'　'.repeat(o.depth)}${o.name}` }));
}

function panel(title, ...content) {
  return h('section', { class: 'panel' }, h('h2', {}, title), content);
}

function formGrid(...fields) {
  return h('div', { class: 'form-grid' }, fields);
}

function submitRow(label) {
  return h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary' }, label));
}

function errorBox(error) {
  return h('p', { class: 'error-box', role: 'alert' }, t('common.loadFailed', { message: error.message }));
}

/** A secret or key is shown exactly once: big, copyable, with a warning. */
export function showSecret(title, label, secret) {
  const code = h('code', { class: 'secret', id: 'secret-value', tabindex: '0' }, secret);
  const copy = h('button', {
    type: 'button', class: 'btn', id: 'copy-secret',
    onclick: async () => {
      try {
        await navigator.clipboard.writeText(secret);
      } catch {
        const range = document.createRange();
        range.selectNodeContents(code);
        getSelection().removeAllRanges();
        getSelection().addRange(range);
        document.execCommand('copy');
      }
      toast(t('admin.copied'), 'ok');
    },
  }, icon('copy'), t('admin.copy'));
  return openDialog(title,
    h('p', { class: 'warning' }, icon('alert'), t('admin.secretOnce')),
    h('p', {}, label),
    h('div', { class: 'secret-row' }, code, copy),
    h('div', { class: 'form-actions' }, h('button', { type: 'button', class: 'btn btn-primary', onclick: closeDialog }, t('admin.secretSaved'))));
}

// ---- Elders -------------------------------------------------------------------------------------

async function elders(content, ctx) {
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
    h('tbody', {}, PLAN_CODES.map((code) => h('tr', {},
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

async function contractPanel(elderList) {
  let doctors = [];
  try {
    doctors = (await api.admin.users()).filter((u) => u.role === 'DOCTOR');
  } catch {
    doctors = [];
  }
  const form = h('form', { id: 'contract-form' },
    formGrid(
      field({ name: 'elderId', label: t('admin.contract.elder'), type: 'select', dataType: 'id', required: true, optional: true, options: elderList.map((e) => ({ value: e.id, label: e.name })) }),
      field({ name: 'doctorUserId', label: t('admin.contract.doctor'), type: 'select', dataType: 'id', required: true, optional: true, options: doctors.map((u) => ({ value: u.id, label: u.displayName })) }),
      field({ name: 'validFrom', label: t('admin.contract.from'), type: 'date' }),
      field({ name: 'validTo', label: t('admin.contract.to'), type: 'date' })),
    submitRow(t('admin.contract.create')));
  const listBox = h('div', { class: 'table-wrap' });
  async function refresh() {
    try {
      const contracts = await api.admin.contracts();
      listBox.replaceChildren(contracts.length
        ? simpleTable('contract-table', [t('admin.contract.elder'), t('admin.contract.doctor'), t('admin.contract.from'), t('admin.contract.to')],
          contracts.map((c) => [c.elderName, c.doctorName, c.validFrom || '—', c.validTo || '—']))
        : h('p', { class: 'muted' }, t('admin.contract.none')));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }
  bindForm(form, async (values) => {
    const created = await api.admin.createDoctorContract(values);
    toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
    form.reset();
    await refresh();
  });
  await refresh();
  return panel(t('admin.contract.title'), h('p', { class: 'muted small' }, t('admin.contract.hint')), listBox, form);
}

function simpleTable(id, headers, rows) {
  return h('table', { class: 'table', id },
    h('thead', {}, h('tr', {}, headers.map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c))))));
}

// ---- Devices ------------------------------------------------------------------------------------

async function devices(content, ctx) {
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
      field({ name: 'kind', label: t('admin.device.kind'), type: 'select', required: true, options: DEVICE_KINDS.map((k) => ({ value: k, label: t(`deviceKind.${k}`) })) }),
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
        h('thead', {}, h('tr', {}, [t('admin.device.id'), t('admin.device.kind'), t('admin.device.elder'), t('elders.col.status'), t('elders.col.battery'), t('elders.col.lastSeen'), t('admin.device.bind'), ''].map((c) => h('th', { scope: 'col' }, c)))),
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

// ---- Users --------------------------------------------------------------------------------------

async function users(content, ctx) {
  const listBox = h('div', { class: 'table-wrap' });
  const filter = h('select', { 'aria-label': t('admin.organization'), id: 'user-org-filter' },
    h('option', { value: '' }, t('admin.allOrganizations')),
    orgOptions(ctx.orgs).map((o) => h('option', { value: o.value }, o.label)));
  const form = h('form', { id: 'user-form' },
    formGrid(
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'username', label: t('login.username'), required: true, pattern: '[A-Za-z0-9._\\-]{3,64}', hint: t('admin.user.usernameHint') }),
      field({ name: 'displayName', label: t('admin.user.displayName'), required: true }),
      field({ name: 'password', label: t('login.password'), type: 'password', required: true, minlength: 10, autocomplete: 'new-password', hint: t('admin.user.passwordHint') }),
      field({ name: 'role', label: t('admin.user.role'), type: 'select', required: true, options: ROLES.map((r) => ({ value: r, label: roleLabel(r) })) }),
      field({ name: 'phone', label: t('admin.elder.phone'), type: 'tel' })),
    submitRow(t('admin.user.create')));
  bindForm(form, async (values) => {
    const created = await api.admin.createUser(values);
    toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
    form.reset();
    await refresh();
  });
  content.append(panel(t('admin.user.createTitle'), form),
    panel(t('admin.user.list'), h('label', { class: 'inline-field' }, h('span', {}, t('admin.organization')), filter), listBox));

  async function refresh() {
    try {
      const list = (await api.admin.users()).filter((u) => !filter.value || String(u.organizationId) === filter.value);
      listBox.replaceChildren(simpleTable('user-table', [t('login.username'), t('admin.user.displayName'), t('admin.user.role'), t('admin.organization'), t('admin.user.enabled'), ''],
        list.map((u) => [h('span', { class: 'mono' }, u.username), u.displayName, roleLabel(u.role), orgName(ctx.orgs, u.organizationId),
          u.enabled === false ? t('admin.disabled') : t('admin.enabled'), accountActions(u, refresh)])));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }
  filter.addEventListener('change', refresh);
  await refresh();
}

// ---- Organizations ------------------------------------------------------------------------------

async function organizations(content, ctx) {
  const form = h('form', { id: 'org-form' },
    formGrid(
      field({ name: 'parentId', label: t('admin.org.parent'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'kind', label: t('admin.org.kind'), type: 'select', required: true, options: ORG_KINDS.map((k) => ({ value: k, label: t(`orgKind.${k}`) })) }),
      field({ name: 'code', label: t('admin.org.code'), required: true, pattern: '[A-Za-z0-9_\\-]{2,64}' }),
      field({ name: 'name', label: t('admin.org.name'), required: true }),
      field({ name: 'nameEn', label: t('admin.org.nameEn') }),
      field({ name: 'phone', label: t('admin.elder.phone'), type: 'tel' }),
      field({ name: 'address', label: t('admin.elder.address'), wide: true })),
    submitRow(t('admin.org.create')));
  bindForm(form, async (values) => {
    const created = await api.admin.createOrganization(values);
    toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
    location.reload();
  });
  content.append(
    panel(t('admin.org.tree'), h('ul', { class: 'org-tree', id: 'org-tree' }, ctx.orgs.map((o) => h('li', { style: `--depth:${o.depth}` },
      h('strong', {}, o.name), ' ', h('span', { class: 'muted small' }, `${t(`orgKind.${o.kind}`, null, o.kind)} · ${o.code || ''}`))))),
    panel(t('admin.org.createTitle'), form));
}

// ---- Partners: notification endpoints and API keys ------------------------------------------------

async function partners(content, ctx) {
  const endpointForm = h('form', { id: 'endpoint-form' },
    formGrid(
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'channel', label: t('admin.endpoint.channel'), type: 'select', required: true, options: ['WEBHOOK', 'SMS', 'FHIR'].map((c) => ({ value: c, label: t(`channel.${c}`) })) }),
      field({ name: 'name', label: t('admin.endpoint.name'), required: true }),
      field({ name: 'url', label: t('admin.endpoint.url'), type: 'url', required: true, placeholder: 'https://', wide: true, hint: t('admin.endpoint.urlHint') })),
    submitRow(t('admin.endpoint.create')));
  const endpointList = h('div', { class: 'table-wrap' });
  const keyList = h('div', { class: 'table-wrap' });
  async function refreshEndpoints() {
    try {
      const list = await api.admin.endpoints();
      endpointList.replaceChildren(list.length
        ? simpleTable('endpoint-table', [t('admin.organization'), t('admin.endpoint.channel'), t('admin.endpoint.name'), t('admin.endpoint.url'), t('admin.endpoint.secret')],
          list.map((e) => [orgName(ctx.orgs, e.organizationId), t(`channel.${e.channel}`, null, e.channel), e.name, h('span', { class: 'mono small' }, e.url || e.phone || '—'),
            e.channel === 'WEBHOOK' ? h('button', {
              type: 'button', class: 'btn btn-small', dataset: { rotate: e.id },
              onclick: async () => {
                if (!confirm(t('admin.endpoint.rotateConfirm', { name: e.name }))) return;
                try {
                  const rotated = await api.admin.rotateEndpointSecret(e.id);
                  await showSecret(t('admin.endpoint.secretTitle'), t('admin.endpoint.rotatedFor', { name: e.name }), rotated.secret);
                } catch (error) {
                  toast(error.message, 'error');
                }
              },
            }, t('admin.endpoint.rotate')) : '—']))
        : h('p', { class: 'muted' }, t('admin.endpoint.none')));
    } catch (error) {
      endpointList.replaceChildren(errorBox(error));
    }
  }
  async function refreshKeys() {
    try {
      const list = await api.admin.apiKeys();
      keyList.replaceChildren(list.length
        ? simpleTable('apikey-table', [t('admin.apikey.name'), t('admin.apikey.prefix'), t('admin.user.role'), t('admin.organization'), t('admin.apikey.lastUsed'), t('admin.apikey.expires'), ''],
          list.map((k) => [k.name, h('span', { class: 'mono' }, `${k.prefix || ''}…`), roleLabel(k.role), orgName(ctx.orgs, k.organizationId),
            k.lastUsedAt ? ago(k.lastUsedAt) : t('common.never'), k.expiresAt ? new Date(k.expiresAt).toLocaleDateString() : '—',
            k.revokedAt ? h('span', { class: 'muted' }, t('admin.apikey.revoked'))
              : h('button', {
                type: 'button', class: 'btn btn-small btn-warn',
                onclick: async () => {
                  if (!confirm(t('admin.apikey.revokeConfirm', { name: k.name }))) return;
                  try {
                    await api.admin.revokeApiKey(k.id);
                    toast(t('admin.apikey.revoked'), 'ok');
                    await refreshKeys();
                  } catch (error) {
                    toast(error.message, 'error');
                  }
                },
              }, t('admin.apikey.revoke'))]))
        : h('p', { class: 'muted' }, t('admin.apikey.none')));
    } catch (error) {
      keyList.replaceChildren(errorBox(error));
    }
  }
  bindForm(endpointForm, async (values) => {
    const created = await api.admin.createEndpoint(values);
    endpointForm.reset();
    await refreshEndpoints();
    if (created?.secret) await showSecret(t('admin.endpoint.secretTitle'), t('admin.endpoint.secretFor', { name: values.name }), created.secret);
    else toast(t('admin.created', { id: created?.id ?? '' }), 'ok');
  });

  const keyForm = h('form', { id: 'apikey-form' },
    formGrid(
      field({ name: 'name', label: t('admin.apikey.name'), required: true }),
      field({ name: 'role', label: t('admin.user.role'), type: 'select', required: true, value: 'PARTNER', options: ROLES.map((r) => ({ value: r, label: roleLabel(r) })) }),
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'expiresInDays', label: t('admin.apikey.expiresInDays'), type: 'number', dataType: 'number', min: 1, step: 1, value: 365 })),
    submitRow(t('admin.apikey.create')));
  bindForm(keyForm, async (values) => {
    const created = await api.admin.createApiKey(values);
    keyForm.reset();
    await refreshKeys();
    await showSecret(t('admin.apikey.title'), t('admin.apikey.for', { name: values.name }), created.key);
  });

  content.append(
    panel(t('admin.endpoint.title'), h('p', { class: 'muted small' }, t('admin.endpoint.hint')), endpointList, endpointForm),
    panel(t('admin.apikey.title'), h('p', { class: 'muted small' }, t('admin.apikey.hint')), keyList, keyForm));
  await Promise.all([refreshEndpoints(), refreshKeys()]);
}

// ---- Escalation policies --------------------------------------------------------------------------

const STEPS_EXAMPLE = JSON.stringify([
  { afterSeconds: 0, notify: ['CENTER'] },
  { afterSeconds: 60, notify: ['CONTACTS'] },
  { afterSeconds: 180, notify: ['DISTRICT'] },
], null, 2);

async function policies(content, ctx) {
  const listBox = h('div', { class: 'table-wrap' });
  const form = h('form', { id: 'policy-form' },
    formGrid(
      field({ name: 'organizationId', label: t('admin.organization'), type: 'select', dataType: 'id', required: true, options: orgOptions(ctx.orgs) }),
      field({ name: 'alertKind', label: t('admin.policy.kind'), required: true, value: '*', hint: t('admin.policy.kindHint') }),
      field({ name: 'name', label: t('admin.policy.name'), required: true }),
      field({ name: 'steps', label: t('admin.policy.steps'), type: 'json', required: true, rows: 10, value: STEPS_EXAMPLE, hint: t('admin.policy.stepsHint'), wide: true })),
    submitRow(t('admin.save')));
  bindForm(form, async (values) => {
    if (!Array.isArray(values.steps)) throw new Error(t('admin.policy.stepsArray'));
    await api.admin.savePolicy(values);
    toast(t('admin.saved'), 'ok');
    await refresh();
  });
  content.append(panel(t('admin.policy.list'), listBox), panel(t('admin.policy.editTitle'), form));

  function load(p) {
    form.organizationId.value = p.organizationId ?? p.organization?.id ?? '';
    form.alertKind.value = p.alertKind;
    form.name.value = p.name;
    form.steps.value = JSON.stringify(p.steps, null, 2);
    form.name.focus();
  }

  async function refresh() {
    try {
      const list = await api.admin.policies();
      listBox.replaceChildren(h('table', { class: 'table', id: 'policy-table' },
        h('thead', {}, h('tr', {}, [t('admin.organization'), t('admin.policy.kind'), t('admin.policy.name'), t('admin.policy.stepCount'), ''].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, list.map((p) => h('tr', {},
          h('td', {}, orgName(ctx.orgs, p.organizationId)),
          h('td', { class: 'mono' }, p.alertKind),
          h('td', {}, p.name, p.enabled === false ? h('span', { class: 'muted small' }, ` (${t('admin.disabled')})`) : null),
          h('td', {}, Array.isArray(p.steps) ? p.steps.length : '—'),
          h('td', {}, h('button', { type: 'button', class: 'btn btn-small', onclick: () => load(p) }, t('admin.edit'))))))));
    } catch (error) {
      listBox.replaceChildren(errorBox(error));
    }
  }
  await refresh();
}

