// The fibre page: year by year, the cheapest fibre network from the
// supervision centre to the public sites through the ducts the reduction
// plan frees (/api/fibre), on a map: ducts reused, new trench.
import { t, num, errorText, eur as money, pct, fixed } from './i18n.js';
import { data, state, city, cityName } from './app.js';
import { hasWebGL, drawStatic } from './staticmap.js';

let res = null;
let year = 0;
let map = null;

export function initFibre() {
  document.getElementById('fibre-form').addEventListener('submit', (e) => { e.preventDefault(); run(); });
  document.getElementById('fibre-year').addEventListener('input', (e) => { year = Number(e.target.value); renderFibre(); });
}

// The page opens computed with the form's defaults; only the latest
// answer is drawn.
let startedFor = null;
let seq = 0;

async function run() {
  const mine = ++seq;
  const f = document.getElementById('fibre-form');
  const q = new URLSearchParams();
  const source = state.city === '*' ? data.communes.find((c) => c.plan_source)?.plan_source : city()?.plan_source;
  if (!source) {
    res = null;
    document.getElementById('fibre-summary').textContent = t('fibre.nousage', { where: cityName() });
    document.querySelector('#fibre-table tbody').replaceChildren();
    return;
  }
  q.set('source', source);
  for (const name of ['pull', 'trench', 'rent']) q.set(name, f.elements[name].value);
  if (Number(f.elements.budget.value) > 0) q.set('budget', f.elements.budget.value);
  document.getElementById('fibre-summary').textContent = t('fibre.computing');
  const r = await fetch(`/api/fibre?${q}`);
  const body = await r.json();
  if (mine !== seq) return;
  if (!r.ok) {
    res = null;
    document.getElementById('fibre-summary').textContent = errorText(body, r);
    return;
  }
  res = body;
  document.getElementById('fibre-year').max = String(res.years.length - 1);
  renderFibre();
}

const eur = (v) => money(v, 'k');
const km = (v) => `${fixed(v / 1000, 1)}\u202fkm`;

export function renderFibre() {
  if (startedFor !== state.city) {
    startedFor = state.city;
    res = null;
    run();
  }
  if (!res) return;
  const y = res.years[Math.min(year, res.years.length - 1)];
  document.getElementById('fibre-year-out').textContent = String(y.year);
  document.getElementById('fibre-summary').textContent = t('fibre.summary', {
    sites: num(res.sites), cost: eur(y.cost_eur), saving: eur(y.saving_eur), reused: km(y.reused_m), trench: km(y.trench_m),
    rent: eur(y.rent_eur_yr), gap: pct(y.gap, 2),
  }) + ' ' + (res.streets
    ? t('fibre.streets', { km: km(res.streets.length_m), straight: num(y.sites_straight) })
    : t('fibre.nostreets', { detour: num(res.params.detour) })) + (res.synthetic ? ' ' + t('fibre.synthetic') : '');
  const table = document.getElementById('fibre-table');
  const head = document.createElement('tr');
  const stages = res.stages || [];
  const cols = ['plan.year', 'fibre.cost', 'fibre.saving', 'fibre.reused', 'fibre.trenchm', 'fibre.rentcol'];
  if (stages.length) cols.push('fibre.spent', 'fibre.connected');
  for (const k of cols) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = t(k);
    head.append(th);
  }
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...res.years.map((r, i) => {
    const tr = document.createElement('tr');
    if (i === year) tr.className = 'current';
    const cells = [String(r.year), eur(r.cost_eur), eur(r.saving_eur), km(r.reused_m), km(r.trench_m), eur(r.rent_eur_yr)];
    if (stages[i]) cells.push(eur(stages[i].spent_eur), `${num(stages[i].sites_connected)} / ${num(res.sites)}`);
    cells.forEach((c, k) => { const el = document.createElement(k === 0 ? 'th' : 'td'); if (k === 0) el.scope = 'row'; el.textContent = c; tr.append(el); });
    return tr;
  }));
  const routes = res.routes[String(y.year)];
  const ml = window.maplibregl;
  if (!hasWebGL()) {
    drawStatic('fibre-map', [{ features: (data.areas?.features || []).filter((f) => f.properties.kind === 'arrondissement'), line: '#b9b9ad', width: 0.8 },
      { features: routes.features, line: '#c25100', width: 3, color: (f) => (f.properties.kind === 'reused' ? '#1e7b34' : '#c25100') }]);
  } else if (!map) {
    map = new ml.Map({ container: 'fibre-map', style: { version: 8, sources: {}, layers: [{ id: 'bg', type: 'background', paint: { 'background-color': '#eef0ea' } }] }, center: [5.4, 43.3], zoom: 11 });
    map.on('load', () => {
      map.addSource('areas', { type: 'geojson', data: data.areas || { type: 'FeatureCollection', features: [] } });
      map.addLayer({ id: 'a', type: 'line', source: 'areas', filter: ['==', ['get', 'kind'], 'arrondissement'], paint: { 'line-color': '#b9b9ad', 'line-width': 0.8 } });
      map.addSource('routes', { type: 'geojson', data: routes });
      map.addLayer({ id: 'routes', type: 'line', source: 'routes', paint: { 'line-width': 3, 'line-color': ['match', ['get', 'kind'], 'reused', '#1e7b34', '#c25100'] } });
    });
  } else if (map.getSource('routes')) {
    map.getSource('routes').setData(routes);
  }
  const legend = document.getElementById('fibre-legend');
  legend.replaceChildren();
  const ul = document.createElement('ul');
  for (const [cls, k] of [['key-kept', 'fibre.reusedkey'], ['key-closed', 'fibre.trenchkey']]) {
    const li = document.createElement('li');
    const sw = document.createElement('span');
    sw.className = 'key ' + (cls === 'key-closed' ? 'key-trench' : cls);
    li.append(sw, document.createTextNode(' ' + t(k)));
    ul.append(li);
  }
  legend.append(ul);
}
