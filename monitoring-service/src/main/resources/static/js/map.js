// The map: elders' last known positions and open incidents coloured by state, geofence circles.
// Leaflet with the configured tiles (anxin.monitoring.map.*); positions arrive in WGS-84 and are
// shifted to GCJ-02 when the tiles are Chinese. The list beside the map works without any tiles.
import { t } from './i18n.js';
import { h } from './dom.js';
import { ago, kindLabel } from './format.js';
import { helpApi } from './helpcenter-api.js';
import { tileMap } from './leaflet.js';
import { projector } from './geo.js';

const COLORS = { sos: '#c92a2a', high: '#e8590c', open: '#f08c00', online: '#2b8a3e', offline: '#868e96' };

/** sos | high | open | online | offline: what the marker colour says. */
export function pinState(pin) {
  if (pin.alertId != null) {
    if (pin.severity === 'CRITICAL') return 'sos';
    if (pin.severity === 'HIGH') return 'high';
    return 'open';
  }
  return pin.online ? 'online' : 'offline';
}

export async function mount(main, ctx) {
  const box = h('div', { class: 'map-box', id: 'map' });
  const list = h('ul', { class: 'map-list', id: 'map-list' });
  const legend = h('p', { class: 'map-legend' }, Object.keys(COLORS).map((s) => h('span', { class: 'legend-item' },
    h('span', { class: 'legend-dot', style: `background:${COLORS[s]}` }), t(`map.state.${s}`))));
  main.append(h('div', { class: 'page-head' }, h('h1', {}, t('map.title')), legend), h('div', { class: 'map-layout' }, box, list));

  const settings = await helpApi.mapSettings();
  const project = projector(settings.coordinates);
  const { L, map } = await tileMap(box, settings, project(settings.centerLat, settings.centerLon), 12);
  const layer = L.layerGroup().addTo(map);
  let fitted = false;

  async function refresh() {
    const pins = await helpApi.mapElders();
    layer.clearLayers();
    const points = [];
    list.replaceChildren();
    for (const pin of pins) {
      const state = pinState(pin);
      const lat = pin.alertLat ?? pin.lat;
      const lon = pin.alertLon ?? pin.lon;
      for (const [fence, cls] of [[pin.home, 'fence-home'], [pin.travel, 'fence-travel']]) {
        if (fence) L.circle(project(fence.lat, fence.lon), { radius: fence.radiusM, className: cls, color: cls === 'fence-home' ? '#1c7ed6' : '#7048e8', weight: 1, dashArray: '4 4', fill: false }).addTo(layer);
      }
      const label = `${pin.name} · ${pin.alertId != null ? kindLabel(pin.alertKind) : t(`map.state.${state}`)}`;
      if (lat != null && lon != null) {
        const at = project(lat, lon);
        points.push(at);
        L.circleMarker(at, { radius: state === 'sos' ? 11 : 8, color: '#fff', weight: 2, fillColor: COLORS[state], fillOpacity: 0.95, className: `marker marker-${state}` })
          .bindPopup(() => h('div', {}, h('strong', {}, pin.name), h('br'), label, h('br'),
            h('a', { href: `#/elders/${pin.elderId}` }, t('map.openElder')), pin.fixAt ? h('span', { class: 'muted small' }, ` · ${ago(pin.fixAt)}`) : null))
          .addTo(layer);
      }
      list.append(h('li', { class: `map-item state-${state}`, dataset: { elderId: pin.elderId, state } },
        h('span', { class: 'legend-dot', style: `background:${COLORS[state]}` }),
        h('a', { href: `#/elders/${pin.elderId}` }, pin.name), ' ',
        h('span', { class: 'muted small' }, pin.alertId != null ? kindLabel(pin.alertKind) : t(`map.state.${state}`),
          lat == null ? ` · ${t('elder.noLocation')}` : '')));
    }
    box.dataset.markers = String(points.length);
    if (!fitted && points.length) {
      map.fitBounds(points, { maxZoom: 15, padding: [30, 30] });
      fitted = true;
    }
  }

  await refresh();
  let timer;
  const onAlert = () => {
    clearTimeout(timer);
    timer = setTimeout(() => refresh().catch(() => {}), 500);
  };
  ctx.store.addEventListener('alert', onAlert);
  const interval = setInterval(() => refresh().catch(() => {}), 30000);
  return () => {
    ctx.store.removeEventListener('alert', onAlert);
    clearInterval(interval);
    clearTimeout(timer);
    map.remove();
  };
}
