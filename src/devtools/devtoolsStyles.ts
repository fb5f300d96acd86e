/**
 * The devtools' whole stylesheet, inside their shadow root: nothing of it reaches the page, and `all: initial` on the
 * host (important, which beats the page's rules on the host) keeps the page's inherited styles out.
 */
export const devtoolsStyles = `
:host { all: initial !important; }
:host([data-variant='panel']) { display: block !important; }
.root {
  --bg: #ffffff; --fg: #1f2328; --muted: #59636e; --line: #d1d9e0; --soft: #f6f8fa; --accent: #0969da;
  --ok: #1a7f37; --warn: #9a6700; --bad: #cf222e; --dwell: #bf8700;
  color-scheme: light;
  font: 12px/1.45 ui-sans-serif, system-ui, -apple-system, 'Segoe UI', sans-serif;
  color: var(--fg);
  letter-spacing: normal; text-align: left; text-transform: none; white-space: normal;
}
@media (prefers-color-scheme: dark) {
  .root {
    --bg: #0d1117; --fg: #e6edf3; --muted: #9198a1; --line: #3d444d; --soft: #151b23; --accent: #4493f8;
    --ok: #3fb950; --warn: #d29922; --bad: #f85149; --dwell: #e3b341;
    color-scheme: dark;
  }
}
*, *::before, *::after { box-sizing: border-box; }
button, input, select { font: inherit; color: inherit; }
button, select {
  background: var(--soft); border: 1px solid var(--line); border-radius: 6px; padding: 2px 8px; cursor: pointer;
}
button[aria-pressed='true'] { background: var(--accent); border-color: var(--accent); color: #fff; }
input { background: var(--bg); border: 1px solid var(--line); border-radius: 6px; padding: 2px 6px; min-width: 0; }
a { color: var(--accent); }
code { font: 11px/1.4 ui-monospace, SFMono-Regular, Menlo, monospace; }
.toggle {
  position: fixed; z-index: 2147483646; display: flex; align-items: center; gap: 6px;
  padding: 6px 10px; border-radius: 999px; background: var(--bg); border: 1px solid var(--line);
  box-shadow: 0 2px 8px rgb(0 0 0 / 0.2);
}
.dot { width: 8px; height: 8px; border-radius: 50%; background: var(--ok); }
.dot[data-busy='true'] { background: var(--dwell); }
.dot[data-failed='true'] { background: var(--bad); }
[data-position='bottom-right'] { right: 12px; bottom: 12px; }
[data-position='bottom-left'] { left: 12px; bottom: 12px; }
[data-position='top-right'] { right: 12px; top: 12px; }
[data-position='top-left'] { left: 12px; top: 12px; }
.floating {
  position: fixed; z-index: 2147483647; width: min(720px, calc(100vw - 24px)); height: min(480px, calc(100vh - 24px));
  box-shadow: 0 8px 28px rgb(0 0 0 / 0.3);
}
.panel {
  display: flex; flex-direction: column; background: var(--bg); border: 1px solid var(--line); border-radius: 8px;
  overflow: hidden; min-height: 240px;
}
.bar { display: flex; flex-wrap: wrap; align-items: center; gap: 6px; padding: 6px 8px; border-bottom: 1px solid var(--line); background: var(--soft); }
.bar h2 { font-size: 13px; margin: 0 8px 0 0; }
.spacer { flex: 1; }
.stats { display: flex; flex-wrap: wrap; gap: 4px 12px; padding: 6px 8px; border-bottom: 1px solid var(--line); margin: 0; }
.stats div { display: flex; gap: 4px; }
.stats dt { color: var(--muted); }
.stats dd { margin: 0; font-weight: 600; }
.body { flex: 1; overflow: auto; }
.rows { list-style: none; margin: 0; padding: 0; }
.rows > li { padding: 6px 8px; border-bottom: 1px solid var(--line); }
.line { display: flex; flex-wrap: wrap; gap: 4px 10px; align-items: baseline; }
.muted { color: var(--muted); }
.badge { border-radius: 999px; padding: 0 6px; border: 1px solid currentColor; font-size: 11px; }
[data-delivery='sent'] .badge, .badge[data-state='counted'] { color: var(--ok); }
[data-delivery='queued'] .badge, .badge[data-state='tracked'] { color: var(--muted); }
[data-delivery='retrying'] .badge, .badge[data-state='dwelling'] { color: var(--warn); }
[data-delivery='dropped'] .badge, [data-delivery='rejected'] .badge { color: var(--bad); }
.issues { color: var(--bad); margin: 2px 0 0; padding-left: 16px; }
.empty { padding: 16px 8px; color: var(--muted); }
.items { list-style: none; margin: 4px 0 0; padding: 0; display: grid; gap: 2px; }
.items li { display: grid; grid-template-columns: minmax(80px, 1fr) auto 2fr; gap: 8px; align-items: center; }
.meter { height: 4px; background: var(--line); border-radius: 2px; overflow: hidden; }
.meter > span { display: block; height: 100%; background: var(--dwell); }
.overlay { position: fixed; inset: 0; pointer-events: none; z-index: 2147483645; }
.outline { position: fixed; border: 2px dashed var(--muted); border-radius: 4px; }
.outline[data-state='dwelling'] { border: 2px solid var(--dwell); }
.outline[data-state='counted'] { border: 2px solid var(--ok); }
.outline .meter { position: absolute; left: 0; right: 0; bottom: 0; border-radius: 0; }
.outline .label {
  position: absolute; top: 0; left: 0; font-size: 10px; padding: 0 4px; background: var(--bg); color: var(--fg);
  border-bottom-right-radius: 4px; opacity: 0.9;
}
`;
