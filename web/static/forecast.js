// The forecast page: where road accidents (or calls) are expected on a day,
// from the most similar past days and the events near each cell, with the
// skill measured over the year before — and, when that skill does not beat
// the baselines, said so and ranked by the best baseline instead
// (/api/forecast). The backtest is drawn: hit rate against the share of
// the area for every method, and a reliability diagram (/api/backtest).
// The day's top cells can be sent to the plan page as a suggestion of
// where to send mediators.
import { t, num, getLang, date, errorText, fixed, pct } from './i18n.js';
import { data, state, city, cityName } from './app.js';
import { hasWebGL, drawStatic } from './staticmap.js';

let map = null;
let current = null;
let backtest = null;

export function initForecast() {
  const f = document.getElementById('forecast-form');
  f.addEventListener('submit', (e) => { e.preventDefault(); run(); });
  document.getElementById('fc-suggest').addEventListener('click', () => {
    if (!current) return;
    data.suggestion = { date: current.date, method: current.method, meaningful: current.meaningful, synthetic: current.synthetic,
      cells: current.cells.map((c) => ({ lon: c.lon, lat: c.lat, expected: c.expected })) };
    location.hash = '#plan';
  });
}

function el(tag, attrs = {}, ...children) {
  const svg = ['svg', 'line', 'polyline', 'text', 'title', 'g', 'circle', 'rect'].includes(tag);
  const e = svg ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

// The outcome sources of the chosen commune: those whose grid lies in its
// extent (a source's grid starts at its latitude lat0).
let outcomes = null;
let filledFor = null;
async function fillSources() {
  if (!outcomes) {
    const res = await fetch('/api/outcomes');
    outcomes = res.ok ? await res.json() : [];
    outcomes.sort((a, b) => b.counted - a.counted);
  }
  if (filledFor === state.city + getLang()) return;
  filledFor = state.city + getLang();
  const c = city();
  const mine = state.city === '*' || !c ? outcomes : outcomes.filter((s) => s.lat0 >= c.bbox[1] - 0.1 && s.lat0 <= c.bbox[3] + 0.1);
  const sel = document.getElementById('fc-source');
  const was = sel.value;
  sel.replaceChildren(...mine.map((s) => el('option', { value: s.name }, `${s.name} — ${num(s.counted)} (${date(s.first)} → ${date(s.last)})${s.synthetic ? ' · ' + t('fc.syn') : ''}`)));
  if (mine.some((s) => s.name === was)) sel.value = was;
}

let ranFor = null;
export async function renderForecast() {
  await fillSources();
  const none = !document.getElementById('fc-source').options.length;
  for (const id of ['fc-map', 'fc-table', 'fc-backtest', 'fc-day', 'fc-why', 'fc-analogues']) document.getElementById(id).hidden = none;
  if (none) {
    current = null;
    document.getElementById('fc-status').textContent = t('fc.nosource', { where: cityName() });
    document.getElementById('fc-suggest').hidden = true;
    return;
  }
  if (!current || ranFor !== state.city) {
    ranFor = state.city;
    await run();
  } else show();
}

async function run() {
  const f = document.getElementById('forecast-form');
  const q = new URLSearchParams({ date: f.date.value, top: f.top.value, source: f.source.value || '' });
  const status = document.getElementById('fc-status');
  status.textContent = t('fc.computing');
  const bq = new URLSearchParams({ source: f.source.value || '' });
  // "match" scores the match days city-wide; "match@1000" only their cells within 1 km of the matches.
  const [kind, near] = (f.eventdays.value || '').split('@');
  if (kind) bq.set('event_days', kind);
  if (near) bq.set('near', near);
  // A window of the day ("18-24@match": the evening, near that day's matches), asked beside the day.
  const [hours, wkind] = (f.window.value || '').split('@');
  const wq = new URLSearchParams({ date: f.date.value, source: f.source.value || '', hours: hours || '', kind: wkind || '' });
  const [fr, br, wr] = await Promise.all([fetch(`/api/forecast?${q}`), fetch(`/api/backtest?${bq}`), hours ? fetch(`/api/forecast?${wq}`) : null]);
  const fb = await fr.json();
  const bb = await br.json();
  windowAnswer = wr ? { ok: wr.ok, res: wr, body: await wr.json() } : null;
  if (!fr.ok || !br.ok) {
    current = null;
    status.textContent = errorText(fb.error ? fb : bb, fr.ok ? br : fr);
    return;
  }
  current = fb;
  backtest = bb;
  show();
}

let windowAnswer = null;

// showWindow says the window's forecast in words: what is expected, what
// it stands on (similar days, the effect of past events here with its
// interval) and whether it beat its baselines on the past windows.
function showWindow() {
  const p = document.getElementById('fc-window');
  p.hidden = !windowAnswer;
  if (!windowAnswer) return;
  const { ok, res, body: w } = windowAnswer;
  if (!ok) {
    p.textContent = errorText(w, res);
    return;
  }
  const to = w.to_hour > 24 ? w.to_hour - 24 : w.to_hour;
  const parts = [t('fc.w.expect', { date: date(w.date), from: w.from_hour, to, zone: w.timezone, m: num(w.radius_m), kind: t('evk.' + w.kind),
    expected: fixed(w.expected, 2), low: num(w.low), high: num(w.high) }), t('fc.w.base', { base: fixed(w.base, 2) })];
  if (w.event_days.length) {
    parts.push(t(w.enough_events ? 'fc.w.effect' : 'fc.w.effectfew', { n: num(w.event_days.length), kind: t('evk.' + w.kind), effect: fixed(w.raw_effect, 2),
      lo: fixed(w.effect_low, 2), hi: fixed(w.effect_high, 2), shrunk: fixed(w.effect, 2) }));
  } else parts.push(t('fc.w.noevents', { kind: t('evk.' + w.kind) }));
  const me = w.skill.find((s) => s.method === w.method);
  const nocal = w.skill.find((s) => s.method === 'analogue_days');
  if (me) parts.push(t('fc.w.skill', { n: num(me.windows), mae: fixed(me.mae, 2), nocal: fixed(nocal.mae, 2), cover: pct(me.coverage90, 0) }));
  parts.push(t(w.meaningful ? 'fc.w.ok' : 'fc.w.no'));
  if (w.observed !== undefined) parts.push(t('fc.w.observed', { n: num(w.observed) }));
  p.textContent = parts.join(' ');
  p.className = w.meaningful ? 'verdict ok' : 'verdict no';
}

const METHODS = ['long_term_rate', 'same_weekday_rate', 'kde_last_weeks', 'self_exciting', 'analogue_days', 'analogue_calendar'];
// The baselines a forecast must beat (forecast.Baselines); the self-exciting model is drawn beside them.
const BASELINES = ['long_term_rate', 'same_weekday_rate', 'kde_last_weeks'];
const COLOURS = { self_exciting: '#2a7f7f', long_term_rate: '#6b6b6b', same_weekday_rate: '#a36a00', kde_last_weeks: '#7a4fa0', analogue_days: '#1f5fa8', analogue_calendar: '#b3261e' };
const pai = (r) => num(Math.round(r.pai['1'] * 100) / 100);

function show() {
  showWindow();
  const f = current;
  const status = document.getElementById('fc-status');
  const judged = f.skill.find((r) => r.method.startsWith('analogue') && r.method === (f.calendar ? 'analogue_calendar' : 'analogue_days'));
  const best = f.skill.filter((r) => BASELINES.includes(r.method)).sort((a, b) => b.pai['1'] - a.pai['1'])[0];
  status.textContent = t(f.meaningful ? 'fc.meaningful' : 'fc.notmeaningful', {
    from: date(f.skill_from), to: date(f.skill_to), method: t('m.' + f.method), pai: judged ? pai(judged) : '–', best: t('m.' + best.method), bestpai: pai(best),
  });
  const why = document.getElementById('fc-why');
  why.replaceChildren(...shortfalls(f.skill, judged).slice(0, 6).map((w) => el('li', {}, w)));
  document.getElementById('fc-synthetic').hidden = !f.synthetic;
  const day = [];
  if (f.day.holiday) day.push(t('fc.holiday'));
  if (f.day.school_holiday) day.push(t('fc.school'));
  for (const h of f.day.happenings || []) day.push(`${h.name} (${t('evk.' + h.kind)})`);
  document.getElementById('fc-day').textContent = t('fc.day', { date: date(f.date), what: day.length ? day.join(getLang() === 'fr' ? ' ; ' : '; ') : t('fc.ordinary'),
    total: num(Math.round(f.expected_total * 10) / 10), source: f.source.name });
  document.getElementById('fc-analogues').textContent = t('fc.analogues', { days: f.analogue_days.slice(0, 12).map(date).join(', '), n: f.analogue_days.length });
  const table = document.getElementById('fc-table');
  const head = el('tr', {}, ...[t('fc.rank'), t('fc.where'), t('fc.expected'), t('fc.interval'), t('fc.because')].map((h) => el('th', { scope: 'col' }, h)));
  table.tHead.replaceChildren(head);
  // Where: the quartier the cell's centre lies in (its coordinates in a
  // tooltip). Why: the events near it, or what the method ranks it by.
  const because = t('fc.by.' + f.method, { n: f.analogue_days.length });
  table.tBodies[0].replaceChildren(...f.cells.map((c, i) => el('tr', {},
    el('th', { scope: 'row' }, String(i + 1)),
    el('td', { title: `${c.lat.toFixed(4)}, ${c.lon.toFixed(4)}` }, placeOf(c.lon, c.lat)),
    el('td', {}, num(Math.round(c.expected * 100) / 100)),
    el('td', {}, `${c.low}–${c.high}`),
    el('td', {}, c.events ? t('fc.near', { events: [...new Set(c.events)].join(getLang() === 'fr' ? ' ; ' : '; '), n: (c.event_days || []).length }) : because)),
  ));
  // Nothing to propose to the plan from a forecast that is not meaningful.
  document.getElementById('fc-suggest').hidden = !f.meaningful;
  document.getElementById('fc-nosuggest').hidden = f.meaningful;
  drawMap(f);
  drawBacktest();
}

// placeOf names the quartier (and its arrondissement) a point lies in, or
// gives its coordinates when no boundary holds it.
function placeOf(lon, lat) {
  const areas = data.areas?.features || [];
  const q = areas.find((a) => a.properties.kind === 'quartier' && contains(a.geometry, lon, lat));
  if (!q) return `${lat.toFixed(4)}, ${lon.toFixed(4)}`;
  const arr = areas.find((a) => a.properties.kind === 'arrondissement' && a.properties.code === q.properties.parent);
  const name = q.properties.name.charAt(0) + q.properties.name.slice(1).toLowerCase();
  return arr ? `${name} (${arr.properties.name})` : name;
}

// contains: is the point inside the polygon (even-odd rule, holes included)?
function contains(g, x, y) {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.type === 'MultiPolygon' ? g.coordinates : [];
  let inside = false;
  for (const rings of polys) {
    for (const ring of rings) {
      for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
        const [xi, yi] = ring[i];
        const [xj, yj] = ring[j];
        if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) inside = !inside;
      }
    }
  }
  return inside;
}

// shortfalls says, in the page's language, where the similar-days method
// does not beat a baseline (as forecast.Verdict does on the server).
function shortfalls(skill, judged) {
  if (!judged) return [];
  const out = [];
  for (const b of skill.filter((r) => BASELINES.includes(r.method))) {
    for (const k of ['1', '5', '10', '20']) {
      if (judged.pai[k] <= b.pai[k]) out.push(t('fc.whypai', { k, v: num(Math.round(judged.pai[k] * 100) / 100), method: t('m.' + b.method), bv: num(Math.round(b.pai[k] * 100) / 100) }));
    }
    if (judged.bss <= b.bss) out.push(t('fc.whybss', { v: fixed(judged.bss, 4), method: t('m.' + b.method), bv: fixed(b.bss, 4) }));
  }
  return out;
}

// cellSquare is the cell's outline on the grid (a local equirectangular
// projection about lat0).
function cellSquare(c, grid) {
  const hx = grid.cell_m / 2 / (111320 * Math.cos(grid.lat0 * Math.PI / 180)), hy = grid.cell_m / 2 / 110540;
  return [[[c.lon - hx, c.lat - hy], [c.lon + hx, c.lat - hy], [c.lon + hx, c.lat + hy], [c.lon - hx, c.lat + hy], [c.lon - hx, c.lat - hy]]];
}

function drawMap(f) {
  const cells = { type: 'FeatureCollection', features: f.cells.map((c, i) => ({ type: 'Feature', geometry: { type: 'Polygon', coordinates: cellSquare(c, f.grid) },
    properties: { rank: i + 1, expected: c.expected, events: c.events ? 1 : 0 } })) };
  const top = Math.max(...f.cells.map((c) => c.expected), 1e-9);
  if (!hasWebGL()) {
    drawStatic('fc-map', [{ features: (data.areas?.features || []).filter((f) => f.properties.kind === 'arrondissement'), line: '#b9b9ad', width: 0.8 },
      { features: cells.features, fill: '#b3261e', line: '#7a1a14', width: 0.6, opacity: 0.6 }]);
    return;
  }
  const ml = window.maplibregl;
  if (!map) {
    map = new ml.Map({ container: 'fc-map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef0ea' } }] }, center: [5.39, 43.29], zoom: 11.3 });
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: data.areas || { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'a', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'arrondissement'], paint: { 'line-color': '#b9b9ad', 'line-width': 0.8 } });
      map.addSource('fc-cells', { type: 'geojson', data: cells });
      map.addLayer({ id: 'fc-cells', type: 'fill', source: 'fc-cells', paint: { 'fill-color': '#b3261e', 'fill-opacity': ['+', 0.25, ['*', 0.65, ['/', ['get', 'expected'], top]]] } });
      map.addLayer({ id: 'fc-edge', type: 'line', source: 'fc-cells', paint: { 'line-color': ['case', ['==', ['get', 'events'], 1], '#1a1a1a', '#7a1a14'], 'line-width': ['case', ['==', ['get', 'events'], 1], 2, 0.6] } });
    });
  } else if (map.getSource('fc-cells')) {
    map.getSource('fc-cells').setData(cells);
    map.setPaintProperty('fc-cells', 'fill-opacity', ['+', 0.25, ['*', 0.65, ['/', ['get', 'expected'], top]]]);
  }
}

// drawBacktest draws the hit rate against the share of the area (0 to
// 20 %) for every method, and the reliability diagram, with the table.
function drawBacktest() {
  const b = backtest;
  const out = document.getElementById('fc-backtest');
  const res = METHODS.map((m) => b.results.find((r) => r.method === m)).filter(Boolean);
  const W = 300, H = 180;
  const hit = el('svg', { viewBox: `-44 -8 ${W + 70} ${H + 34}`, role: 'img', 'aria-label': t('fc.hitchart'), class: 'chart', id: 'fc-hit' }, el('title', {}, t('fc.hitchart')));
  const xs = (a) => (a / 20) * W;
  const ymax = Math.max(...res.map((r) => r.hit_rate['20']), 0.1);
  const ys = (v) => H - (v / ymax) * H;
  hit.append(el('line', { x1: 0, y1: H, x2: W, y2: H, class: 'axisline' }), el('line', { x1: 0, y1: 0, x2: 0, y2: H, class: 'axisline' }));
  hit.append(el('polyline', { points: [0, 1, 5, 10, 20].map((a) => `${xs(a)},${ys(a / 100)}`).join(' '), class: 'chance' }));
  for (const a of [1, 5, 10, 20]) hit.append(el('text', { x: xs(a), y: H + 14, 'text-anchor': 'middle', class: 'axis' }, pct(a / 100, 0)));
  for (const v of [0, ymax / 2, ymax]) hit.append(el('text', { x: -4, y: ys(v) + 3, 'text-anchor': 'end', class: 'axis' }, pct(v, 0)));
  hit.append(el('text', { x: W / 2, y: H + 28, 'text-anchor': 'middle', class: 'axis' }, t('fc.area')));
  for (const r of res) {
    hit.append(el('polyline', { points: [0, 1, 5, 10, 20].map((a) => `${xs(a)},${ys(a ? r.hit_rate[String(a)] : 0)}`).join(' '), class: 'method', stroke: COLOURS[r.method], 'data-method': r.method }));
  }
  const rel = el('svg', { viewBox: `-44 -8 ${W + 70} ${H + 34}`, role: 'img', 'aria-label': t('fc.relchart'), class: 'chart', id: 'fc-rel' }, el('title', {}, t('fc.relchart')));
  const pmax = Math.max(0.05, ...res.flatMap((r) => (r.reliability || []).filter((x) => x.n > 100).map((x) => Math.max(x.forecast, x.observed))));
  const rx = (p) => (Math.min(p, pmax) / pmax) * W, ry = (p) => H - (Math.min(p, pmax) / pmax) * H;
  rel.append(el('line', { x1: 0, y1: H, x2: W, y2: H, class: 'axisline' }), el('line', { x1: 0, y1: 0, x2: 0, y2: H, class: 'axisline' }));
  rel.append(el('line', { x1: 0, y1: H, x2: W, y2: 0, class: 'chance' }));
  for (const v of [0, pmax / 2, pmax]) {
    rel.append(el('text', { x: rx(v), y: H + 14, 'text-anchor': 'middle', class: 'axis' }, pct(v, 1)));
    rel.append(el('text', { x: -4, y: ry(v) + 3, 'text-anchor': 'end', class: 'axis' }, pct(v, 1)));
  }
  rel.append(el('text', { x: W / 2, y: H + 28, 'text-anchor': 'middle', class: 'axis' }, t('fc.forecastp')));
  for (const r of res) {
    const bins = (r.reliability || []).filter((x) => x.n > 100);
    rel.append(el('polyline', { points: bins.map((x) => `${rx(x.forecast)},${ry(x.observed)}`).join(' '), class: 'method', stroke: COLOURS[r.method], 'data-method': r.method }));
  }
  const legend = el('ul', { class: 'legend-methods' }, ...res.map((r) => el('li', {}, el('span', { class: 'swatch' }), ' ' + t('m.' + r.method))));
  legend.querySelectorAll('.swatch').forEach((s, i) => { s.dataset.method = res[i].method; });
  const table = el('table', { class: 'plan-table', id: 'fc-skill' }, el('caption', {}, t('fc.skilltable', { from: b.from, to: b.to })));
  table.append(el('thead', {}, el('tr', {}, ...[t('fc.method'), 'PAI 1 %', 'PAI 5 %', 'PAI 10 %', 'PAI 20 %', t('fc.hit') + ' 20 %', 'Brier', 'BSS'].map((h) => el('th', { scope: 'col' }, h)))));
  table.append(el('tbody', {}, ...res.map((r) => el('tr', {}, el('th', { scope: 'row' }, t('m.' + r.method)),
    ...['1', '5', '10', '20'].map((k) => el('td', {}, num(Math.round(r.pai[k] * 100) / 100))),
    el('td', {}, pct(r.hit_rate['20'], 1)), el('td', {}, fixed(r.brier, 5)), el('td', {}, (r.bss >= 0 ? '+' : '') + fixed(r.bss, 4))))));
  out.replaceChildren(
    el('p', { id: 'fc-verdict', class: b.meaningful ? 'verdict ok' : 'verdict no' }, t(b.meaningful ? 'fc.btok' : 'fc.btno', { method: t('m.' + b.method), days: b.event_days ? t(b.near_m ? 'fc.onlynear' : 'fc.only', { kind: t('evk.' + b.event_days), m: num(b.near_m || 0) }) : '' })),
    el('div', { class: 'charts' }, el('figure', {}, hit, el('figcaption', {}, t('fc.hitchart'))), el('figure', {}, rel, el('figcaption', {}, t('fc.relchart')))),
    legend,
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('fc.skilltable', { from: b.from, to: b.to }) }, table),
  );
}
