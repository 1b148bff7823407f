// The checks page: findings by kind and by arrondissement, linked to the
// cameras.
import { t, num, date, errorText } from './i18n.js';
import { data, state, city, cityQuery, cityName } from './app.js';

let report = null;

function row(cells, header = false) {
  const tr = document.createElement('tr');
  cells.forEach((c, i) => {
    const el = document.createElement(header ? 'th' : i === 0 ? 'th' : 'td');
    if (header) el.scope = 'col'; else if (i === 0) el.scope = 'row';
    el.textContent = c;
    tr.append(el);
  });
  return tr;
}

// The report is asked for the chosen commune; only the latest answer is
// drawn.
let reportFor = null;
let seq = 0;

export async function renderChecks() {
  if (reportFor !== state.city) {
    const mine = ++seq;
    reportFor = state.city;
    report = null;
    const q = cityQuery();
    const res = await fetch('/api/checks' + (q ? `?commune=${encodeURIComponent(q)}` : ''));
    const body = await res.json();
    if (mine !== seq) return;
    if (!res.ok) {
      document.getElementById('checks-summary').textContent = errorText(body, res);
      return;
    }
    report = body;
  }
  if (!report) return;
  const tot = report.totals;
  document.getElementById('checks-summary').textContent = t('checkssummary', {
    where: cityName(), today: date(report.today), checked: num(tot.checked), breach: num(tot.with_breach), clean: num(tot.clean), out: num(tot.out_of_scope),
  });
  const kinds = Object.keys(tot.by_kind);
  const sevOf = {};
  for (const f of report.findings) sevOf[f.kind] = f.severity;
  const byKind = document.getElementById('by-kind');
  byKind.tHead.replaceChildren(row([t('kind'), t('severity'), t('cameras')], true));
  const kb = byKind.tBodies[0];
  kb.replaceChildren();
  for (const k of kinds) kb.append(row([t('kind.' + k), sevOf[k] ? t('sev.' + sevOf[k]) : '', num(tot.by_kind[k])]));

  const byArr = document.getElementById('by-arr');
  byArr.tHead.replaceChildren(row([t('arrondissement'), t('findings')], true));
  const ab = byArr.tBodies[0];
  ab.replaceChildren();
  const names = new Map((data.areas?.features || []).map((f) => [f.properties.code, f.properties.name]));
  for (const c of city() ? [city()] : data.communes) for (const a of c.arrondissements) if (!names.has(a.code)) names.set(a.code, a.name);
  for (const code of Object.keys(tot.by_arrondissement).sort()) {
    ab.append(row([code ? names.get(code) || code : t('unknownarr'), num(tot.by_arrondissement[code])]));
  }

  const details = document.getElementById('kind-details');
  details.replaceChildren();
  const refs = new Map(data.cameras.features.map((f) => [f.properties.id, f.properties.r]));
  for (const k of kinds) {
    const fs = report.findings.filter((f) => f.kind === k);
    if (!fs.length) continue;
    const d = document.createElement('details');
    const s = document.createElement('summary');
    s.textContent = `${t('kind.' + k)} (${num(fs.length)})`;
    d.append(s);
    const ul = document.createElement('ul');
    ul.className = 'links';
    for (const f of fs.slice(0, 200)) {
      const li = document.createElement('li');
      const a = document.createElement('a');
      a.href = `/cameras/${f.camera_id}?lang=${document.documentElement.lang}`;
      a.textContent = refs.get(f.camera_id) || f.source_ref;
      li.append(a);
      ul.append(li);
    }
    d.append(ul);
    if (fs.length > 200) {
      const p = document.createElement('p');
      p.textContent = t('more', { n: num(fs.length - 200) });
      d.append(p);
    }
    details.append(d);
  }
}
