// Choosing an elder by typing a name, phone or address: a city has tens of thousands of elders,
// more than a <select> can hold, so forms search GET /api/v1/elders?q= instead of listing them all.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, debounce } from './dom.js';

/**
 * A form field posting the chosen elder's id under `name`. `prefix` makes the element ids
 * (`<prefix>-search`, `-results`, `-chosen`, `-error`); `clear()` forgets the choice (form.reset()
 * does not empty a hidden input).
 */
export function elderPicker({ prefix, name = 'elderId', label = t('call.elder'), required = false, emptyText = t('call.noElder') }) {
  const hidden = h('input', { type: 'hidden', name, dataset: { type: 'id' } });
  const chosen = h('p', { class: 'chosen-elder', id: `${prefix}-chosen`, 'aria-live': 'polite' }, emptyText);
  const results = h('ul', { class: 'pick-list', id: `${prefix}-results` });
  const search = h('input', { type: 'search', id: `${prefix}-search`, placeholder: t('call.searchHint'), autocomplete: 'off', 'aria-label': label });
  const choose = (e) => {
    hidden.value = e.id;
    chosen.textContent = `${e.name} · ${e.address || ''} ${e.phone || ''}`;
    results.replaceChildren();
  };
  const run = debounce(async () => {
    const q = search.value.trim();
    if (!q) return results.replaceChildren();
    try {
      const list = await api.elders(q, 8);
      results.replaceChildren(...list.map((e) => h('li', {}, h('button', {
        type: 'button', class: 'btn btn-ghost pick', dataset: { elderId: e.id }, onclick: () => choose(e),
      }, h('strong', {}, e.name), ' ', h('span', { class: 'muted small' }, `${e.address || ''} ${e.phone || ''}`)))));
      if (!list.length) results.replaceChildren(h('li', { class: 'muted' }, t('call.noMatch')));
    } catch (error) {
      results.replaceChildren(h('li', { class: 'error-box' }, error.message));
    }
  }, 250);
  search.addEventListener('input', run);
  const element = h('div', { class: 'field field-wide' },
    h('label', { for: `${prefix}-search` }, label, required ? h('span', { class: 'req', 'aria-hidden': 'true' }, ' *') : null),
    search, results, chosen, hidden, h('p', { class: 'field-error', id: `${prefix}-error`, hidden: true }));
  const clear = () => {
    hidden.value = '';
    search.value = '';
    chosen.textContent = emptyText;
    results.replaceChildren();
  };
  return { element, clear, value: () => hidden.value };
}
