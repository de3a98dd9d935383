// Administration (role ADMIN): one tab per resource, each its own module exporting mount(content, ctx)
// (under js/admin/; audit and storage live in admin-audit.js, parked events in admin-parked.js). Everything is scoped on the server below
// the admin's organization. To add a tab: a module, a line here, and admin.tab.<name> in both bundles.
import { t } from './i18n.js';
import { h } from './dom.js';
import { loadOrganizations } from './admin/common.js';

// Kept for modules that import the show-once dialog from here (admin-accounts.js).
export { showSecret } from './admin/common.js';

const auditPage = (name) => () => import('./admin-audit.js').then((m) => ({ mount: m[name] }));

const TABS = {
  elders: () => import('./admin/elders.js'),
  devices: () => import('./admin/devices.js'),
  users: () => import('./admin/users.js'),
  'family-links': () => import('./admin/family-links.js'),
  organizations: () => import('./admin/organizations.js'),
  partners: () => import('./admin/partners.js'),
  policies: () => import('./admin/policies.js'),
  audit: auditPage('audit'),
  storage: auditPage('storage'),
  parked: () => import('./admin-parked.js').then((m) => ({ mount: m.parkedEvents })),
};

export async function mount(main, ctx) {
  const tab = Object.hasOwn(TABS, ctx.params[0]) ? ctx.params[0] : 'elders';
  const content = h('div', { class: 'admin-content', id: `admin-${tab}` });
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('admin.title'))),
    h('nav', { class: 'tabs', 'aria-label': t('admin.sections') },
      Object.keys(TABS).map((name) => h('a', { href: `#/admin/${name}`, class: 'tab', 'aria-current': name === tab ? 'page' : null }, t(`admin.tab.${name}`)))),
    content);
  const [orgs, page] = await Promise.all([loadOrganizations(), TABS[tab]()]);
  await page.mount(content, { ...ctx, orgs });
}
