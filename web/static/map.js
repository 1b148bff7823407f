// The map: the boundaries held in the workspace as an offline base map
// (a raster tile URL can be configured), every camera, clustered at low
// zoom, coloured by a chosen attribute, with its field-of-view cone when its
// direction is known, and a choropleth of cameras per 10,000 inhabitants.
import { t, num, word } from './i18n.js';
import { state, data, visible, writeHash, cityAreas, cityName, city } from './app.js';
import { hasWebGL, drawStatic } from './staticmap.js';

const ml = () => window.maplibregl;
let map;
let shown = 0;
let ready = false;
let fixed = false; // no WebGL: a fixed map (staticmap.js)

const PALETTES = {
  st: { active: '#1e7b34', out_of_service: '#c25100', planned: '#6a3d9a', removed: '#5f6b6d' },
  sev: { breach: '#b3261e', due: '#c25100', unknown: '#6a3d9a', stale: '#3d5a80', ok: '#1e7b34', out: '#5f6b6d' },
  ot: { public: '#1f5fa8', private: '#b3261e' },
};
const CATEGORICAL = ['#1f5fa8', '#c25100', '#1e7b34', '#b3261e', '#6a3d9a', '#7a5c00', '#b0306a', '#3d5a80', '#2e6b5e', '#5f6b6d'];
const MISSING = '#8a8a8a';

function palette(attr) {
  if (PALETTES[attr]) return PALETTES[attr];
  const values = [...new Set(data.cameras.features.map((f) => f.properties[attr]).filter(Boolean))].sort();
  return Object.fromEntries(values.map((v, i) => [v, CATEGORICAL[i % CATEGORICAL.length]]));
}

function label(attr, v) {
  if (attr === 'st') return t('st.' + v);
  if (attr === 'sev') return t('sev.' + v);
  if (attr === 'ot') return word('operator:type', v) || t('none');
  if (attr === 'z') return word('surveillance:zone', v) || t('none');
  return v;
}

function colorExpression(attr) {
  const pal = palette(attr);
  const expr = ['match', ['coalesce', ['get', attr], '']];
  for (const [k, c] of Object.entries(pal)) expr.push(k, c);
  expr.push(MISSING);
  return expr;
}

// cone is the field of view of a camera as a polygon of radius r metres.
function cone(f, r = 35) {
  const [lon, lat] = f.geometry.coordinates;
  const d = f.properties.d;
  const fov = f.properties.f || 60;
  const pts = [[lon, lat]];
  const mLat = 1 / 111320;
  const mLon = 1 / (111320 * Math.cos((lat * Math.PI) / 180));
  const steps = Math.max(4, Math.ceil(fov / 10));
  for (let i = 0; i <= steps; i++) {
    const a = ((d - fov / 2 + (fov * i) / steps) * Math.PI) / 180;
    pts.push([lon + Math.sin(a) * r * mLon, lat + Math.cos(a) * r * mLat]);
  }
  pts.push([lon, lat]);
  return { type: 'Feature', properties: f.properties, geometry: { type: 'Polygon', coordinates: [pts] } };
}

function arrondissements() {
  return cityAreas().filter((f) => f.properties.kind === 'arrondissement');
}

export async function createMap() {
  if (!hasWebGL()) {
    fixed = ready = true;
    return;
  }
  const style = { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef0ea' } }] };
  if (data.config?.tiles) {
    style.sources.tiles = { type: 'raster', tiles: [data.config.tiles], tileSize: 256, attribution: data.config.tiles_attribution || '' };
    style.layers.push({ id: 'tiles', type: 'raster', source: 'tiles' });
  }
  ml().setWorkerUrl('/static/vendor/maplibre-gl-5.24.1/maplibre-gl-csp-worker.js');
  map = new (ml().Map)({ container: 'map', style, center: state.c || [2.5, 46.5], zoom: state.z ?? 5, attributionControl: { compact: true }, maxPitch: 0 });
  map.addControl(new (ml().NavigationControl)({ showCompass: false }));
  await new Promise((resolve) => map.on('load', resolve));

  const empty = { type: 'FeatureCollection', features: [] };
  map.addSource('areas', { type: 'geojson', data: data.areas || empty });
  map.addSource('choro', { type: 'geojson', data: empty });
  map.addSource('cams', { type: 'geojson', data: empty, cluster: true, clusterRadius: 40, clusterMaxZoom: 14 });
  map.addSource('cones', { type: 'geojson', data: empty });
  map.addLayer({ id: 'commune', type: 'fill', source: 'areas', filter: ['==', ['get', 'kind'], 'commune'], paint: { 'fill-color': '#fbfaf6' } });
  map.addLayer({ id: 'choro', type: 'fill', source: 'choro', layout: { visibility: 'none' },
    paint: { 'fill-opacity': 0.75, 'fill-color': ['interpolate', ['linear'], ['get', 'density'], 0, '#f7fbff', 5, '#c6dbef', 10, '#6baed6', 20, '#2171b5', 40, '#08306b'] } });
  map.addLayer({ id: 'quartiers', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'quartier'], paint: { 'line-color': '#b9b9ad', 'line-width': 0.6 } });
  map.addLayer({ id: 'arrs', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'arrondissement'], paint: { 'line-color': '#6d6d63', 'line-width': 1.4 } });
  map.addLayer({ id: 'cones', type: 'fill', source: 'cones', minzoom: 15, paint: { 'fill-opacity': 0.25, 'fill-color': MISSING } });
  map.addLayer({ id: 'clusters', type: 'circle', source: 'cams', filter: ['has', 'point_count'],
    paint: { 'circle-color': '#2d3e50', 'circle-opacity': 0.85, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5,
      'circle-radius': ['step', ['get', 'point_count'], 12, 10, 16, 100, 21, 1000, 27] } });
  map.addLayer({ id: 'points', type: 'circle', source: 'cams', filter: ['!', ['has', 'point_count']],
    paint: { 'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 3, 16, 6], 'circle-color': MISSING, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1 } });

  map.on('click', 'clusters', async (e) => {
    const f = e.features[0];
    const zoom = await map.getSource('cams').getClusterExpansionZoom(f.properties.cluster_id);
    map.easeTo({ center: f.geometry.coordinates, zoom });
  });
  map.on('click', 'points', (e) => popup(e.features[0]));
  for (const layer of ['clusters', 'points']) {
    map.on('mouseenter', layer, () => { map.getCanvas().style.cursor = 'pointer'; });
    map.on('mouseleave', layer, () => { map.getCanvas().style.cursor = ''; });
  }
  map.on('moveend', () => {
    const c = map.getCenter();
    state.z = map.getZoom();
    state.c = [c.lng, c.lat];
    writeHash();
    showCount();
  });
  // Counts are placed when the map settles, not on every frame: querying the
  // clustered source each frame made panning stutter at 100,000 cameras.
  map.on('idle', () => countMarkers());

  ready = true;
}

// fitCity frames the chosen commune: its boundary when the workspace holds
// it, else its cameras.
let framed = null;
function fitCity() {
  if (framed === state.city && state.c) return;
  framed = state.city;
  if (state.c) return; // a shared link keeps its view
  const boundary = cityAreas().filter((f) => f.properties.kind === 'commune');
  const b = new (ml().LngLatBounds)();
  if (boundary.length) for (const f of boundary) extend(b, f.geometry.coordinates);
  else if (city()) b.extend([city().bbox[0], city().bbox[1]]).extend([city().bbox[2], city().bbox[3]]);
  else for (const f of data.cameras.features) extend(b, f.geometry.coordinates);
  if (!b.isEmpty()) map.fitBounds(b, { padding: 20, duration: 0 });
}

// The counter counts what the view shows: the cameras on screen, out of
// those the filters select in the commune.
let selected = [];
function showCount() {
  let n = selected.length;
  if (!fixed && map) {
    const b = map.getBounds();
    n = selected.filter((f) => b.contains(f.geometry.coordinates)).length;
  }
  onScreen = n;
  document.getElementById('count').textContent = t('count', { n: num(n), sel: num(selected.length), where: cityName() });
}
let onScreen = 0;
export function screenCount() { return onScreen; }

function extend(b, coords) {
  if (typeof coords[0] === 'number') b.extend(coords);
  else for (const c of coords) extend(b, c);
}

function popup(f) {
  const p = f.properties;
  const el = document.createElement('div');
  el.className = 'popup';
  const h = document.createElement('p');
  h.className = 'popup-title';
  h.textContent = `${p.r} — ${t('st.' + p.st)}`;
  const place = document.createElement('p');
  place.textContent = [p.pl, p.qn].filter(Boolean).join(' — ') || t('none');
  const a = document.createElement('a');
  a.href = `/cameras/${p.id}?lang=${document.documentElement.lang}`;
  a.textContent = t('open');
  el.append(h, place, a);
  if (p.syn) {
    const s = document.createElement('p');
    s.className = 'popup-synthetic';
    s.textContent = t('synthetic');
    el.append(s);
  }
  new (ml().Popup)({ closeButton: true, maxWidth: '260px' }).setLngLat(f.geometry.coordinates).setDOMContent(el).addTo(map);
  a.focus();
}

// Cluster counts are HTML markers: the map has no glyph server (it runs
// offline), so no text layer.
const markers = new Map();
let drawn = false;
function countMarkers() {
  const seen = new Set();
  for (const f of map.querySourceFeatures('cams')) {
    const p = f.properties;
    if (!p.cluster) continue;
    const id = p.cluster_id;
    seen.add(id);
    if (!markers.has(id)) {
      if (!drawn) { drawn = true; performance.mark('clairvoie:drawn'); }
      const el = document.createElement('span');
      el.className = 'cluster-count';
      el.setAttribute('aria-hidden', 'true');
      el.textContent = num(p.point_count);
      markers.set(id, new (ml().Marker)({ element: el }).setLngLat(f.geometry.coordinates).addTo(map));
    }
  }
  for (const [id, m] of markers) {
    if (!seen.has(id)) { m.remove(); markers.delete(id); }
  }
}

function clearMarkers() {
  for (const m of markers.values()) m.remove();
  markers.clear();
}

// spread is the span in degrees of longitude of the features.
function spread(feats) {
  let lo = Infinity;
  let hi = -Infinity;
  for (const f of feats) { lo = Math.min(lo, f.geometry.coordinates[0]); hi = Math.max(hi, f.geometry.coordinates[0]); }
  return feats.length ? hi - lo : 0;
}

// drawFixed draws the fixed map: the boundaries, the cameras shown in
// their colours; a click opens the camera's page.
function drawFixed(feats, color) {
  const areas = cityAreas();
  const pal = palette(color);
  const commune = areas.filter((f) => f.properties.kind === 'commune');
  drawStatic('map', [
    { features: commune, fill: '#fbfaf6' },
    { features: areas.filter((f) => f.properties.kind === 'quartier'), line: '#b9b9ad', width: 0.6 },
    { features: areas.filter((f) => f.properties.kind === 'arrondissement'), line: '#6d6d63', width: 1.4 },
    { features: feats, radius: 2.5, color: (f) => pal[f.properties[color]] || MISSING },
  ], { fit: spread(feats) < 1 || !commune.length ? feats : commune, onClick: (f) => { location.href = `/cameras/${f.properties.id}?lang=${document.documentElement.lang}`; } });
}

export function updateMap() {
  if (!ready) return;
  const feats = data.cameras.features.filter((f) => visible(f));
  shown = feats.length;
  selected = feats;
  if (fixed) {
    drawFixed(feats, state.color);
    showCount();
    legend([]);
    return;
  }
  fitCity();
  clearMarkers();
  map.getSource('cams').setData({ type: 'FeatureCollection', features: feats });
  map.getSource('cones').setData({ type: 'FeatureCollection', features: feats.filter((f) => f.properties.d != null).map((f) => cone(f)) });
  const color = colorExpression(state.color);
  map.setPaintProperty('points', 'circle-color', color);
  map.setPaintProperty('cones', 'fill-color', color);

  // Cameras per 10,000 inhabitants, by arrondissement, among those shown.
  const perArr = new Map();
  for (const f of feats) perArr.set(f.properties.a, (perArr.get(f.properties.a) || 0) + 1);
  const choro = arrondissements().map((f) => ({ ...f, properties: { ...f.properties, cameras: perArr.get(f.properties.code) || 0,
    density: f.properties.population ? (10000 * (perArr.get(f.properties.code) || 0)) / f.properties.population : 0 } }));
  map.getSource('choro').setData({ type: 'FeatureCollection', features: choro });
  map.setLayoutProperty('choro', 'visibility', state.choro ? 'visible' : 'none');

  showCount();
  legend(choro);
}

function legend(choro) {
  const el = document.getElementById('legend');
  el.replaceChildren();
  const list = document.createElement('ul');
  for (const [k, c] of Object.entries(palette(state.color))) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.dataset.color = c;
    sw.style.backgroundColor = c;
    li.append(sw, document.createTextNode(' ' + label(state.color, k)));
    list.append(li);
  }
  el.append(list);
  if (state.date) {
    const p = document.createElement('p');
    p.textContent = t('nodate');
    el.append(p);
  }
  if (state.choro) {
    const table = document.createElement('table');
    table.className = 'choro-table';
    const cap = document.createElement('caption');
    cap.textContent = t('choropleth');
    table.append(cap);
    for (const f of [...choro].sort((a, b) => a.properties.code.localeCompare(b.properties.code))) {
      const tr = document.createElement('tr');
      const th = document.createElement('th');
      th.scope = 'row';
      th.textContent = f.properties.name || f.properties.code;
      const td = document.createElement('td');
      td.textContent = num(Math.round(f.properties.density * 10) / 10);
      tr.append(th, td);
      table.append(tr);
    }
    el.append(table);
  }
}

export function mapCount() { return shown; }
export function getMap() { return map; }
