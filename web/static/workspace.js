// The workspace's settings (/api/workspace), fetched once. Its time zone is
// the one every day and time of the pages is shown in — Fort-de-France's or
// Nouméa's, not the browser's. This module imports nothing: any page may
// import it without joining app.js's circle.
let settings;

export async function workspace() {
  if (!settings) {
    const r = await fetch('/api/workspace');
    settings = r.ok ? await r.json() : { timezone: 'Europe/Paris' };
  }
  return settings;
}
