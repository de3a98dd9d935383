// Time to arrival on the response-performance page: from the incident opening to the first responder
// on site, for incidents someone was dispatched to (target: 90 % within 45 minutes).
import { t } from './i18n.js';
import { h } from './dom.js';
import { humanDuration, number } from './format.js';
import { helpApi } from './helpcenter-api.js';
import { targetTile, plainTile } from './performance.js';

export async function arrivalSection(range) {
  let data;
  try {
    data = await helpApi.arrival(range);
  } catch (error) {
    return h('p', { class: 'error-box' }, t('common.loadFailed', { message: error.message }));
  }
  return h('section', { id: 'arrival' },
    h('h2', { class: 'section-title' }, t('perf.arrivalTitle')),
    h('div', { class: 'kpi-grid' },
      targetTile('within45', t('perf.within45'), data.within45Pct, data.target45Pct ?? 90, data.dispatched),
      plainTile(t('perf.within30'), data.within30Pct != null ? `${number(data.within30Pct, 1)} %` : '—'),
      plainTile(t('perf.medianArrival'), data.medianArrivalSeconds != null ? humanDuration(data.medianArrivalSeconds) : '—'),
      plainTile(t('perf.worstArrival'), data.worstArrivalSeconds != null ? humanDuration(data.worstArrivalSeconds) : '—'),
      plainTile(t('perf.dispatched'), number(data.dispatched)),
      plainTile(t('perf.arrivedCount'), number(data.arrived))));
}
