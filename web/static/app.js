// clairvoie's web app: a map, the registry, the checks and the
// reconciliation of a workspace, in French and English. No build step:
// plain ES modules and MapLibre GL JS (CSP build) loaded by index.html.
import { t, setLang, getLang, translate, num, date, fold, setVocabularies } from './i18n.js';
import { createMap, updateMap, mapCount, getMap, screenCount } from './map.js';
import { renderRegistry, selection, downloadCSV, downloadGeoJSON } from './registry.js';
import { renderChecks } from './checks.js';
import { renderReconcile, initReconcile } from './reconcile.js';
import { initPlan, renderPlan } from './plan.js';
import { renderOpenData } from './opendata.js';
import { renderRegister } from './register.js';
import { initEvents, renderEvents } from './events.js';
import { initFibre, renderFibre } from './fibre.js';
import { initForecast, renderForecast } from './forecast.js';
import { renderInstallation } from './installation.js';

const VIEWS = ['map', 'registry', 'checks', 'reconcile', 'plan', 'fibre', 'events', 'forecast', 'installation', 'register', 'opendata'];

// state is the whole view state; it lives in the URL hash, so that a link
// can be shared: #map?lang=en&st=active&date=2020-12-31&z=12&c=5.38,43.29
export const state = {
  view: 'map', city: '', st: ['active', 'out_of_service'], src: '', arr: '', color: 'st', choro: false,
  date: '', q: '', sort: '', page: 1, z: null, c: null,
};

export const data = { cameras: null, areas: null, sources: [], communes: [], today: new Date().toISOString().slice(0, 10), minDate: '' };

function readHash() {
  const [view, query] = location.hash.slice(1).split('?');
  state.view = VIEWS.includes(view) ? view : 'map';
  const p = new URLSearchParams(query || '');
  if (p.has('lang')) setLang(p.get('lang'));
  if (p.has('st')) state.st = p.get('st').split(',').filter(Boolean);
  state.city = p.get('city') || '';
  state.src = p.get('src') || '';
  state.arr = p.get('arr') || '';
  state.color = p.get('color') || 'st';
  state.choro = p.get('ch') === '1';
  state.date = p.get('date') || '';
  state.q = p.get('q') || '';
  state.sort = p.get('sort') || '';
  state.page = Number(p.get('page')) || 1;
  state.z = p.has('z') ? Number(p.get('z')) : null;
  state.c = p.has('c') ? p.get('c').split(',').map(Number) : null;
}

export function writeHash() {
  const p = new URLSearchParams();
  if (getLang() !== 'fr') p.set('lang', getLang());
  if (state.city) p.set('city', state.city);
  p.set('st', state.st.join(','));
  if (state.src) p.set('src', state.src);
  if (state.arr) p.set('arr', state.arr);
  if (state.color !== 'st') p.set('color', state.color);
  if (state.choro) p.set('ch', '1');
  if (state.date) p.set('date', state.date);
  if (state.q) p.set('q', state.q);
  if (state.sort) p.set('sort', state.sort);
  if (state.page > 1) p.set('page', String(state.page));
  if (state.z != null) p.set('z', state.z.toFixed(2));
  if (state.c) p.set('c', state.c.map((x) => x.toFixed(5)).join(','));
  history.replaceState(null, '', `#${state.view}?${p}`);
}

// visible tells whether a camera passes the filters and, on the map, was in
// service at the timeline's date. Status filters apply to the status at
// that date: a camera removed since was in service then.
export function visible(f, withDate = true) {
  const p = f.properties;
  const dated = withDate && state.date && p.st !== 'planned';
  const st = dated && p.st === 'removed' && p.e && p.e > state.date ? 'active' : p.st;
  if (!state.st.includes(st)) return false;
  if (!inCity(f)) return false;
  if (state.src && p.src !== state.src) return false;
  if (state.arr && p.a !== state.arr) return false;
  if (!dated) return true;
  if (p.s && p.s > state.date) return false;
  if (p.e && p.e <= state.date) return false;
  return true;
}

// One city at a time: every page shows the chosen commune (state.city, an
// INSEE code; '*' for all of them; '' until the communes are known, then
// the one with the most cameras).
export function inCity(f) { return state.city === '*' || (f.properties.c || '') === state.city; }
export function city() { return data.communes.find((c) => c.code === state.city) || null; }
export function cityName() {
  if (state.city === '*') return t('allcities');
  const c = city();
  return c ? (c.name || c.code || t('nocity')) : '';
}
// cityAreas are the boundaries of the chosen commune: itself, its
// arrondissements and their quartiers.
export function cityAreas() {
  const feats = data.areas?.features || [];
  if (state.city === '*') return feats;
  const arrs = new Set(feats.filter((f) => f.properties.kind === 'arrondissement' && f.properties.parent === state.city).map((f) => f.properties.code));
  return feats.filter((f) => f.properties.code === state.city || f.properties.parent === state.city || arrs.has(f.properties.parent));
}
// arrName names an arrondissement municipal ("Marseille 1er", "Paris 18e"),
// from the workspace's areas or its code; the code when neither knows it.
let arrNames = null;
export function arrName(code) {
  if (!code) return '';
  if (!arrNames) {
    arrNames = new Map();
    for (const c of data.communes) for (const a of c.arrondissements) arrNames.set(a.code, a.name.replace(/ Arrondissement$/i, ''));
  }
  return arrNames.get(code) || code;
}

// cityQuery is the commune as a query parameter of the API ('' for all).
export function cityQuery() { return state.city && state.city !== '*' ? state.city : ''; }

function chooseCity() {
  if (state.city !== '*' && !data.communes.some((c) => c.code === state.city)) {
    // A link that names a source but no commune opens that source's commune.
    const of = state.src && data.communes.find((c) => c.sources.some((x) => x.name === state.src));
    state.city = (of || data.communes[0])?.code ?? '*';
  }
  const sel = document.getElementById('commune');
  sel.replaceChildren(...data.communes.map((c) => new Option(`${c.name || c.code || t('nocity')} (${num(c.cameras)})`, c.code)),
    new Option(t('allcities'), '*'));
  sel.value = state.city;
  const src = document.getElementById('source');
  const arr = document.getElementById('arr');
  const c = city();
  const sources = c ? c.sources.map((x) => x.name) : data.sources.map((x) => x.name);
  src.replaceChildren(new Option(t('all'), ''), ...sources.map((n) => new Option(n, n)));
  const names = new Map((data.areas?.features || []).map((f) => [f.properties.code, f.properties.name]));
  const arrs = c ? c.arrondissements : data.communes.flatMap((k) => k.arrondissements);
  arr.replaceChildren(new Option(t('all'), ''), ...arrs.map((a) => new Option(names.get(a.code) || a.name, a.code)));
  if (!sources.includes(state.src)) state.src = '';
  if (!arrs.some((a) => a.code === state.arr)) state.arr = '';
  document.getElementById('city-scope').textContent = ['installation', 'register', 'opendata'].includes(state.view) ? t('cityall') : '';
}

// Dates on the timeline are months, from the first commissioning to today.
function monthIndex(iso) { const [y, m] = iso.split('-').map(Number); return y * 12 + (m - 1); }
function monthISO(i) { const y = Math.floor(i / 12); const m = (i % 12) + 1; return `${y}-${String(m).padStart(2, '0')}-01`; }

function syncForm() {
  for (const box of document.querySelectorAll('input[name=st]')) box.checked = state.st.includes(box.value);
  document.getElementById('source').value = state.src;
  document.getElementById('arr').value = state.arr;
  document.getElementById('color').value = state.color;
  document.getElementById('choropleth').checked = state.choro;
  const range = document.getElementById('date');
  const max = Number(range.max);
  range.value = state.date ? String(Math.min(monthIndex(state.date), max)) : String(max);
  document.getElementById('date-out').textContent = state.date ? date(state.date) : date(data.today);
  document.getElementById('search').value = state.q;
}

function showView() {
  for (const v of VIEWS) document.getElementById(`view-${v}`).hidden = v !== state.view;
  for (const a of document.querySelectorAll('nav a[data-view]')) {
    if (a.dataset.view === state.view) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  document.getElementById('filters').hidden = !['map', 'registry'].includes(state.view);
  for (const el of document.querySelectorAll('.map-only')) el.hidden = state.view !== 'map';
}

export function render() {
  translate();
  document.getElementById('lang').textContent = getLang() === 'fr' ? 'English' : 'Français';
  document.getElementById('lang').lang = getLang() === 'fr' ? 'en' : 'fr';
  document.title = `clairvoie — ${t('nav.' + state.view)}`;
  const banner = document.getElementById('banner');
  banner.hidden = !(state.city === '*' ? data.cameras?.synthetic > 0 : city()?.synthetic > 0);
  banner.textContent = t('synthetic');
  showView();
  chooseCity();
  syncForm();
  if (state.view === 'map') updateMap();
  if (state.view === 'registry') renderRegistry();
  if (state.view === 'checks') renderChecks();
  if (state.view === 'reconcile') renderReconcile();
  if (state.view === 'plan') renderPlan();
  if (state.view === 'opendata') renderOpenData();
  if (state.view === 'fibre') renderFibre();
  if (state.view === 'register') renderRegister();
  if (state.view === 'events') renderEvents();
  if (state.view === 'forecast') renderForecast();
  if (state.view === 'installation') renderInstallation();
  writeHash();
}

async function getJSON(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return res.json();
}

function bind() {
  window.addEventListener('hashchange', () => { readHash(); render(); });
  document.getElementById('lang').addEventListener('click', () => { setLang(getLang() === 'fr' ? 'en' : 'fr'); render(); });
  document.getElementById('filters').addEventListener('submit', (e) => e.preventDefault());
  for (const box of document.querySelectorAll('input[name=st]')) {
    box.addEventListener('change', () => {
      state.st = [...document.querySelectorAll('input[name=st]:checked')].map((b) => b.value);
      state.page = 1;
      render();
    });
  }
  const on = (id, ev, fn) => document.getElementById(id).addEventListener(ev, fn);
  on('commune', 'change', (e) => {
    state.city = e.target.value;
    state.src = '';
    state.arr = '';
    state.page = 1;
    state.c = null;
    state.z = null;
    render();
  });
  on('source', 'change', (e) => { state.src = e.target.value; state.page = 1; render(); });
  on('arr', 'change', (e) => { state.arr = e.target.value; state.page = 1; render(); });
  on('color', 'change', (e) => { state.color = e.target.value; render(); });
  on('choropleth', 'change', (e) => { state.choro = e.target.checked; render(); });
  on('date', 'input', (e) => {
    const i = Number(e.target.value);
    state.date = i >= Number(e.target.max) ? '' : monthISO(i);
    render();
  });
  on('search', 'input', (e) => { state.q = e.target.value; state.page = 1; render(); });
  on('prev', 'click', () => { state.page = Math.max(1, state.page - 1); render(); });
  on('next', 'click', () => { state.page += 1; render(); });
  on('dl-csv', 'click', () => downloadCSV(selection()));
  on('dl-geojson', 'click', () => downloadGeoJSON(selection()));
}

async function main() {
  readHash();
  bind();
  const [cameras, areas, sources, config, communes] = await Promise.all([
    getJSON('/api/map/cameras'), getJSON('/api/areas').catch(() => null), getJSON('/api/sources'), getJSON('/api/config'), getJSON('/api/communes'),
  ]);
  data.communes = communes.communes;
  performance.mark('clairvoie:data');
  data.cameras = cameras;
  data.areas = areas;
  data.sources = sources.sources;
  data.config = config;
  setVocabularies(config.vocabularies);
  const starts = cameras.features.map((f) => f.properties.s).filter(Boolean).sort();
  data.minDate = starts[0] || data.today;
  const range = document.getElementById('date');
  range.min = String(monthIndex(data.minDate));
  range.max = String(monthIndex(data.today) + 1); // the last step means "today, everything"
  chooseCity();
  initReconcile();
  initPlan();
  initFibre();
  initEvents();
  initForecast();
  await createMap();
  performance.mark('clairvoie:map');
  render();
  performance.mark('clairvoie:ready');
  window.__clairvoie.map = getMap();
  window.__clairvoie.resolve();
}

// A hook for the browser tests and for curious users: the state, the data
// and what the map shows.
let resolveReady;
window.__clairvoie = { state, data, ready: new Promise((r) => { resolveReady = r; }), count: () => mapCount(), onScreen: () => screenCount(), resolve: () => resolveReady() };
// Module scripts run once the document is parsed, after the deferred
// MapLibre script: start at once, without waiting for images or fonts.
main().catch((err) => {
  console.error(err);
  document.getElementById('count').textContent = String(err.message || err);
});
export { num, fold };
