/**
 * The page's files: its script, its style and the parts' drawings, found
 * where Coop is installed, so the live page and the report are the same
 * page whether Coop runs from a clone or from the espruino-coop package.
 *
 * The script is compiled TypeScript (page/app.ts and waveform.ts, emitted
 * to dist/ by tsc with the rest of the CLI, which is what the package
 * ships). The browser gets the two joined into one classic script, without
 * their import/export lines, because a report must be one file: an inline
 * <script> cannot import a module from next to it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { scriptJson } from './run-record.js';

/** A compiled file next to this one (dist/cli/ui/…); from the sources (tests under vitest), the one in dist/. */
function compiled(rel: string): string {
  for (const base of ['./', '../../dist/cli/ui/']) {
    const path = fileURLToPath(new URL(base + rel, import.meta.url));
    if (existsSync(path)) return readFileSync(path, 'utf8');
  }
  throw new Error(`coop sim --ui: the page's script ${rel} is not built; run npm run build:host (tsc -p tsconfig.host.json) in the coop clone`);
}

/** Drop ES module syntax tsc emits (imports of the joined files, `export` keywords, the source map comment). */
function unmodule(js: string): string {
  return js
    .replace(/^import [^;]*;\s*$/gm, '')
    .replace(/^export \{[^}]*\};?\s*$/gm, '')
    .replace(/^export (function|const|let|class|async function) /gm, '$1 ')
    .replace(/^\/\/# sourceMappingURL=.*$/gm, '');
}

let script: string | undefined;
/** The page's script: waveform.ts then page/app.ts, as one classic script in its own scope. */
export function pageScript(): string {
  script ??= `(function () {\n'use strict';\n${unmodule(compiled('waveform.js'))}\n${unmodule(compiled('page/app.js'))}\n})();\n`;
  return script;
}

let wokwi: string | undefined;
/** @wokwi/elements (MIT): the web components that draw the parts, resolved from wherever Coop is installed. */
export function wokwiElements(): string {
  if (wokwi === undefined) {
    const require = createRequire(import.meta.url);
    let path: string;
    try {
      path = require.resolve('@wokwi/elements/dist/wokwi-elements.bundle.min.js');
    } catch {
      throw new Error('coop sim --ui: the package @wokwi/elements (which draws the parts) is not installed; run npm install in the coop clone or reinstall espruino-coop');
    }
    wokwi = readFileSync(path, 'utf8');
  }
  return wokwi;
}

const STYLE = `
:root { --ink: #1d2327; --muted: #6b7780; --line: #dde3e8; --ok: #2e7d32; --bad: #c62828; --accent: #1565c0; }
* { box-sizing: border-box; }
body { margin: 0; font: 14px/1.4 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #f4f6f8; }
header { display: flex; gap: 1.5em; align-items: baseline; flex-wrap: wrap; padding: .6em 1em; background: #263238; color: #eceff1; }
header h1 { font-size: 1.05em; margin: 0; font-weight: 600; }
header .label { color: #90a4ae; font-size: .85em; }
#clock { font: 600 1.35em ui-monospace, Menlo, Consolas, monospace; }
#memory { font-family: ui-monospace, Menlo, Consolas, monospace; }
.mode { margin-left: auto; padding: .1em .6em; border-radius: 1em; background: #455a64; }
.mode.running { background: var(--ok); } .mode.gone { background: var(--bad); }
nav { display: flex; gap: .5em; align-items: center; flex-wrap: wrap; padding: .5em 1em; background: #fff; border-bottom: 1px solid var(--line); }
nav .spacer { flex: 1; }
button { font: inherit; padding: .25em .7em; border: 1px solid #b0bec5; border-radius: 4px; background: #fafafa; cursor: pointer; }
button:hover { background: #e3f2fd; }
input, select { font: inherit; }
.status { padding: .3em 1em; color: var(--muted); min-height: 1.8em; }
.banner { margin: .5em 1em; padding: .5em .8em; border-radius: 4px; background: #e8f5e9; border: 1px solid #a5d6a7; white-space: pre-wrap; }
.banner.error { background: #ffebee; border-color: #ef9a9a; color: #8e0000; }
main { display: grid; grid-template-columns: minmax(300px, 1fr) minmax(300px, 1fr); gap: .8em; padding: .8em 1em; }
.panel { background: #fff; border: 1px solid var(--line); border-radius: 6px; padding: .6em .8em; min-width: 0; }
.panel.wide { grid-column: 1 / -1; }
#board-panel { grid-column: 1 / -1; }
.panel h2 { font-size: .95em; margin: 0 0 .5em; color: #37474f; }
.muted { color: var(--muted); }
.board-box { display: inline-block; padding: .5em 1em; margin-bottom: .6em; border-radius: 6px; background: #1b5e20; color: #fff; font-family: ui-monospace, monospace; }
.board-box .muted { color: #c8e6c9; }
.board-name { font-weight: 600; }
#parts { display: flex; flex-wrap: wrap; gap: .7em; }
.part { border: 1px solid var(--line); border-radius: 6px; padding: .5em .7em; min-width: 140px; background: #fcfcfd; }
.part .name { font-weight: 600; }
.part .drawing { min-height: 50px; display: flex; align-items: center; gap: .5em; flex-direction: column; padding: .3em 0; }
.part .state { font-family: ui-monospace, monospace; font-size: .9em; }
.part[data-lit="1"] .state { color: var(--ok); }
.part-uart-peer, .part-sht3x { min-width: 260px; }
pre.uart { max-height: 8em; overflow: auto; background: #f5f5f5; padding: .3em; margin: 0; width: 100%; font-size: .85em; }
.sensor { display: flex; flex-direction: column; gap: .2em; }
.sensor .chip { background: #37474f; color: #fff; padding: .1em .5em; border-radius: 3px; align-self: flex-start; font-family: monospace; }
.tools { display: flex; gap: .4em; align-items: center; flex-wrap: wrap; margin-bottom: .3em; }
.readout { font-family: ui-monospace, monospace; color: #ad1457; font-size: .9em; }
#wave { overflow: hidden; cursor: crosshair; }
#console { height: 16em; overflow: auto; background: #102027; color: #e0f2f1; padding: .4em .6em; margin: 0 0 .4em; font-size: .85em; border-radius: 4px; }
#console.muted { color: #90a4ae; }
#console .stamp { color: #80cbc4; }
#console .line { cursor: pointer; } #console .line:hover { background: #1c313a; }
#console-form, .part form { display: flex; gap: .4em; } #console-input { flex: 1; }
table { border-collapse: collapse; width: 100%; font-size: .9em; }
th, td { text-align: left; padding: .15em .4em; border-bottom: 1px solid #eee; }
#steps ol { margin: 0; padding-left: 0; list-style: none; max-height: 22em; overflow: auto; font-family: ui-monospace, monospace; font-size: .85em; }
#steps li { cursor: pointer; padding: .05em 0; }
#steps li.pass .mark { color: var(--ok); } #steps li.fail { color: var(--bad); } #steps li.run .mark { color: #f9a825; } #steps li.todo { color: var(--muted); }
#steps pre.why { white-space: pre-wrap; margin: .2em 0 .4em 1.5em; }
`;

/**
 * The whole HTML page. Live: it loads /wokwi-elements.js and /app.js from
 * the server. A report: everything inline (`inline`), with the run's data.
 */
export function pageHtml(options: { title: string; report?: unknown }): string {
  const report = options.report !== undefined;
  const scripts = report
    ? `<script>${wokwiElements()}</script>\n<script>window.__COOP_REPORT__ = ${scriptJson(options.report)};</script>\n<script>${pageScript()}</script>`
    : '<script src="/wokwi-elements.js"></script>\n<script src="/app.js"></script>';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title.replace(/</g, '&lt;')} · Coop</title>
<link rel="icon" href="data:,">
<style>${STYLE}</style>
</head>
<body>
<div id="app"></div>
${scripts}
</body>
</html>
`;
}
