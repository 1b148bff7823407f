// The web app with 100,000 cameras (synthetic, from bench/genosm): time to
// interactive, bytes transferred, and the frame rate while the map pans and
// zooms, in Debian's Chromium (software WebGL: SwiftShader, 2 cores).
// Usage: node bench/web-100k.mjs BASE_URL   (run by bench/web.sh)
import { createRequire } from 'node:module';
const require = createRequire(new URL('../web/e2e/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const base = process.argv[2];
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-quic',
  '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--enable-unsafe-swiftshader'] });
const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
const page = await context.newPage();
const cdp = await context.newCDPSession(page);
await cdp.send('Network.enable');
let bytes = 0;
cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
await page.goto(base + '/#map?z=11&c=2.35,48.85');
await page.waitForFunction(() => window.__clairvoie && window.__clairvoie.data.cameras, null, { timeout: 120000 });
await page.evaluate(() => window.__clairvoie.ready);
const marks = await page.evaluate(() => Object.fromEntries(performance.getEntriesByType('mark').map((m) => [m.name, Math.round(m.startTime)])));
const cameras = await page.evaluate(() => window.__clairvoie.data.cameras.features.length);

// Frames drawn while the map flies over France and back (4 s of animation).
const fps = await page.evaluate(async () => {
  const map = document.querySelector('#map');
  let frames = 0;
  let worst = 0;
  let last = performance.now();
  let running = true;
  const tick = (t) => { frames++; worst = Math.max(worst, t - last); last = t; if (running) requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  const m = window.__clairvoie.map;
  m.easeTo({ center: [4.8, 45.7], zoom: 7, duration: 2000 });
  await new Promise((r) => setTimeout(r, 2100));
  m.easeTo({ center: [2.35, 48.85], zoom: 12, duration: 2000 });
  await new Promise((r) => setTimeout(r, 2100));
  running = false;
  return { frames_per_second: Math.round(frames / 4.2), worst_frame_ms: Math.round(worst) };
});
// A filter change re-clusters every camera.
const t0 = Date.now();
await page.getByLabel('hors service').uncheck();
await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
const filterMs = Date.now() - t0;
console.log(JSON.stringify({ cameras, bytes_transferred: bytes, marks_ms: marks, animation: fps, filter_change_ms: filterMs }, null, 2));
await browser.close();
