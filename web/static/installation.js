// The installation page: what the chain behind the cameras can do with the
// images and who receives them, as the city declares it — the plain
// statement, the chain drawn from cameras to systems to analytics to
// recipients (each link with its basis and its findings), the findings,
// the systems and what the contracts cost. clairvoie never analyses video.
import { t, num, date, getLang, errorText } from './i18n.js';

let report = null;

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined) e.textContent = text;
  if (cls) e.className = cls;
  return e;
}

function row(cells, header = false) {
  const tr = document.createElement('tr');
  cells.forEach((c, i) => {
    const cell = document.createElement(header ? 'th' : i === 0 ? 'th' : 'td');
    if (header) cell.scope = 'col'; else if (i === 0) cell.scope = 'row';
    if (c instanceof Node) cell.append(c); else cell.textContent = c;
    tr.append(cell);
  });
  return tr;
}

function money(n) {
  return new Intl.NumberFormat(getLang() === 'fr' ? 'fr-FR' : 'en-GB', { style: 'currency', currency: 'EUR', maximumFractionDigits: 0 }).format(n);
}

// column is one step of the chain: a heading and its items.
function column(title, items) {
  const li = el('li', undefined, 'step');
  li.append(el('h3', title));
  const ul = el('ul');
  for (const it of items) {
    const item = el('li', it.text, it.finding ? 'has-finding' : '');
    if (it.finding) item.append(el('span', ` — ${it.finding}`, 'finding-note'));
    ul.append(item);
  }
  if (!items.length) ul.append(el('li', t('inst.none')));
  li.append(ul);
  return li;
}

export async function renderInstallation() {
  if (!report) {
    const res = await fetch('/api/installation');
    report = await res.json();
    if (!res.ok) {
      document.getElementById('inst-statement').replaceChildren(el('li', errorText(report, res)));
      return;
    }
  }
  const fr = getLang() === 'fr';
  const s = report.summary;
  document.getElementById('inst-asof').textContent = t('inst.asof', { date: date(report.today) });
  const notice = document.getElementById('inst-synthetic');
  notice.hidden = !s.synthetic;
  notice.textContent = t('inst.synthetic');
  document.getElementById('inst-statement').replaceChildren(...(fr ? s.statement_fr : s.statement_en).map((line) => el('li', line)));

  const byItem = new Map();
  for (const f of report.findings) {
    const list = byItem.get(f.item) || [];
    list.push(t('kind.' + f.kind));
    byItem.set(f.item, list);
  }
  const note = (item) => (byItem.get(item) || []).join(', ');
  const inst = report.installation;
  const label = (k) => (report.labels[k] || [k, k])[fr ? 0 : 1];
  const chain = document.getElementById('inst-chain');
  chain.replaceChildren(
    column(t('inst.cameras'), [{ text: t('inst.registry') }]),
    column(t('inst.systems'), inst.systems.map((x) => ({
      text: `${x.product} (${x.supplier}) — ${t('inst.kind.' + x.kind)}, ${t('inst.lic.' + x.licence)}, ${x.country}`, finding: note('system/' + x.ref),
    }))),
    column(t('inst.analytics'), inst.analytics.map((a) => ({
      text: `${label(a.kind)} — ${a.system}, ${a.cameras.all ? t('inst.all') : a.cameras.source ? t('inst.ofsource', { s: a.cameras.source }) : t('inst.ncams', { n: num(a.cameras.refs.length) })}, ${date(a.from)}${a.to ? ' → ' + date(a.to) : ''}, ${t('inst.basis')} ${a.legal_basis || t('inst.nobasis')}`,
      finding: note('analytics/' + a.ref),
    }))),
    column(t('inst.recipients'), inst.flows.map((f) => ({
      text: `${f.recipient} (${f.country}) — ${t('inst.flow.' + f.type)}, ${t('inst.convention')} ${f.convention || t('inst.noconvention')}${f.to ? ', ' + t('inst.until') + ' ' + date(f.to) : ''}`,
      finding: note('flow/' + f.ref),
    }))),
  );

  const ft = document.getElementById('inst-findings');
  ft.tHead.replaceChildren(row([t('inst.item'), t('severity'), t('kind'), t('inst.message')], true));
  ft.tBodies[0].replaceChildren(...report.findings.map((f) => row([f.item, t('sev.' + f.severity), t('kind.' + f.kind), fr ? f.message_fr : f.message])));
  const undeclared = report.totals.by_kind.transmission_undeclared;
  const reg = document.getElementById('inst-register');
  reg.textContent = report.register_checked ? t('inst.transmissions', { n: num(undeclared || 0) }) : t('inst.noregister');

  const c = s.costs;
  document.getElementById('inst-costs').textContent = t('inst.costs', {
    n: num(c.contracts), total: money(c.total_eur), yearly: money(c.yearly_eur), prop: money(c.yearly_proprietary_eur),
    systems: num(s.systems), proprietary: num(s.proprietary), free: num(s.free),
  });
  const st = document.getElementById('inst-contracts');
  st.tHead.replaceChildren(row([t('inst.contract'), t('inst.object'), 'CPV', t('inst.notified'), t('inst.amount'), t('inst.peryear'),
    t('inst.paysfor'), t('inst.holders')], true));
  const lines = new Map(c.lines.map((l) => [l.ref, l]));
  st.tBodies[0].replaceChildren(...inst.contracts.map((k) => {
    const l = lines.get(k.ref);
    const pays = [l.systems.length ? l.systems.join(', ') + (l.proprietary ? ` (${t('inst.lic.proprietary')})` : '') : '',
      l.cameras ? t('inst.ncams', { n: num(l.cameras) }) : ''].filter(Boolean).join(getLang() === 'fr' ? ' ; ' : '; ');
    return row([k.ref, k.object, k.cpv, date(k.notified), money(k.amount_eur), l.running ? money(l.yearly_eur) : t('inst.ended'), pays || '—',
      (k.holders || []).map((h) => h.name || (h.id_type === 'withheld' ? t('inst.withheld') : h.id)).join(', ')]);
  }));
}
