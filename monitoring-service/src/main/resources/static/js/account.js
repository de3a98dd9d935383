// My account: change the password (current + new, the server's strength policy). A temporary
// password (admin reset, first start) must be changed here before any other page opens.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, toast } from './dom.js';
import { field, bindForm } from './forms.js';

export async function mount(main, ctx) {
  const form = h('form', { id: 'password-form' },
    h('div', { class: 'form-grid' },
      field({ name: 'currentPassword', label: t('account.current'), type: 'password', required: true, autocomplete: 'current-password' }),
      field({ name: 'newPassword', label: t('account.new'), type: 'password', required: true, minlength: 10, autocomplete: 'new-password', hint: t('account.policy') }),
      field({ name: 'confirmPassword', label: t('account.confirm'), type: 'password', required: true, minlength: 10, autocomplete: 'new-password' })),
    h('div', { class: 'form-actions' }, h('button', { type: 'submit', class: 'btn btn-primary', id: 'password-submit' }, t('account.change'))));
  bindForm(form, async (values) => {
    if (values.newPassword !== values.confirmPassword) {
      throw new Error(t('account.mismatch'));
    }
    await api.changePassword(values.currentPassword, values.newPassword);
    form.reset();
    toast(t('account.changed'), 'ok');
    if (ctx.me.mustChangePassword) location.assign('/');
  });
  main.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('account.title'))),
    ctx.me.mustChangePassword
      ? h('p', { class: 'warning', id: 'must-change', role: 'alert' }, icon('alert'), t('account.mustChange'))
      : null,
    h('section', { class: 'panel' },
      h('h2', {}, t('account.passwordTitle')),
      h('p', { class: 'muted small' }, t('account.who', { username: ctx.me.username })),
      form));
}
