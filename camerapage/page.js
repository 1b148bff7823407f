// The camera page's one behaviour: the print button (no inline script: the
// Content-Security-Policy allows only this origin's files).
document.getElementById('print')?.addEventListener('click', () => window.print());
