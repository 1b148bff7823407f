// The calendar page: the events of a period on a map (points, routes,
// areas) and the conflicts between them, each with its reason
// (/api/events, /api/conflicts).
import { t, num, getLang, errorText, dateTime } from './i18n.js';
import { data, state, city, cityName } from './app.js';
import { workspace } from './workspace.js';
import { hasWebGL, drawStatic } from './staticmap.js';

let map = null;
let loaded = null;

// One colour per kind of event (the legend names them).
const KIND_COLOURS = { match: '#1f5fa8', demonstration: '#6a3d9a', market: '#1e7b34', concert: '#b0306a', festival: '#7a5c00',
  road_works: '#c25100', filming: '#3d5a80', other: '#5f6b6d' };

// spread moves events drawn at the same point (two matches at the stadium
// in the period) apart on a small circle, so that none hides another.
function spread(features) {
  const at = new Map();
  for (const f of features) {
    if (f.geometry.type !== 'Point') continue;
    const k = f.geometry.coordinates.map((x) => x.toFixed(5)).join(',');
    if (!at.has(k)) at.set(k, []);
    at.get(k).push(f);
  }
  for (const group of at.values()) {
    if (group.length < 2) continue;
    group.forEach((f, i) => {
      const a = (2 * Math.PI * i) / group.length;
      const [lon, lat] = f.geometry.coordinates;
      f.geometry = { type: 'Point', coordinates: [lon + 0.0004 * Math.cos(a) / Math.cos((lat * Math.PI) / 180), lat + 0.0004 * Math.sin(a)] };
      f.properties.spread = group.length;
    });
  }
}

function legend(features) {
  const el = document.getElementById('events-legend');
  if (!el) return;
  const kinds = [...new Set(features.map((f) => f.properties.kind))].sort();
  const ul = document.createElement('ul');
  for (const k of kinds) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'swatch';
    sw.style.backgroundColor = KIND_COLOURS[k] || KIND_COLOURS.other;
    li.append(sw, document.createTextNode(' ' + (t('ev.kind.' + k) === 'ev.kind.' + k ? k : t('ev.kind.' + k))));
    ul.append(li);
  }
  const clash = document.createElement('li');
  const sw = document.createElement('span');
  sw.className = 'swatch swatch-clash';
  clash.append(sw, document.createTextNode(' ' + t('ev.clashkey')));
  ul.append(clash);
  el.replaceChildren(ul);
  el.dataset.clashing = String(features.filter((f) => f.properties.clash).length); // for the tests and the curious
}

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
  if (loaded !== q + state.city) {
    const [er, cr, tz, fr] = await Promise.all([fetch(`/api/events?${q}`), fetch(`/api/conflicts?${q}`), workspace().then((w) => w.timezone), fetch('/api/events/feeds')]);
    showFeeds(fr.ok ? (await fr.json()).feeds : [], tz);
    const events = await er.json();
    const conflicts = await cr.json();
    if (!er.ok || !cr.ok) {
      summary.textContent = errorText(events.error ? events : conflicts, er.ok ? cr : er);
      return;
    }
    loaded = q + state.city;
    const inside = inCity();
    events.features = events.features.filter((e) => inside(e.geometry));
    const kept = new Set(events.features.map((e) => e.properties.ref));
    show(events, conflicts.conflicts.filter((c) => kept.has(c.a.ref) || kept.has(c.b.ref)), tz);
  }
}

// inCity tells whether an event's geometry lies in the chosen commune's
// extent (that of its cameras, a few hundred metres around).
function inCity() {
  const c = city();
  if (state.city === '*' || !c) return () => true;
  const [w, s, e, n] = c.bbox;
  const m = 0.005;
  const at = (p) => p[0] >= w - m && p[0] <= e + m && p[1] >= s - m && p[1] <= n + m;
  const any = (co) => (typeof co[0] === 'number' ? at(co) : co.some(any));
  return (g) => !!g && any(g.coordinates);
}

// showFeeds says which calendars are subscribed to and when each was last
// refreshed — and, when the last attempt failed, that its events are those
// of the last success.
function showFeeds(feeds, tz) {
  const p = document.getElementById('events-feeds');
  p.hidden = !feeds.length;
  if (!feeds.length) return;
  const when = (s) => dateTime(s, tz);
  p.textContent = t('ev.feeds') + ' ' + feeds.map((f) => {
    let s = t(f.last_success ? 'ev.feed' : 'ev.feednever', { source: f.source, host: f.host, every: num(Math.round(f.every_s / 60)), when: f.last_success ? when(f.last_success) : '', n: t(f.events === 1 ? 'ev.oneevent' : 'ev.nevents', { n: num(f.events) }) });
    if (f.last_error) s += ' ' + t('ev.feedfail', { when: when(f.last_attempt), error: f.last_error });
    return s;
  }).join(' ');
}

function show(events, conflicts, tz) {
  const fr = getLang() === 'fr';
  const clashing = new Set(conflicts.flatMap((c) => [c.a.ref, c.b.ref]));
  const synthetic = events.features.some((e) => e.properties.synthetic);
  // The singular: "1 conflit", "0 conflit" in French; "1 conflict" but "0 conflicts" in English.
  const one = conflicts.length === 1 || (fr && conflicts.length === 0);
  document.getElementById('events-summary').textContent = t(one ? 'ev.summary1' : 'ev.summary', { where: cityName(), events: num(events.features.length), conflicts: num(conflicts.length) }) +
    (synthetic ? ' ' + t('ev.synthetic') : '');
  const table = document.getElementById('events-table');
  const head = document.createElement('tr');
  head.append(...[t('ev.when', { zone: tz }), t('ev.a'), t('ev.b'), t('ev.distance'), t('ev.reason')].map((h) => cell('th', h, 'col')));
  table.tHead.replaceChildren(head);
  const date = (s) => dateTime(s, tz);
  table.tBodies[0].replaceChildren(...conflicts.map((c) => {
    const tr = document.createElement('tr');
    tr.append(cell('th', date(c.a.start), 'row'), cell('td', c.a.name), cell('td', c.b.name), cell('td', `${num(c.distance_m)} m`),
      cell('td', fr ? c.reason_fr : c.reason_en));
    return tr;
  }));
  // A clash belongs to one occurrence (a reference and a start), not to
  // every day of a recurring event: the 52 market days share one reference.
  const clashOf = (p) => `${p.ref}|${p.start}`;
  const clashingOcc = new Set(conflicts.flatMap((c) => [clashOf(c.a), clashOf(c.b)]));
  for (const ft of events.features) {
    ft.properties.clash = clashingOcc.has(clashOf(ft.properties));
    ft.properties.colour = KIND_COLOURS[ft.properties.kind] || KIND_COLOURS.other;
  }
  spread(events.features);
  legend(events.features);
  if (!hasWebGL()) {
    drawStatic('events-map', [{ features: (data.areas?.features || []).filter((f) => f.properties.kind === 'arrondissement'), line: '#b9b9ad', width: 0.8 },
      { features: events.features.filter((f) => !f.properties.clash), fill: '#1f5f8b', line: '#1f5f8b', width: 4, opacity: 0.35, radius: 7, color: (f) => f.properties.colour },
      { features: events.features.filter((f) => f.properties.clash), fill: '#b3261e', line: '#b3261e', width: 5, opacity: 0.5, radius: 9, color: (f) => f.properties.colour }]);
    return;
  }
  const ml = window.maplibregl;
  if (!map) {
    map = new ml.Map({ container: 'events-map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef0ea' } }] }, center: [5.39, 43.285], zoom: 12 });
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: data.areas || { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'a', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'arrondissement'], paint: { 'line-color': '#b9b9ad', 'line-width': 0.8 } });
      map.addSource('events', { type: 'geojson', data: events });
      // The colour says the kind; a clash is a thick red edge, drawn on top.
      const colour = ['get', 'colour'];
      const edge = ['case', ['get', 'clash'], '#b3261e', '#ffffff'];
      map.addLayer({ id: 'ev-area', type: 'fill', source: 'events', filter: ['==', ['geometry-type'], 'Polygon'], paint: { 'fill-color': colour, 'fill-opacity': 0.35, 'fill-outline-color': edge } });
      map.addLayer({ id: 'ev-route', type: 'line', source: 'events', filter: ['==', ['geometry-type'], 'LineString'], paint: { 'line-color': colour, 'line-width': ['case', ['get', 'clash'], 6, 4] } });
      map.addLayer({ id: 'ev-point', type: 'circle', source: 'events', filter: ['==', ['geometry-type'], 'Point'], layout: { 'circle-sort-key': ['case', ['get', 'clash'], 1, 0] },
        paint: { 'circle-color': colour, 'circle-radius': 7, 'circle-stroke-color': edge, 'circle-stroke-width': ['case', ['get', 'clash'], 3, 1.5] } });
    });
  } else if (map.getSource('events')) {
    map.getSource('events').setData(events);
  }
}
