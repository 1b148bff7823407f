// The plan page: two scenarios side by side, each a year-by-year reduction
// plan from /api/plan, with its budget chart (cameras € against mediators €),
// its usefulness and coverage chart, its table, and a map of the chosen year.
import { t, num, getLang, date, errorText, eur, pct as share } from './i18n.js';
import { data, state, city, cityName, cityAreas } from './app.js';
import { hasWebGL, drawStatic } from './staticmap.js';

const results = { a: null, b: null };
let year = 0;
let map = null;

export function initPlan() {
  const a = document.querySelector('form[data-scenario=a]');
  const b = document.querySelector('form[data-scenario=b]');
  for (const el of a.querySelectorAll('label, button')) b.append(el.cloneNode(true));
  b.elements.mode.value = 'loss';
  for (const f of [a, b]) f.addEventListener('submit', (e) => { e.preventDefault(); run(f.dataset.scenario); });
  document.getElementById('plan-year').addEventListener('input', (e) => { year = Number(e.target.value); renderPlan(); });
}

// A page opens computed: both scenarios with their defaults, on arrival.
// Only the latest answer for a scenario is drawn (seq), so that a click
// made while the first is computed wins.
let startedFor = null;
const seq = { a: 0, b: 0 };

// planSource is the source the plan runs on in the chosen commune: the one
// whose cameras have usage counts ('' when none has).
function planSource() {
  if (state.city === '*') return data.communes.find((c) => c.plan_source)?.plan_source || '';
  return city()?.plan_source || '';
}

async function run(s) {
  const mine = ++seq[s];
  const f = document.querySelector(`form[data-scenario=${s}]`);
  const out = document.getElementById(`plan-${s}`);
  const q = new URLSearchParams();
  if (!planSource()) {
    results[s] = null;
    out.replaceChildren(el('p', { role: 'status' }, t('plan.nousage', { where: cityName() })));
    return;
  }
  q.set('source', planSource());
  for (const name of ['mode', 'target', 'capacity', 'contracts', 'scenario', 'method']) {
    if (f.elements[name].value) q.set(name, f.elements[name].value);
  }
  if (f.elements.mode.value === 'loss') q.set('loss_cap', String(Number(f.elements.loss_cap.value) / 100));
  out.textContent = '…';
  const res = await fetch(`/api/plan?${q}`);
  const body = await res.json();
  if (mine !== seq[s]) return;
  if (!res.ok) {
    results[s] = null;
    out.replaceChildren(el('p', { class: 'error', role: 'alert' }, errorText(body, res)));
    return;
  }
  results[s] = body;
  renderPlan();
}

function el(tag, attrs = {}, ...children) {
  const ns = ['svg', 'rect', 'line', 'polyline', 'text', 'title', 'g', 'circle'].includes(tag) ? 'http://www.w3.org/2000/svg' : null;
  const e = ns ? document.createElementNS(ns, tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

const meur = (v) => eur(v, 'M');
const pct = (v) => share(v, 1);

// yAxis draws the value axis of a chart: a grid line and a label at each
// tick, given as [share of the height, label].
function yAxis(svg, W, H, ticks) {
  for (const [k, label] of ticks) {
    const y = H - k * H;
    svg.append(el('line', { x1: 0, x2: W, y1: y, y2: y, class: 'grid' }));
    svg.append(el('text', { x: -6, y: y + 4, 'text-anchor': 'end', class: 'axis axis-y' }, label));
  }
}

// budgetChart draws, per year, what the remaining cameras cost and what the
// mediators cost, in € a year.
function budgetChart(r) {
  const years = r.plan.years;
  const max = r.plan.initial_cost;
  const W = 320, H = 150, bw = W / years.length;
  const svg = el('svg', { viewBox: `-52 -8 ${W + 56} ${H + 26}`, role: 'img', 'aria-label': t('plan.budget'), class: 'chart' }, el('title', {}, t('plan.budget')));
  yAxis(svg, W, H, [0, 0.5, 1].map((k) => [k, meur(k * max)]));
  years.forEach((y, i) => {
    const hc = (y.camera_budget / max) * H, hm = (y.mediator_budget / max) * H;
    const x = i * bw + 4;
    svg.append(el('rect', { x, y: H - hc, width: bw / 2 - 4, height: hc, class: 'bar-cameras' + (i === year ? ' current' : '') }));
    svg.append(el('rect', { x: x + bw / 2 - 4, y: H - hm, width: bw / 2 - 4, height: hm, class: 'bar-mediators' + (i === year ? ' current' : '') }));
    svg.append(el('text', { x: x + bw / 2 - 6, y: H + 14, 'text-anchor': 'middle', class: 'axis' }, String(y.year)));
  });
  return svg;
}

// keptChart draws the usefulness kept and the need covered, in %.
function keptChart(r) {
  const years = r.plan.years;
  const W = 320, H = 120, step = W / Math.max(1, years.length - 1);
  const line = (f) => years.map((y, i) => `${i * step},${H - f(y) * H}`).join(' ');
  const svg = el('svg', { viewBox: `-52 -8 ${W + 68} ${H + 26}`, role: 'img', 'aria-label': t('plan.kept'), class: 'chart' }, el('title', {}, t('plan.kept')));
  yAxis(svg, W, H, [0, 0.5, 1].map((k) => [k, share(k, 0)]));
  svg.append(el('polyline', { points: line((y) => y.usefulness_kept), class: 'line-kept' }));
  svg.append(el('polyline', { points: line((y) => y.coverage), class: 'line-covered' }));
  svg.append(el('line', { x1: year * step, x2: year * step, y1: 0, y2: H, class: 'cursor' }));
  years.forEach((y, i) => svg.append(el('text', { x: i * step, y: H + 16, 'text-anchor': 'middle', class: 'axis' }, String(y.year))));
  return svg;
}

function table(r) {
  const tb = el('table', { class: 'plan-table' }, el('caption', {}, t('plan.table')));
  const head = el('tr');
  for (const k of ['plan.year', 'plan.closed', 'plan.saved', 'plan.posts', 'plan.keptcol', 'plan.covered', 'plan.gap']) head.append(el('th', { scope: 'col' }, t(k)));
  tb.append(el('thead', {}, head));
  const body = el('tbody');
  r.plan.years.forEach((y, i) => {
    const tr = el('tr', i === year ? { class: 'current' } : {});
    tr.append(el('th', { scope: 'row' }, String(y.year)), el('td', {}, num(y.closed_count)), el('td', {}, meur(y.cumulative_savings)),
      el('td', {}, num(y.posts)), el('td', {}, pct(y.usefulness_kept)), el('td', {}, pct(y.coverage)), el('td', {}, pct(y.gap)));
    body.append(tr);
  });
  tb.append(body);
  return tb;
}

export function renderPlan() {
  if (startedFor !== state.city) {
    startedFor = state.city;
    results.a = results.b = null;
    run('a');
    run('b');
  }
  for (const s of ['a', 'b']) {
    const out = document.getElementById(`plan-${s}`);
    const r = results[s];
    if (!r) continue;
    const y = r.plan.years[Math.min(year, r.plan.years.length - 1)];
    out.replaceChildren(
      el('p', { class: 'summary' }, getLang() === 'en' ? r.summary_en : r.summary_fr),
      el('p', { class: 'figures' }, t('plan.bound', { gap: pct(r.gap) })),
      el('h4', {}, t('plan.budget')), budgetChart(r),
      el('p', { class: 'legend-line' }, el('span', { class: 'key key-cameras' }), ' ' + t('plan.cameras') + '  ', el('span', { class: 'key key-mediators' }), ' ' + t('plan.mediators')),
      el('h4', {}, t('plan.kept')), keptChart(r),
      el('p', { class: 'legend-line' }, el('span', { class: 'key key-kept' }), ' ' + t('plan.keptcol') + '  ', el('span', { class: 'key key-covered' }), ' ' + t('plan.covered')),
      table(r),
    );
    if (r.synthetic) out.prepend(el('p', { class: 'banner-inline', role: 'note' }, t('synthetic')));
    if (s === 'a' || !results.a) document.getElementById('plan-year-out').textContent = String(y.year);
  }
  const r = results.a || results.b;
  if (r) {
    const range = document.getElementById('plan-year');
    range.max = String(r.plan.years.length - 1);
    drawMap(r);
  }
  showSuggestion(r);
}

// metres between two [lon, lat] points (equirectangular: fine within a city).
function metres(a, b) {
  const kx = 111320 * Math.cos(((a[1] + b[1]) / 2) * Math.PI / 180);
  return Math.hypot((a[0] - b[0]) * kx, (a[1] - b[1]) * 110540);
}

// showSuggestion says what the forecast page suggested (data.suggestion):
// the day's top cells, and how many of them the year's posts reach.
function showSuggestion(r) {
  const p = document.getElementById('plan-suggestion');
  const sg = data.suggestion;
  p.hidden = !sg;
  if (!sg) return;
  let covered = '—';
  if (r) {
    const sites = r.sites[Math.min(year, r.sites.length - 1)]?.sites || [];
    covered = num(sg.cells.filter((c) => sites.some((s) => metres([c.lon, c.lat], s.location) <= 1000)).length);
  }
  p.textContent = t('plan.suggestion', { date: date(sg.date), n: num(sg.cells.length), method: t('m.' + sg.method),
    meaningful: sg.meaningful ? '' : t('plan.suggestion.no'), covered }) + (sg.synthetic ? ' ' + t('fc.synthetic') : '');
}

function suggestionData() {
  const sg = data.suggestion;
  return { type: 'FeatureCollection', features: (sg?.cells || []).map((c, i) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: [c.lon, c.lat] }, properties: { rank: i + 1 } })) };
}

function drawMap(r) {
  const y = r.plan.years[Math.min(year, r.plan.years.length - 1)].year;
  const cams = { type: 'FeatureCollection', features: r.cameras.map((c) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: c.location },
    properties: { closed: c.closed_in > 0 && c.closed_in <= y ? 1 : 0 } })) };
  const sites = r.sites[Math.min(year, r.sites.length - 1)];
  const posts = { type: 'FeatureCollection', features: (sites?.sites || []).map((s) => ({ type: 'Feature', geometry: { type: 'Point', coordinates: s.location }, properties: { posts: s.posts } })) };
  if (!hasWebGL()) {
    drawStatic('plan-map', [{ features: (data.areas?.features || []).filter((f) => f.properties.kind === 'quartier'), line: '#b9b9ad', width: 0.6 },
      { features: cams.features, radius: 2.5, color: (f) => (f.properties.closed ? '#b3261e' : '#1e7b34') },
      { features: posts.features, radius: (f) => 5 + 2 * f.properties.posts, color: () => 'rgba(31,95,168,0.6)' }], { fit: cams.features });
    return;
  }
  const ml = window.maplibregl;
  if (!map) {
    map = new ml.Map({ container: 'plan-map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef0ea' } }] }, center: [5.4, 43.3], zoom: 10 });
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: data.areas || { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'q', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'quartier'], paint: { 'line-color': '#b9b9ad', 'line-width': 0.6 } });
      map.addSource('plan-cams', { type: 'geojson', data: cams });
      map.addSource('plan-posts', { type: 'geojson', data: posts });
      map.addLayer({ id: 'plan-cams', type: 'circle', source: 'plan-cams', paint: { 'circle-radius': 2.5, 'circle-color': ['case', ['==', ['get', 'closed'], 1], '#b3261e', '#1e7b34'] } });
      map.addLayer({ id: 'plan-posts', type: 'circle', source: 'plan-posts', paint: { 'circle-radius': ['+', 5, ['*', 2, ['get', 'posts']]], 'circle-color': '#1f5fa8', 'circle-opacity': 0.6, 'circle-stroke-color': '#fff', 'circle-stroke-width': 1.5 } });
      map.addSource('plan-suggestion', { type: 'geojson', data: suggestionData() });
      map.addLayer({ id: 'plan-suggestion', type: 'circle', source: 'plan-suggestion', paint: { 'circle-radius': 6, 'circle-color': '#e67e00', 'circle-stroke-color': '#1a1a1a', 'circle-stroke-width': 1 } });
      const b = new ml.LngLatBounds();
      for (const f of cams.features) b.extend(f.geometry.coordinates);
      if (!b.isEmpty()) map.fitBounds(b, { padding: 20, duration: 0 });
    });
  } else if (map.getSource('plan-cams')) {
    map.getSource('plan-cams').setData(cams);
    map.getSource('plan-posts').setData(posts);
    map.getSource('plan-suggestion')?.setData(suggestionData());
  }
  const legend = document.getElementById('plan-legend');
  legend.replaceChildren(el('ul', {},
    el('li', {}, el('span', { class: 'key key-kept' }), ' ' + t('plan.kept.cam')),
    el('li', {}, el('span', { class: 'key key-closed' }), ' ' + t('plan.closed.cam', { year: y })),
    el('li', {}, el('span', { class: 'key key-posts' }), ' ' + t('plan.posts.map')),
    ...(data.suggestion ? [el('li', {}, el('span', { class: 'key key-suggestion' }), ' ' + t('plan.suggestion.key'))] : [])));
}
