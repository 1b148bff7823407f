// The registry table: accent-insensitive search, sort, the map's filters,
// paging, and the download of the current selection as CSV or GeoJSON.
import { t, num, date, fold, word } from './i18n.js';
import { state, data, visible, arrName } from './app.js';

const COLUMNS = ['r', 'place', 'qn', 'a', 'op', 'st', 't', 'z', 's', 'ret', 'ax', 'sev', 'src'];
const PAGE = 100;

function cell(p, c) {
  switch (c) {
    case 'place': return p.pl || '';
    case 'st': return t('st.' + p.st);
    case 't': return word('camera:type', p.t);
    case 'z': return word('surveillance:zone', p.z);
    case 'sev': return t('sev.' + p.sev);
    case 's': case 'ax': return p[c] ? date(p[c]) : '';
    case 'ret': return p.ret ? num(p.ret) : '';
    case 'a': return arrName(p.a);
    default: return p[c] ?? '';
  }
}

function sortKey(p, c) {
  if (c === 'place') return fold(p.pl);
  if (c === 'ret') return p.ret || 0;
  if (c === 'a') return p.a || '';
  return fold(String(p[c] ?? ''));
}

// selection is the cameras the table shows: the filters, then the search.
export function selection() {
  const q = fold(state.q).trim();
  let rows = data.cameras.features.filter((f) => visible(f, false));
  if (q) {
    const words = q.split(/\s+/);
    rows = rows.filter((f) => {
      const p = f.properties;
      const hay = fold([p.r, p.pl, p.qn, p.op, p.src, p.a, arrName(p.a), p.pg].join(' '));
      return words.every((w) => hay.includes(w));
    });
  }
  if (state.sort) {
    const [c, dir] = state.sort.split(':');
    const sign = dir === 'desc' ? -1 : 1;
    rows = [...rows].sort((a, b) => {
      const x = sortKey(a.properties, c);
      const y = sortKey(b.properties, c);
      return (x < y ? -1 : x > y ? 1 : 0) * sign;
    });
  }
  return rows;
}

export function renderRegistry() {
  const table = document.getElementById('registry');
  const head = table.querySelector('thead tr');
  head.replaceChildren();
  const [sc, sd] = (state.sort || ':').split(':');
  for (const c of COLUMNS) {
    const th = document.createElement('th');
    th.scope = 'col';
    if (sc === c) th.setAttribute('aria-sort', sd === 'desc' ? 'descending' : 'ascending');
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = t('col.' + (c === 'place' ? 'place' : c === 'r' ? 'ref' : c));
    b.setAttribute('aria-label', t('sortby', { c: b.textContent }));
    b.addEventListener('click', () => {
      state.sort = `${c}:${sc === c && sd !== 'desc' ? 'desc' : 'asc'}`;
      state.page = 1;
      renderRegistry();
    });
    th.append(b);
    head.append(th);
  }
  const rows = selection();
  const pages = Math.max(1, Math.ceil(rows.length / PAGE));
  state.page = Math.min(state.page, pages);
  const body = table.querySelector('tbody');
  body.replaceChildren();
  for (const f of rows.slice((state.page - 1) * PAGE, state.page * PAGE)) {
    const p = f.properties;
    const tr = document.createElement('tr');
    for (const c of COLUMNS) {
      const td = document.createElement('td');
      if (c === 'r') {
        const a = document.createElement('a');
        a.href = `/cameras/${p.id}?lang=${document.documentElement.lang}`;
        a.textContent = p.r;
        td.append(a);
      } else {
        td.textContent = cell(p, c);
      }
      if (c === 'sev') td.className = 'sev-' + p.sev;
      tr.append(td);
    }
    body.append(tr);
  }
  document.getElementById('reg-count').textContent = t('regcount', { n: num(rows.length) });
  document.getElementById('page').textContent = t('page', { p: state.page, n: pages });
  document.getElementById('prev').disabled = state.page <= 1;
  document.getElementById('next').disabled = state.page >= pages;
}

// Downloads use readable names for the short keys of /api/map/cameras.
const NAMES = { id: 'id', r: 'source_ref', src: 'source', st: 'status', t: 'type', z: 'zone', ot: 'operator_type',
  op: 'operator', pg: 'programme', a: 'arrondissement', qn: 'quartier', pl: 'place', d: 'direction', f: 'fov',
  s: 'commissioned_on', e: 'removed_on', ret: 'retention_days', ax: 'authorisation_expires', sev: 'compliance', syn: 'synthetic' };

function readable(p) {
  const out = {};
  for (const [k, name] of Object.entries(NAMES)) out[name] = k === 'syn' ? Boolean(p.syn) : (p[k] ?? null);
  return out;
}

function save(name, type, text) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function downloadGeoJSON(rows) {
  const fc = { type: 'FeatureCollection', features: rows.map((f) => ({ type: 'Feature', id: f.properties.id, geometry: f.geometry, properties: readable(f.properties) })) };
  if (rows.some((f) => f.properties.syn)) fc.notice = data.cameras.notice;
  save('clairvoie-selection.geojson', 'application/geo+json', JSON.stringify(fc));
}

// safeCell neutralises a cell a spreadsheet would run as a formula (OWASP,
// CSV injection): one starting with = + - @ tab or CR, unless it is a plain
// number, gets a quote before it — the rule of the server's CSV writers
// (clairvoie.FormulaLike).
export function safeCell(s) {
  if (!/^[=+\-@\t\r\uff1d\uff0b\uff0d\uff20]/.test(s)) return s;
  if (s.length === 1 && s !== '=' && s !== '\uff1d') return s;
  if (/^[+-]?(\d+([.,]\d*)?|[.,]\d+)([eE][+-]?\d+)?$/.test(s)) return s;
  return "'" + s;
}

export function downloadCSV(rows) {
  const cols = ['lon', 'lat', ...Object.values(NAMES)];
  const esc = (v) => {
    const s = safeCell(v == null ? '' : String(v));
    return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [cols.join(',')];
  for (const f of rows) {
    const r = readable(f.properties);
    lines.push([f.geometry.coordinates[0], f.geometry.coordinates[1], ...Object.values(NAMES).map((n) => r[n])].map(esc).join(','));
  }
  save('clairvoie-selection.csv', 'text/csv', lines.join('\n') + '\n');
}
