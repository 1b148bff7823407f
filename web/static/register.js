// The register page: entries per month and kind (statistical secrecy:
// a hidden count shows as «secret»), the latest signed checkpoint, and how
// to verify the log yourself (/api/register, /log/).
import { t, num } from './i18n.js';

let info = null;
let failed = '';
const KINDS = ['viewing', 'extraction', 'transmission', 'destruction', 'config'];

function cell(tag, text, scope) {
  const c = document.createElement(tag);
  if (scope) c.scope = scope;
  if (text instanceof Node) c.append(text); else c.textContent = text;
  return c;
}

export async function renderRegister() {
  const summary = document.getElementById('reg-summary');
  if (!info && !failed) {
    const res = await fetch('/api/register');
    const body = await res.json();
    if (!res.ok) failed = body.error?.message || res.statusText;
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
    tr.append(cell('th', m.month, 'row'));
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
  document.getElementById('reg-key').textContent = info.verifier_key;
  document.getElementById('reg-verify').textContent = info.verify_command;
}
