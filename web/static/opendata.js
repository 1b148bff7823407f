// The open-data page: the resources of the data package, their licences,
// and the documentation of the cameras' Table Schema.
import { t, getLang } from './i18n.js';

let pkg = null;

function row(cells, header = false) {
  const tr = document.createElement('tr');
  cells.forEach((c, i) => {
    const cell = document.createElement(header ? 'th' : i === 0 ? 'th' : 'td');
    if (header) cell.scope = 'col'; else if (i === 0) cell.scope = 'row';
    if (c instanceof Node) cell.append(c); else cell.textContent = c;
    // The package is published in French: on the English page, its own
    // words keep their language (screen readers say them in French).
    if (!header && i > 0 && getLang() !== 'fr' && typeof c === 'string' && c) cell.lang = 'fr';
    tr.append(cell);
  });
  return tr;
}

export async function renderOpenData() {
  if (!pkg) {
    const res = await fetch('/opendata/datapackage.json');
    pkg = await res.json();
  }
  const files = document.getElementById('od-files');
  files.tHead.replaceChildren(row([t('od.file'), t('od.content'), t('od.licence')], true));
  files.tBodies[0].replaceChildren(...pkg.resources.map((r) => {
    const a = document.createElement('a');
    a.href = `/opendata/${r.path}`;
    a.textContent = r.path;
    return row([a, r.description, r.licenses[0].title]);
  }));
  document.getElementById('od-lang').hidden = getLang() === 'fr';
  const cams = pkg.resources.find((r) => r.name === 'cameras');
  const schema = document.getElementById('od-schema');
  schema.tHead.replaceChildren(row([t('od.field'), t('od.title'), t('od.type'), t('od.description')], true));
  schema.tBodies[0].replaceChildren(...(cams?.schema?.fields || []).map((f) => row([f.name, f.title, f.type, f.description])));
}
