// Administration › partners: notification endpoints (webhook/SMS) and API keys (shown once).
import { api } from '../api.js';
import { t } from '../i18n.js';
import { h, toast } from '../dom.js';
import { field, bindForm } from '../forms.js';
import { ago, roleLabel } from '../format.js';
import { catalogue } from '../catalogue.js';
import { orgName, orgOptions, panel, formGrid, submitRow, errorBox, simpleTable, showSecret } from './common.js';

export async function mount(content, ctx) {
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
      field({ name: 'role', label: t('admin.user.role'), type: 'select', required: true, value: 'PARTNER', options: catalogue.roleCodes.map((r) => ({ value: r, label: roleLabel(r) })) }),
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
