// The reconciliation page: the official list against what citizens mapped,
// matched, only official and only mapped cameras on a map.
import { t, num, errorText } from './i18n.js';
import { data, state, city, cityQuery, cityName } from './app.js';
import { hasWebGL, drawStatic } from './staticmap.js';

let map = null;
let result = null; // the latest report
const COLORS = { matched: '#1e7b34', only_a: '#c25100', only_b: '#6a3d9a' };

export function initReconcile() {
  document.getElementById('reconcile-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
}

// pairFor fills the two lists with the sources of the chosen commune: A,
// the official list (the largest source that is not OpenStreetMap); B, what
// citizens mapped (an OpenStreetMap source) or else another list.
function pairFor() {
  const srcs = city() ? city().sources : data.sources;
  const a = document.getElementById('rec-a');
  const b = document.getElementById('rec-b');
  a.replaceChildren(...srcs.map((s) => new Option(s.name, s.name)));
  b.replaceChildren(...srcs.map((s) => new Option(s.name, s.name)));
  const official = srcs.find((s) => s.format !== 'osm') || srcs[0];
  const mapped = srcs.find((s) => s.format === 'osm' && s !== official) || srcs.find((s) => s !== official);
  if (official) a.value = official.name;
  if (mapped) b.value = mapped.name;
  return srcs.length > 1;
}

// The page opens computed with the default pair of the chosen commune;
// only the latest answer is drawn.
let startedFor = null;
let seq = 0;

async function run() {
  const mine = ++seq;
  const a = document.getElementById('rec-a').value;
  const b = document.getElementById('rec-b').value;
  const within = document.getElementById('rec-within').value;
  const q = new URLSearchParams({ a, b, within });
  if (cityQuery()) q.set('commune', cityQuery());
  const res = await fetch(`/api/reconcile?${q}`);
  const body = await res.json();
  if (mine !== seq) return;
  if (!res.ok) {
    result = null;
    document.getElementById('rec-summary').textContent = errorText(body, res);
    return;
  }
  result = body;
  renderReconcile();
}

function point(ref, match) {
  return { type: 'Feature', properties: { match, id: ref.id, ref: ref.source_ref }, geometry: { type: 'Point', coordinates: ref.location } };
}

export function renderReconcile() {
  if (startedFor !== state.city) {
    startedFor = state.city;
    result = null;
    if (!pairFor()) {
      seq++;
      const only = (city()?.sources || data.sources)[0]?.name || '—';
      document.getElementById('rec-summary').textContent = t('recnone', { where: cityName(), a: only });
      draw({ type: 'FeatureCollection', features: [] });
      return;
    }
    run();
  }
  if (!result) return;
  const r = result;
  document.getElementById('rec-summary').textContent = t('recsummary', {
    matched: num(r.matched), median: num(r.distance_m_quantiles.median), a: num(r.only_a), an: r.a, b: num(r.only_b), bn: r.b,
  });
  const feats = [];
  for (const p of r.pairs) {
    feats.push({ type: 'Feature', properties: { match: 'pair' }, geometry: { type: 'LineString', coordinates: [p.a.location, p.b.location] } });
    feats.push(point(p.a, 'matched'), point(p.b, 'matched'));
  }
  for (const x of r.only_in_a) feats.push(point(x, 'only_a'));
  for (const x of r.only_in_b) feats.push(point(x, 'only_b'));
  draw({ type: 'FeatureCollection', features: feats });
}

function draw(fc) {
  const feats = fc.features;
  const ml = window.maplibregl;
  if (!hasWebGL()) {
    drawStatic('rec-map', [{ features: (data.areas?.features || []).filter((f) => f.properties.kind === 'arrondissement'), line: '#6d6d63', width: 1 },
      { features: feats.filter((f) => f.properties.match === 'pair'), line: '#1e7b34', width: 2 },
      { features: feats.filter((f) => f.properties.match !== 'pair'), radius: 4, color: (f) => COLORS[f.properties.match] || COLORS.only_b }],
    { fit: feats.filter((f) => f.geometry.type === 'Point') });
  } else if (!map) {
    map = new ml.Map({ container: 'rec-map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef0ea' } }] }, center: [2.5, 46.5], zoom: 5 });
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: data.areas || { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'arrs', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'arrondissement'], paint: { 'line-color': '#6d6d63', 'line-width': 1 } });
      map.addSource('rec', { type: 'geojson', data: fc });
      map.addLayer({ id: 'pairs', type: 'line', source: 'rec', filter: ['==', ['get', 'match'], 'pair'], paint: { 'line-color': '#1e7b34', 'line-width': 2 } });
      map.addLayer({ id: 'rec-points', type: 'circle', source: 'rec', filter: ['!=', ['get', 'match'], 'pair'],
        paint: { 'circle-radius': 4, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1,
          'circle-color': ['match', ['get', 'match'], 'matched', COLORS.matched, 'only_a', COLORS.only_a, COLORS.only_b] } });
      fit(fc);
    });
  } else if (map.getSource('rec')) {
    map.getSource('rec').setData(fc);
    fit(fc);
  }
  const legend = document.getElementById('rec-legend');
  legend.replaceChildren();
  const ul = document.createElement('ul');
  for (const [k, c] of Object.entries(COLORS)) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.backgroundColor = c;
    li.append(sw, document.createTextNode(' ' + t(k === 'matched' ? 'matched' : k === 'only_a' ? 'onlya' : 'onlyb')));
    ul.append(li);
  }
  legend.append(ul);
}

function fit(fc) {
  const b = new window.maplibregl.LngLatBounds();
  for (const f of fc.features) if (f.geometry.type === 'Point') b.extend(f.geometry.coordinates);
  if (!b.isEmpty()) map.fitBounds(b, { padding: 20, duration: 0 });
}
