// On the elder card: talk to the handset (spoken message, fresh location, reporting intervals) with
// each command's fate (queued → delivered on PUBACK → expired), and the last 24 h track on a map with
// the geofences. Commands and fixes are refreshed while something is pending.
import { api } from './api.js';
import { t } from './i18n.js';
import { h, icon, toast } from './dom.js';
import { field, bindForm } from './forms.js';
import { ago, dateTime } from './format.js';
import { helpApi } from './helpcenter-api.js';
import { tileMap } from './leaflet.js';
import { projector } from './geo.js';

const PENDING = new Set(['QUEUED', 'SENT']);

export function mountElderTools(container, elderId) {
  const commandList = h('div', { class: 'table-wrap', id: 'command-list' });
  const fix = h('p', { class: 'muted small', id: 'last-fix', 'aria-live': 'polite' });
  const message = h('form', { id: 'message-form', class: 'inline-form' },
    field({ name: 'text', label: t('handset.message'), required: true, maxlength: 200, placeholder: t('handset.messageHint') }),
    h('button', { type: 'submit', class: 'btn btn-primary', id: 'send-message' }, icon('volume'), t('handset.send')));
  const locate = h('button', { type: 'button', class: 'btn', id: 'locate' }, icon('pin'), t('handset.locate'));
  const config = h('form', { id: 'config-form', class: 'inline-form' },
    field({ name: 'vitalsIntervalSec', label: t('handset.vitalsInterval'), type: 'number', min: 10, max: 86400 }),
    field({ name: 'locationIntervalSec', label: t('handset.locationInterval'), type: 'number', min: 10, max: 86400 }),
    h('button', { type: 'submit', class: 'btn' }, t('handset.configure')));
  const mapBox = h('div', { class: 'track-map', id: 'track-map' });
  const trackNote = h('p', { class: 'muted small', id: 'track-note' });
  container.append(
    h('section', { class: 'panel', id: 'handset-panel' }, h('h2', {}, t('handset.title')), message,
      h('div', { class: 'toolbar' }, locate, fix), h('details', {}, h('summary', {}, t('handset.configTitle')), config), commandList),
    h('section', { class: 'panel', id: 'track-panel' }, h('h2', {}, t('track.title')), trackNote, mapBox));

  let timer = null;
  let stopped = false;
  let drawn = null;
  // After a LOCATE the fix arrives some seconds after delivery: keep looking for a minute.
  let watchFixUntil = 0;

  async function refreshCommands() {
    const list = await helpApi.commands(elderId);
    commandList.replaceChildren(list.length ? h('table', { class: 'table table-compact', id: 'command-table' },
      h('thead', {}, h('tr', {}, [t('handset.col.kind'), t('handset.col.text'), t('handset.col.status'), t('handset.col.at')].map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, list.map((c) => h('tr', { dataset: { commandId: c.id, status: c.status } },
        h('td', {}, t(`handset.kind.${c.kind}`, null, c.kind)),
        h('td', {}, JSON.parse(c.payload || '{}').text || ''),
        h('td', {}, h('span', { class: `pill cmd-${c.status.toLowerCase()}` }, t(`handset.status.${c.status}`, null, c.status))),
        h('td', { class: 'small' }, dateTime(c.deliveredAt || c.createdAt)))))) : h('p', { class: 'muted' }, t('handset.none')));
    return list.some((c) => PENDING.has(c.status));
  }

  async function refreshTrack() {
    const [elder, points, settings] = await Promise.all([api.elder(elderId), helpApi.track(elderId, 24), helpApi.mapSettings()]);
    const loc = elder.lastLocation;
    fix.textContent = loc ? t('handset.lastFix', { at: dateTime(loc.at), ago: ago(loc.at) }) : t('elder.noLocation');
    fix.dataset.at = loc?.at || '';
    trackNote.textContent = t('track.points', { n: points.length });
    const project = projector(settings.coordinates);
    if (!drawn) {
      const center = loc ? project(loc.lat, loc.lon) : elder.home ? project(elder.home.lat, elder.home.lon) : project(settings.centerLat, settings.centerLon);
      drawn = await tileMap(mapBox, settings, center, 15);
      drawn.layer = drawn.L.layerGroup().addTo(drawn.map);
    }
    const { L, map, layer } = drawn;
    layer.clearLayers();
    for (const [zone, color] of [[elder.home, '#1c7ed6'], [elder.travel, '#7048e8']]) {
      if (zone?.lat != null && zone?.radiusM) L.circle(project(zone.lat, zone.lon), { radius: zone.radiusM, color, weight: 1, dashArray: '4 4', fill: false, className: 'fence' }).addTo(layer);
    }
    const line = points.map((p) => project(p.lat, p.lon));
    if (line.length) {
      L.polyline(line, { color: '#1864ab', weight: 3, className: 'track-line' }).addTo(layer);
      L.circleMarker(line[line.length - 1], { radius: 7, color: '#fff', weight: 2, fillColor: '#1864ab', fillOpacity: 1, className: 'marker track-end' }).addTo(layer);
      map.fitBounds(line, { maxZoom: 16, padding: [20, 20] });
    }
    mapBox.dataset.points = String(line.length);
  }

  async function poll() {
    if (stopped) return;
    let pending = false;
    try {
      pending = await refreshCommands();
      await refreshTrack();
    } catch (error) {
      commandList.replaceChildren(h('p', { class: 'error-box' }, t('common.loadFailed', { message: error.message })));
    }
    if (!stopped) timer = setTimeout(poll, pending || Date.now() < watchFixUntil ? 2000 : 30000);
  }

  const sendAndWatch = async (send, done) => {
    await send();
    toast(done, 'ok');
    clearTimeout(timer);
    await poll();
  };
  bindForm(message, async (values) => {
    await sendAndWatch(() => helpApi.sendMessage(elderId, values.text), t('handset.queued'));
    message.reset();
  });
  bindForm(config, async (values) => sendAndWatch(() => helpApi.configure(elderId, values), t('handset.queued')));
  locate.addEventListener('click', async () => {
    try {
      watchFixUntil = Date.now() + 60000;
      await sendAndWatch(() => helpApi.locate(elderId), t('handset.locating'));
    } catch (error) {
      toast(error.message, 'error');
    }
  });

  poll();
  return () => {
    stopped = true;
    clearTimeout(timer);
    drawn?.map.remove();
  };
}
