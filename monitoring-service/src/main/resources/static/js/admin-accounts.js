// Account actions in the admin's user list: disable (ends sessions and API keys at once), enable,
// reset the password (a temporary one shown once) and lift a login lock.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, toast } from './dom.js';
import { showSecret } from './admin.js';

function action(label, className, run) {
  return h('button', {
    type: 'button', class: `btn btn-small ${className}`,
    onclick: async () => {
      try {
        await run();
      } catch (error) {
        toast(t('common.actionFailed', { message: error.message }), 'error');
      }
    },
  }, label);
}

/** The buttons for one user row; refresh() reloads the list afterwards. */
export function accountActions(user, refresh) {
  return h('span', { class: 'row-actions', dataset: { userId: user.id } },
    user.enabled === false
      ? action(t('admin.account.enable'), '', async () => {
        await api.admin.enableUser(user.id);
        toast(t('admin.account.enabled', { name: user.displayName }), 'ok');
        await refresh();
      })
      : action(t('admin.account.disable'), 'btn-warn', async () => {
        if (!confirm(t('admin.account.disableConfirm', { name: user.displayName }))) return;
        await api.admin.disableUser(user.id);
        toast(t('admin.account.disabled', { name: user.displayName }), 'ok');
        await refresh();
      }),
    action(t('admin.account.reset'), '', async () => {
      if (!confirm(t('admin.account.resetConfirm', { name: user.displayName }))) return;
      const reset = await api.admin.resetPassword(user.id);
      await refresh();
      await showSecret(t('admin.account.resetTitle'), t('admin.account.resetFor', { name: user.displayName }), reset.temporaryPassword);
    }),
    action(t('admin.account.unlock'), '', async () => {
      await api.admin.clearLoginLock(user.id);
      toast(t('admin.account.unlocked', { name: user.displayName }), 'ok');
    }));
}
