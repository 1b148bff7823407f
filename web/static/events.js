// The calendar page: the events of a period on a map (points, routes,
// areas) and the conflicts between them, each with its reason
// (/api/events, /api/conflicts).
import { t, num, getLang } from './i18n.js';
import { data } from './app.js';
import { hasWebGL, drawStatic } from './staticmap.js';

let map = null;
let loaded = null;

export function initEvents() {
  document.getElementById('events-form').addEventListener('submit', (e) => { e.preventDefault(); loaded = null; renderEvents(); });
}

function cell(tag, text, scope) {
  const c = document.createElement(tag);
  if (scope) c.scope = scope;
  c.textContent = text;
  return c;
}

export async function renderEvents() {
  const f = document.getElementById('events-form');
  const q = `from=${encodeURIComponent(f.from.value)}&to=${encodeURIComponent(f.to.value)}`;
  const summary = document.getElementById('events-summary');
  if (loaded !== q) {
    const [er, cr] = await Promise.all([fetch(`/api/events?${q}`), fetch(`/api/conflicts?${q}`)]);
    const events = await er.json();
    const conflicts = await cr.json();
    if (!er.ok || !cr.ok) {
      summary.textContent = (events.error || conflicts.error)?.message || er.statusText;
      return;
    }
    loaded = q;
    show(events, conflicts.conflicts);
  }
}

function show(events, conflicts) {
  const fr = getLang() === 'fr';
  const clashing = new Set(conflicts.flatMap((c) => [c.a.ref, c.b.ref]));
  const synthetic = events.features.some((e) => e.properties.synthetic);
  document.getElementById('events-summary').textContent = t('ev.summary', { events: num(events.features.length), conflicts: num(conflicts.length) }) +
    (synthetic ? ' ' + t('ev.synthetic') : '');
  const table = document.getElementById('events-table');
  const head = document.createElement('tr');
  head.append(...[t('ev.when'), t('ev.a'), t('ev.b'), t('ev.distance'), t('ev.reason')].map((h) => cell('th', h, 'col')));
  table.tHead.replaceChildren(head);
  const date = (s) => new Date(s).toLocaleString(fr ? 'fr-FR' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/Paris' });
  table.tBodies[0].replaceChildren(...conflicts.map((c) => {
    const tr = document.createElement('tr');
    tr.append(cell('th', date(c.a.start), 'row'), cell('td', c.a.name), cell('td', c.b.name), cell('td', `${num(c.distance_m)} m`),
      cell('td', fr ? c.reason_fr : c.reason_en));
    return tr;
  }));
  for (const ft of events.features) ft.properties.clash = clashing.has(ft.properties.ref);
  if (!hasWebGL()) {
    drawStatic('events-map', [{ features: (data.areas?.features || []).filter((f) => f.properties.kind === 'arrondissement'), line: '#b9b9ad', width: 0.8 },
      { features: events.features, fill: '#1f5f8b', line: '#1f5f8b', width: 4, opacity: 0.35, radius: 7, color: (f) => (f.properties.clash ? '#b3261e' : '#1f5f8b') }]);
    return;
  }
  const ml = window.maplibregl;
  if (!map) {
    map = new ml.Map({ container: 'events-map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef0ea' } }] }, center: [5.39, 43.285], zoom: 12 });
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: data.areas || { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'a', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'arrondissement'], paint: { 'line-color': '#b9b9ad', 'line-width': 0.8 } });
      map.addSource('events', { type: 'geojson', data: events });
      const colour = ['case', ['get', 'clash'], '#b3261e', '#1f5f8b'];
      map.addLayer({ id: 'ev-area', type: 'fill', source: 'events', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colour, 'fill-opacity': 0.35 } });
      map.addLayer({ id: 'ev-route', type: 'line', source: 'events', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': colour, 'line-width': 4 } });
      map.addLayer({ id: 'ev-point', type: 'circle', source: 'events', filter: ['==', ['geometry-type'], 'Point'], paint: { 'circle-color': colour, 'circle-radius': 7, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
    });
  } else if (map.getSource('events')) {
    map.getSource('events').setData(events);
  }
}
