// The register page: entries per month and kind (statistical secrecy:
// a hidden count shows as «secret»), the latest signed checkpoint, and how
// to verify the log yourself (/api/register, /log/).
import { t, num, errorText, month, getLang, dateTime } from './i18n.js';
import { workspace } from './workspace.js';

let info = null;
let failed = '';
let wired = false;

async function post(url, body) {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: body ? JSON.stringify(body) : undefined });
  const data = res.status === 204 ? {} : await res.json();
  if (!res.ok) throw new Error(errorText(data, res));
  return data;
}

// The agents' space: a session from a token (an HttpOnly cookie: the page
// never keeps the token), then, by role, a live viewing to record (agents,
// supervisors, the DPO) and the latest entries (supervisors, DPO, admins).
async function showSession() {
  const me = await (await fetch('/api/me')).json();
  const signed = me.role && me.role !== 'public';
  document.getElementById('reg-login').hidden = signed;
  const config = await (await fetch('/api/config')).json();
  document.getElementById('reg-oidc').hidden = !config.oidc;
  document.getElementById('reg-session').hidden = !signed;
  if (!signed) return;
  document.getElementById('reg-who').textContent = t('reg.signed', { id: me.id, role: me.role });
  const canRecord = ['agent', 'supervisor', 'dpo'].includes(me.role);
  document.getElementById('reg-record').hidden = !canRecord;
  const reads = ['supervisor', 'dpo', 'admin'].includes(me.role);
  document.getElementById('reg-entries-wrap').hidden = !reads;
  if (!reads) return;
  const res = await fetch('/api/register/entries?limit=20');
  const body = await res.json();
  const tz = (await workspace()).timezone;
  const table = document.getElementById('reg-entries');
  const head = document.createElement('tr');
  head.append(...['#', t('reg.when'), t('reg.what'), t('reg.cameras'), t('reg.by')].map((h) => cell('th', h, 'col')));
  table.tHead.replaceChildren(head);
  table.tBodies[0].replaceChildren(...(body.entries || []).map((r) => {
    const tr = document.createElement('tr');
    const cams = r.entry.cameras || [];
    tr.append(cell('th', String(r.index), 'row'), cell('td', dateTime(r.entry.at, tz)), cell('td', t('reg.kind.' + r.entry.kind)),
      cell('td', cams.length > 3 ? `${cams.slice(0, 3).join(', ')} (+${cams.length - 3})` : cams.join(', ')), cell('td', `${r.entry.agent} (${r.entry.role})`));
    return tr;
  }));
}

function wire() {
  if (wired) return;
  wired = true;
  const status = document.getElementById('reg-status');
  document.getElementById('reg-login').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      await post('/api/login', { token: f.token.value.trim() });
      f.reset();
      status.textContent = '';
      await showSession();
    } catch (err) {
      status.textContent = t('reg.loginfailed') + ' ' + err.message;
    }
  });
  document.getElementById('reg-logout').addEventListener('click', async () => {
    await post('/api/logout');
    status.textContent = '';
    await showSession();
  });
  document.getElementById('reg-record').addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = e.target;
    try {
      const res = await post('/api/register/entries', { kind: 'viewing', at: new Date().toISOString().replace(/\.\d+Z$/, 'Z'), cameras: [f.camera.value.trim()], live: true });
      status.textContent = t('reg.recorded', { index: res.receipts[0].index });
      f.reset();
      await showSession();
    } catch (err) {
      status.textContent = err.message;
    }
  });
}
const KINDS = ['viewing', 'extraction', 'transmission', 'destruction', 'config'];

function cell(tag, text, scope) {
  const c = document.createElement(tag);
  if (scope) c.scope = scope;
  if (text instanceof Node) c.append(text); else c.textContent = text;
  return c;
}

export async function renderRegister() {
  wire();
  const summary = document.getElementById('reg-summary');
  if (!info && !failed) {
    const res = await fetch('/api/register');
    const body = await res.json();
    if (!res.ok) failed = errorText(body, res);
    else info = body;
  }
  if (failed) {
    summary.textContent = failed;
    return;
  }
  const total = info.months.reduce((s, m) => s + Object.values(m.counts).reduce((a, b) => a + b, 0), 0);
  summary.textContent = t('reg.summary', { months: num(info.months.length), k1: num(info.k - 1) }) + (info.synthetic ? ' ' + t('reg.synthetic') : '');
  const table = document.getElementById('reg-table');
  const head = document.createElement('tr');
  head.append(cell('th', t('reg.month'), 'col'), ...KINDS.map((k) => cell('th', t('reg.kind.' + k), 'col')));
  table.tHead.replaceChildren(head);
  const max = Math.max(1, ...info.months.flatMap((m) => Object.values(m.counts)));
  table.tBodies[0].replaceChildren(...info.months.map((m) => {
    const tr = document.createElement('tr');
    tr.append(cell('th', month(m.month), 'row'));
    for (const k of KINDS) {
      if (k in m.counts) {
        const wrap = document.createElement('span');
        wrap.className = 'reg-count';
        const bar = document.createElement('span');
        bar.className = 'reg-bar';
        bar.style.setProperty('--w', `${Math.round(100 * m.counts[k] / max)}%`);
        wrap.append(bar, document.createTextNode(num(m.counts[k])));
        tr.append(cell('td', wrap));
      } else {
        const td = cell('td', t('reg.secret'));
        td.className = 'reg-secret';
        tr.append(td);
      }
    }
    return tr;
  }));
  document.getElementById('reg-shown').textContent = t('reg.shown', { n: num(total) });
  document.getElementById('reg-checkpoint').textContent = info.checkpoint;
  // Who vouches for it: the witnesses that cosigned, and when.
  const tz = (await workspace()).timezone;
  const fmt = (iso) => dateTime(iso, tz);
  const cos = info.cosignatures || [];
  document.getElementById('reg-cosigned').textContent = cos.length
    ? t('reg.cosigned', { who: cos.map((c) => t('reg.cosigner', { name: c.witness, when: fmt(c.time) })).join(getLang() === 'fr' ? ' ; ' : '; ') })
    : t('reg.nowitness');
  document.getElementById('reg-key').textContent = info.verifier_key;
  document.getElementById('reg-verify').textContent = info.verify_command;
  await showSession();
}
