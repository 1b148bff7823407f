// A map without WebGL. Municipal workstations often run in virtual
// desktops without it, and MapLibre cannot start there. hasWebGL says so
// beforehand; drawStatic then draws the same layers on a 2D canvas, fixed
// (no pan, no zoom) and fitted to what it shows, with a notice in the
// user's language: the registry table and the camera pages work as ever.
import { t } from './i18n.js';

let cached;
export function hasWebGL() {
  if (cached !== undefined) return cached;
  if (new URLSearchParams(location.search).has('nowebgl')) return (cached = false); // to try it anywhere
  try {
    const c = document.createElement('canvas');
    cached = !!(window.WebGL2RenderingContext && c.getContext('webgl2')) || !!(window.WebGLRenderingContext && c.getContext('webgl'));
  } catch {
    cached = false;
  }
  return cached;
}

// Web Mercator, in units of the world's width.
function project([lon, lat]) {
  const s = Math.sin((Math.max(-85, Math.min(85, lat)) * Math.PI) / 180);
  return [(lon + 180) / 360, 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI)];
}

function eachCoord(coords, fn) {
  if (typeof coords[0] === 'number') fn(coords);
  else for (const c of coords) eachCoord(c, fn);
}

// layers: [{ features, fill, line, width, radius, color(feature) }], drawn in order;
// fit: the features the view is fitted to (default: all). onClick(feature)
// is called for the nearest point within 8 px of a click.
export function drawStatic(containerId, layers, { fit, onClick } = {}) {
  const box = document.getElementById(containerId);
  if (!box) return;
  let canvas = box.querySelector('canvas.static-map');
  if (!canvas) {
    box.replaceChildren();
    const note = document.createElement('p');
    note.className = 'nowebgl';
    note.setAttribute('role', 'status');
    note.dataset.i18n = 'nowebgl';
    note.textContent = t('nowebgl');
    canvas = document.createElement('canvas');
    canvas.className = 'static-map';
    canvas.setAttribute('role', 'img');
    canvas.setAttribute('aria-label', t('nowebgl.alt'));
    box.append(note, canvas);
    box.classList.add('static');
  }
  const w = box.clientWidth || 800;
  const h = Math.max(320, Math.round(window.innerHeight * 0.6));
  const ratio = window.devicePixelRatio || 1;
  canvas.width = w * ratio;
  canvas.height = h * ratio;
  canvas.style.width = w + 'px';
  canvas.style.height = h + 'px';
  const ctx = canvas.getContext('2d');
  ctx.scale(ratio, ratio);
  ctx.fillStyle = '#eef0ea';
  ctx.fillRect(0, 0, w, h);

  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const f of fit || layers.flatMap((l) => l.features)) {
    eachCoord(f.geometry.coordinates, (c) => {
      const [x, y] = project(c);
      x0 = Math.min(x0, x); y0 = Math.min(y0, y); x1 = Math.max(x1, x); y1 = Math.max(y1, y);
    });
  }
  if (!Number.isFinite(x0)) return;
  const pad = 12;
  const k = Math.min((w - 2 * pad) / Math.max(x1 - x0, 1e-9), (h - 2 * pad) / Math.max(y1 - y0, 1e-9));
  const ox = (w - k * (x1 - x0)) / 2;
  const oy = (h - k * (y1 - y0)) / 2;
  const px = (c) => { const [x, y] = project(c); return [ox + k * (x - x0), oy + k * (y - y0)]; };

  const points = [];
  for (const layer of layers) {
    for (const f of layer.features) {
      const g = f.geometry;
      const color = layer.color ? layer.color(f) : layer.fill || layer.line || '#2d3e50';
      if (g.type === 'Point') {
        const [x, y] = px(g.coordinates);
        ctx.beginPath();
        ctx.arc(x, y, layer.radius ? (typeof layer.radius === 'function' ? layer.radius(f) : layer.radius) : 3, 0, 2 * Math.PI);
        ctx.fillStyle = color;
        ctx.fill();
        points.push([x, y, f]);
        continue;
      }
      const rings = g.type === 'Polygon' ? g.coordinates : g.type === 'MultiPolygon' ? g.coordinates.flat() : g.type === 'LineString' ? [g.coordinates] : g.type === 'MultiLineString' ? g.coordinates : [];
      ctx.beginPath();
      for (const ring of rings) {
        ring.forEach((c, i) => { const [x, y] = px(c); if (i) ctx.lineTo(x, y); else ctx.moveTo(x, y); });
      }
      if (layer.fill && g.type.endsWith('Polygon')) {
        ctx.globalAlpha = layer.opacity ?? 1;
        ctx.fillStyle = color;
        ctx.fill('evenodd');
        ctx.globalAlpha = 1;
      }
      if (layer.line || !g.type.endsWith('Polygon')) {
        ctx.strokeStyle = layer.line ? (layer.color ? color : layer.line) : color;
        ctx.lineWidth = layer.width || 1;
        ctx.stroke();
      }
    }
  }
  canvas.onclick = onClick ? (e) => {
    const r = canvas.getBoundingClientRect();
    const [cx, cy] = [e.clientX - r.left, e.clientY - r.top];
    let best = null;
    let bd = 64;
    for (const [x, y, f] of points) {
      const d = (x - cx) ** 2 + (y - cy) ** 2;
      if (d < bd) { bd = d; best = f; }
    }
    if (best) onClick(best);
  } : null;
}
