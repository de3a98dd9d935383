// Loads Leaflet (WebJar) on first use: a script and a stylesheet from our own origin, no inline code.
const BASE = '/webjars/leaflet/1.9.4/dist';
let loading;

export function loadLeaflet() {
  if (window.L) return Promise.resolve(window.L);
  loading ??= new Promise((resolve, reject) => {
    const css = document.createElement('link');
    css.rel = 'stylesheet';
    css.href = `${BASE}/leaflet.css`;
    document.head.append(css);
    const script = document.createElement('script');
    script.src = `${BASE}/leaflet.js`;
    script.onload = () => resolve(window.L);
    script.onerror = () => reject(new Error('Leaflet could not be loaded'));
    document.head.append(script);
  });
  return loading;
}

/** A map with the configured tiles; markers and tracks work even when the tiles never load. */
export async function tileMap(container, settings, center, zoom = 13) {
  const L = await loadLeaflet();
  const map = L.map(container, { zoomControl: true }).setView(center, zoom);
  const tiles = L.tileLayer(settings.tileUrl, { attribution: settings.attribution, subdomains: settings.subdomains, maxZoom: 19 });
  let failed = 0;
  tiles.on('tileerror', () => {
    failed += 1;
    container.dataset.tileErrors = String(failed);
  });
  tiles.addTo(map);
  return { L, map };
}
