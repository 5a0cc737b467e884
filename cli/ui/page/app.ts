/**
 * The page of `coop sim --ui` and of `--report out.html`: the board and its
 * parts (drawn with @wokwi/elements), the waveform, the console, the task
 * list, the scenario's steps, the clock and the memory estimate.
 *
 * Live, it reads one server-sent-events stream (/events: an 'init' message,
 * then 'update's; see UiMessage in ../session.ts) and sends input and time
 * controls as POSTs (/api/input, /api/control, /api/save). As a report, the
 * whole run is in `window.__COOP_REPORT__` and nothing is fetched: the same
 * code draws it, with the controls left out.
 *
 * Runs in the browser: page-assets.ts joins this file's compiled JS with
 * ../waveform.js into one script (the import below is removed there).
 */
import { esc, shortTime, showValue, valueAt, WAVE, waveformSvg, waveHeight } from '../waveform.js';
import type { PartRecord, RunRecord } from '../run-record.js';
import type { TaskRow } from '../../../sim/task-list.js';

/** What the server sends (../session.ts UiMessage), as the page uses it. */
interface Message {
  type: 'init' | 'update';
  record: RunRecord;
  mode: 'paused' | 'running';
  speed: number | 'max';
  until: number | null;
  memory: { usage: number; total: number };
  tasks: TaskRow[] | null;
  status: string;
  recording: number;
}

interface ReportData {
  record: RunRecord;
  tasks?: TaskRow[] | null;
  generated: string;
}

declare global {
  interface Window {
    __COOP_REPORT__?: ReportData;
    /** For tests and curious people: the record the page shows. */
    coop: { record: RunRecord | null; view: { t0: number; t1: number; follow: boolean } };
  }
}

const report = window.__COOP_REPORT__;
const live = !report;
let record: RunRecord | null = null;
const view = { t0: 0, t1: 2000, follow: true };
let cursor: number | undefined;
window.coop = { record: null, view };

/** document.getElementById, typed. */
function $(id: string): HTMLElement {
  return document.getElementById(id)!;
}

/** A new element with attributes and children. */
function el(tag: string, attrs: Record<string, string> = {}, ...children: (Node | string)[]): HTMLElement {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  for (const c of children) e.append(c);
  return e;
}

/** "[   1.234s]" as the CLI prints it. */
function stamp(ms: number): string {
  return `[${(ms / 1000).toFixed(3).padStart(9)}s]`;
}

// ---- talking to the server ---------------------------------------------------

async function post(path: string, body: unknown): Promise<unknown> {
  const res = await fetch(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const data = await res.json().catch(() => ({ error: `the server answered ${res.status}` }));
  if (!res.ok || (data as { error?: string }).error) {
    showError((data as { error?: string }).error ?? `the server answered ${res.status}`);
    return null;
  }
  return data;
}

function input(body: Record<string, unknown>): void {
  void post('/api/input', body);
}

function control(body: Record<string, unknown>): void {
  void post('/api/control', body);
}

function showError(text: string): void {
  const box = $('page-error');
  box.textContent = text;
  box.hidden = false;
  setTimeout(() => (box.hidden = true), 8000);
}

// ---- the layout ----------------------------------------------------------------

function layout(): void {
  const app = $('app');
  app.append(
    el('header', {},
      el('h1', { id: 'title' }, 'Coop simulator'),
      el('div', { class: 'clock' }, el('span', { class: 'label' }, 'virtual time '), el('span', { id: 'clock' }, '0.000s')),
      el('div', { class: 'memory' }, el('span', { class: 'label' }, 'memory '), el('span', { id: 'memory' }, '—')),
      el('div', { id: 'mode', class: 'mode' }, live ? 'connecting…' : 'report'),
    ),
    el('div', { id: 'page-error', class: 'banner error', hidden: '' }),
    el('div', { id: 'crash', class: 'banner error', hidden: '' }),
    el('div', { id: 'ended', class: 'banner', hidden: '' }),
  );
  if (live) {
    app.append(el('nav', { id: 'controls' },
      el('button', { id: 'run', title: 'run (r)' }, '▶ Run'),
      el('button', { id: 'pause', title: 'pause (p)' }, '❚❚ Pause'),
      el('button', { id: 'step', title: 'run to the next event (s)' }, '▶| Step'),
      el('label', {}, 'speed ', el('select', { id: 'speed' }, el('option', { value: '1' }, '1×'), el('option', { value: '10' }, '10×'), el('option', { value: '100' }, '100×'), el('option', { value: 'max' }, 'as fast as possible'))),
      el('label', {}, 'run until ', el('input', { id: 'until', size: '8', placeholder: 'e.g. 12s' })),
      el('button', { id: 'until-go' }, 'Go'),
      el('span', { class: 'spacer' }),
      el('button', { id: 'save', title: 'save what you did as a scenario that replays it' }, 'Save recording'),
      el('span', { id: 'recording', class: 'muted' }, ''),
    ), el('div', { id: 'status', class: 'status' }, ''));
  } else {
    app.append(el('div', { id: 'status', class: 'status' }, `report of a finished run, written ${report!.generated}`));
  }
  app.append(el('main', {},
    el('section', { id: 'board-panel', class: 'panel' }, el('h2', {}, 'Board and parts'), el('div', { id: 'board' }), el('div', { id: 'parts' })),
    el('section', { id: 'wave-panel', class: 'panel wide' },
      el('h2', {}, 'Waveform'),
      el('div', { class: 'tools' },
        el('button', { id: 'zoom-in', title: 'zoom in (+)' }, '+'),
        el('button', { id: 'zoom-out', title: 'zoom out (-)' }, '-'),
        el('button', { id: 'fit', title: 'the whole run' }, 'whole run'),
        ...(live ? [el('label', {}, el('input', { id: 'follow', type: 'checkbox', checked: '' }), ' follow')] : []),
        el('span', { id: 'readout', class: 'readout' }, 'move over the waveform to read values; wheel zooms, shift+wheel scrolls'),
      ),
      el('div', { id: 'wave' })),
    el('section', { id: 'console-panel', class: 'panel' },
      el('h2', {}, 'Console'),
      el('pre', { id: 'console' }),
      ...(live ? [el('form', { id: 'console-form' }, el('input', { id: 'console-input', placeholder: 'type to the board\'s console, Enter sends', autocomplete: 'off' }), el('button', {}, 'Send'))] : [])),
    el('section', { id: 'tasks-panel', class: 'panel' }, el('h2', {}, 'Tasks'), el('div', { id: 'tasks' }, live ? 'waiting for the board…' : '')),
    el('section', { id: 'steps-panel', class: 'panel' }, el('h2', {}, 'Scenario'), el('div', { id: 'steps' })),
    el('section', { id: 'memory-panel', class: 'panel' }, el('h2', {}, 'Memory estimate over time'), el('div', { id: 'memory-chart' })),
  ));
  $('zoom-in').onclick = () => zoom(0.5);
  $('zoom-out').onclick = () => zoom(2);
  $('fit').onclick = () => {
    view.follow = false;
    if (live) ($('follow') as HTMLInputElement).checked = false;
    view.t0 = 0;
    view.t1 = Math.max(record?.now ?? 1, 1);
    drawWave();
  };
  const wave = $('wave');
  wave.addEventListener('wheel', (e) => {
    e.preventDefault();
    const span = view.t1 - view.t0;
    if (e.shiftKey || Math.abs(e.deltaX) > Math.abs(e.deltaY)) {
      view.follow = false;
      const d = ((e.shiftKey ? e.deltaY : e.deltaX) / 500) * span;
      view.t0 = Math.max(0, view.t0 + d);
      view.t1 = view.t0 + span;
    } else zoom(e.deltaY > 0 ? 1.25 : 0.8, timeAt(e));
    syncFollow();
    drawWave();
  }, { passive: false });
  wave.addEventListener('mousemove', (e) => {
    cursor = timeAt(e);
    drawWave();
  });
  wave.addEventListener('mouseleave', () => {
    cursor = undefined;
    drawWave();
  });
  if (live) wireControls();
}

/** Virtual time under the mouse on the waveform. */
function timeAt(e: MouseEvent): number | undefined {
  const svg = $('wave').querySelector('svg');
  if (!svg) return undefined;
  const box = svg.getBoundingClientRect();
  const px = e.clientX - box.left - WAVE.label;
  const plotW = box.width - WAVE.label - WAVE.pad;
  if (px < 0 || px > plotW) return undefined;
  return view.t0 + (px / plotW) * (view.t1 - view.t0);
}

function zoom(factor: number, around?: number): void {
  const c = around ?? (view.t0 + view.t1) / 2;
  const span = Math.max(0.05, (view.t1 - view.t0) * factor);
  const frac = (c - view.t0) / (view.t1 - view.t0);
  view.t0 = Math.max(0, c - span * frac);
  view.t1 = view.t0 + span;
  if (factor < 1 && live) view.follow = false;
  syncFollow();
  drawWave();
}

function syncFollow(): void {
  if (live) ($('follow') as HTMLInputElement).checked = view.follow;
}

function wireControls(): void {
  $('run').onclick = () => control({ op: 'run' });
  $('pause').onclick = () => control({ op: 'pause' });
  $('step').onclick = () => control({ op: 'step' });
  ($('speed') as HTMLSelectElement).onchange = (e) => {
    const v = (e.target as HTMLSelectElement).value;
    control({ op: 'speed', value: v === 'max' ? 'max' : Number(v) });
  };
  $('until-go').onclick = () => {
    const text = ($('until') as HTMLInputElement).value.trim();
    const ms = parseTime(text);
    if (ms === null) return showError(`run until: "${text}" is not a time; write e.g. 12s, 500ms or 2m`);
    control({ op: 'until', value: ms });
  };
  ($('follow') as HTMLInputElement).onchange = (e) => {
    view.follow = (e.target as HTMLInputElement).checked;
    drawWave();
  };
  $('save').onclick = async () => {
    const r = (await post('/api/save', {})) as { path?: string; yaml: string; steps: number } | null;
    if (!r) return;
    if (r.path) $('status').textContent = `saved ${r.steps} step${r.steps === 1 ? '' : 's'} to ${r.path}; replay with coop sim --scenario ${r.path}`;
    else {
      const a = el('a', { href: URL.createObjectURL(new Blob([r.yaml], { type: 'text/yaml' })), download: 'recording.scenario.yaml' }) as HTMLAnchorElement;
      a.click();
      $('status').textContent = 'saved as a download (start coop sim with --record file.yaml to save next to your project)';
    }
  };
  $('console-form').addEventListener('submit', (e) => {
    e.preventDefault();
    const box = $('console-input') as HTMLInputElement;
    input({ op: 'write-console', text: box.value + '\n' });
    box.value = '';
  });
  // Keys: r run, p pause, s step, +/- zoom, 1..9 hold the n-th button.
  const held = new Set<string>();
  window.addEventListener('keydown', (e) => {
    if ((e.target as HTMLElement).tagName === 'INPUT' || e.ctrlKey || e.metaKey || e.altKey) return;
    if (e.key === 'r') control({ op: 'run' });
    else if (e.key === 'p') control({ op: 'pause' });
    else if (e.key === 's') control({ op: 'step' });
    else if (e.key === '+') zoom(0.5);
    else if (e.key === '-') zoom(2);
    else if (/^[1-9]$/.test(e.key) && !held.has(e.key)) {
      const b = buttons()[Number(e.key) - 1];
      if (!b) return;
      held.add(e.key);
      input({ op: 'press', part: b.id });
    }
  });
  window.addEventListener('keyup', (e) => {
    if (!held.has(e.key)) return;
    held.delete(e.key);
    const b = buttons()[Number(e.key) - 1];
    if (b) input({ op: 'release', part: b.id });
  });
}

function buttons(): PartRecord[] {
  return (record?.parts ?? []).filter((p) => p.type === 'button');
}

/** "12s", "500ms", "2m", "1.5" (seconds) → ms. */
function parseTime(text: string): number | null {
  const m = /^(\d+(?:\.\d+)?)\s*(ms|s|m|min|h)?$/.exec(text);
  if (!m) return null;
  return Number(m[1]) * ({ ms: 1, s: 1000, m: 60_000, min: 60_000, h: 3_600_000 }[m[2] ?? 's'] as number);
}

// ---- parts -----------------------------------------------------------------------

const partViews = new Map<string, { root: HTMLElement; update: (p: PartRecord) => void }>();

function pinText(p: PartRecord): string {
  if (p.pins.length === 0) return 'not wired to any pin';
  return `on ${p.pins.join(', ')}`;
}

/** A card for a part: its drawing, its name and pins, its state. */
function partView(p: PartRecord): { root: HTMLElement; update: (p: PartRecord) => void } {
  const state = el('div', { class: 'state' });
  const card = el('div', { class: `part part-${p.type}`, 'data-part': p.id },
    el('div', { class: 'name' }, `${p.id}`, el('span', { class: 'muted' }, ` ${p.type}${p.builtIn ? ' (on the board)' : ''}`)),
    el('div', { class: 'pins muted' }, pinText(p)));
  const drawing = el('div', { class: 'drawing' });
  card.insertBefore(drawing, card.children[1]);
  card.append(state);
  let update: (p: PartRecord) => void = (q) => (state.textContent = q.state);
  switch (p.type) {
    case 'led': {
      const led = document.createElement('wokwi-led') as HTMLElement & { value: boolean; brightness: number; color: string };
      led.color = p.color ?? 'red';
      drawing.append(led);
      update = (q) => {
        const b = q.brightness ?? 0;
        led.value = b > 0;
        led.brightness = b;
        card.dataset.lit = b > 0 ? '1' : '0';
        state.textContent = q.state;
      };
      break;
    }
    case 'button': {
      const btn = document.createElement('wokwi-pushbutton') as HTMLElement & { pressed: boolean; color: string };
      btn.color = p.color ?? (p.builtIn ? 'black' : 'red');
      drawing.append(btn);
      if (live) {
        btn.addEventListener('button-press', () => input({ op: 'press', part: p.id }));
        btn.addEventListener('button-release', () => input({ op: 'release', part: p.id }));
        const n = buttons().findIndex((b) => b.id === p.id) + 1;
        if (n > 0 && n < 10) card.querySelector('.pins')!.append(` · key ${n}`);
      } else btn.style.pointerEvents = 'none';
      update = (q) => {
        card.dataset.pressed = q.pressed ? '1' : '0';
        state.textContent = q.state;
      };
      break;
    }
    case 'potentiometer':
    case 'voltage-source': {
      const knob = document.createElement(p.type === 'potentiometer' ? 'wokwi-potentiometer' : 'wokwi-slide-potentiometer') as HTMLElement & { value: number; min: number; max: number; step: number };
      knob.min = 0;
      knob.max = 330;
      knob.step = 1;
      knob.value = Math.round((p.volts ?? 0) * 100);
      drawing.append(knob);
      let dragging = 0;
      if (live) {
        knob.addEventListener('input', (e) => {
          const raw = (e as CustomEvent).detail ?? knob.value;
          const volts = Math.round(Number(raw)) / 100;
          dragging = Date.now();
          state.textContent = `${volts.toFixed(2)} V`;
          input({ op: 'set-voltage', part: p.id, volts });
        });
      } else knob.style.pointerEvents = 'none';
      update = (q) => {
        if (Date.now() - dragging > 500) knob.value = Math.round((q.volts ?? 0) * 100);
        card.dataset.volts = String(q.volts ?? 0);
        state.textContent = `${(q.volts ?? 0).toFixed(2)} V`;
      };
      break;
    }
    case 'sht3x': {
      const t = el('input', { type: 'range', min: '-45', max: '130', step: '0.5', class: 'temperature', 'aria-label': `${p.id} temperature` }) as HTMLInputElement;
      const rh = el('input', { type: 'range', min: '0', max: '100', step: '1', class: 'humidity', 'aria-label': `${p.id} humidity` }) as HTMLInputElement;
      const tv = el('span');
      const rv = el('span');
      drawing.append(el('div', { class: 'sensor' }, el('div', { class: 'chip' }, 'SHT3x'), el('label', {}, 'temperature ', t, ' ', tv), el('label', {}, 'humidity ', rh, ' ', rv)));
      if (live) {
        t.oninput = () => input({ op: 'set-temperature', part: p.id, celsius: Number(t.value) });
        rh.oninput = () => input({ op: 'set-humidity', part: p.id, percent: Number(rh.value) });
      } else t.disabled = rh.disabled = true;
      update = (q) => {
        if (document.activeElement !== t) t.value = String(q.celsius);
        if (document.activeElement !== rh) rh.value = String(q.humidity);
        tv.textContent = `${q.celsius} °C`;
        rv.textContent = `${q.humidity} %RH`;
        state.textContent = q.state;
      };
      break;
    }
    case 'uart-peer': {
      const got = el('pre', { class: 'uart' });
      drawing.append(el('div', { class: 'muted' }, 'what the board sent it:'), got);
      if (live) {
        const box = el('input', { placeholder: 'a line to send to the board', autocomplete: 'off' }) as HTMLInputElement;
        const form = el('form', {}, box, el('button', {}, 'Send'));
        form.addEventListener('submit', (e) => {
          e.preventDefault();
          input({ op: 'uart-send', part: p.id, text: box.value + '\r\n' });
          box.value = '';
        });
        drawing.append(form);
      }
      update = (q) => {
        got.textContent = q.received ? q.received.slice(-2000) : '(nothing yet)';
        state.textContent = q.state;
      };
      break;
    }
  }
  return { root: card, update };
}

function drawParts(): void {
  const r = record!;
  $('board').replaceChildren(el('div', { class: 'board-box' },
    el('div', { class: 'board-name' }, r.board.name),
    el('div', { class: 'muted' }, `board "${r.board.id}" · ${r.signals.length} wired pin${r.signals.length === 1 ? '' : 's'}`)));
  const box = $('parts');
  if (r.parts.length === 0 && box.children.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No parts: the run has no diagram and the board has no LEDs or buttons. Add a diagram.json (docs/simulator.md) to wire LEDs, buttons and sensors.'));
    return;
  }
  for (const p of r.parts) {
    let v = partViews.get(p.id);
    if (!v) {
      v = partView(p);
      partViews.set(p.id, v);
      box.append(v.root);
    }
    v.update(p);
  }
}

// ---- the other panels ------------------------------------------------------------------

let consoleShown = 0;
function drawConsole(): void {
  const r = record!;
  const pre = $('console');
  if (r.console.length === 0 && consoleShown === 0) {
    pre.textContent = live ? '(the board has printed nothing yet)' : '(the board printed nothing)';
    pre.classList.add('muted');
    return;
  }
  if (consoleShown === 0) {
    pre.textContent = '';
    pre.classList.remove('muted');
  }
  const atBottom = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4;
  for (; consoleShown < r.console.length; consoleShown++) {
    const l = r.console[consoleShown];
    const line = el('div', { class: 'line', 'data-t': String(l.t) }, el('span', { class: 'stamp' }, stamp(l.t)), ' ', l.text);
    line.onclick = () => centreOn(l.t);
    pre.append(line);
  }
  if (atBottom) pre.scrollTop = pre.scrollHeight;
}

/** Show time `t` in the middle of the waveform. */
function centreOn(t: number): void {
  const span = view.t1 - view.t0;
  view.follow = false;
  syncFollow();
  view.t0 = Math.max(0, t - span / 2);
  view.t1 = view.t0 + span;
  cursor = t;
  drawWave();
}

function drawTasks(tasks: TaskRow[] | null | undefined): void {
  const box = $('tasks');
  if (tasks === undefined) return;
  if (tasks === null) {
    box.replaceChildren(el('p', { class: 'muted' }, 'The task list is not available: the firmware uses no Coop tasks (spawn), or it has not started any yet.'));
    return;
  }
  if (tasks.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No tasks are running.'));
    return;
  }
  const rows = tasks.map((t) => el('tr', {},
    el('td', { style: `padding-left:${0.3 + t.depth * 1.2}em` }, t.name),
    el('td', {}, t.state),
    el('td', {}, t.waitingOn ?? ''),
    el('td', {}, t.age === null ? '—' : `${t.age} s`)));
  box.replaceChildren(el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, 'task'), el('th', {}, 'state'), el('th', {}, 'waiting on'), el('th', {}, 'age'))), el('tbody', {}, ...rows)));
}

function drawSteps(): void {
  const r = record!;
  const box = $('steps');
  if (r.steps.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, live ? 'No scenario: start with --scenario file.yaml to play one step by step.' : 'This run had no scenario.'));
    return;
  }
  const mark = { pass: '✔', fail: '✘', run: '▶', todo: '·' } as const;
  const items = r.steps.map((s) => el('li', { class: `step ${s.status}`, 'data-step': String(s.n) },
    el('span', { class: 'mark' }, mark[s.status]), ` ${s.n}. ${s.source}`,
    s.t0 !== undefined ? el('span', { class: 'muted' }, ` at ${shortTime(s.t0)}`) : '',
    s.why ? el('pre', { class: 'why' }, s.why) : ''));
  for (const item of items) item.onclick = () => {
    const s = r.steps[Number(item.dataset.step) - 1];
    if (s.t0 !== undefined) centreOn(s.t0);
  };
  box.replaceChildren(el('div', { class: 'muted' }, r.scenario ?? ''), el('ol', {}, ...items));
}

function drawMemory(m: { usage: number; total: number }): void {
  $('memory').textContent = m.usage ? `${m.usage} of ${m.total} JsVars (${((100 * m.usage) / m.total).toFixed(1)}%, estimate)` : `— of ${m.total} JsVars`;
  const r = record!;
  const box = $('memory-chart');
  if (r.memory.length === 0) {
    box.replaceChildren(el('p', { class: 'muted' }, 'No estimate yet.'));
    return;
  }
  const w = 420;
  const h = 120;
  const end = Math.max(r.now, 1);
  const max = Math.max(r.memTotal, ...r.memory.map((s) => s.usage));
  const pts = r.memory.map((s) => `${(40 + (s.t / end) * (w - 50)).toFixed(1)},${(h - 20 - (s.usage / max) * (h - 30)).toFixed(1)}`);
  const last = r.memory[r.memory.length - 1];
  pts.push(`${(40 + (w - 50)).toFixed(1)},${(h - 20 - (last.usage / max) * (h - 30)).toFixed(1)}`);
  box.innerHTML = `<svg width="${w}" height="${h}" font-size="10" font-family="sans-serif">` +
    `<line x1="40" x2="${w - 10}" y1="${h - 20 - (r.memTotal / max) * (h - 30)}" y2="${h - 20 - (r.memTotal / max) * (h - 30)}" stroke="#c62828" stroke-dasharray="4 3"/>` +
    `<text x="42" y="${h - 23 - (r.memTotal / max) * (h - 30)}" fill="#c62828">the board's ${r.memTotal} JsVars</text>` +
    `<polyline points="${pts.join(' ')}" fill="none" stroke="#1565c0" stroke-width="1.5"/>` +
    `<line x1="40" x2="${w - 10}" y1="${h - 20}" y2="${h - 20}" stroke="#999"/>` +
    `<text x="40" y="${h - 6}">0s</text><text x="${w - 10}" y="${h - 6}" text-anchor="end">${esc(shortTime(end))}</text>` +
    `<text x="4" y="${h - 20}">0</text><text x="4" y="14">${max}</text>` +
    `<text x="${w / 2}" y="${h - 6}" text-anchor="middle" fill="#1565c0">now ${last.usage} JsVars</text></svg>`;
}

function drawWave(): void {
  const r = record;
  if (!r) return;
  if (view.follow) {
    const span = Math.max(50, view.t1 - view.t0);
    view.t1 = Math.max(span, r.now);
    view.t0 = view.t1 - span;
  }
  const box = $('wave');
  const width = Math.max(400, box.clientWidth || 900);
  box.innerHTML = waveformSvg(r, { t0: view.t0, t1: view.t1, width, cursor });
  box.style.height = `${waveHeight(r)}px`;
  if (cursor !== undefined) {
    const values = r.signals.map((s) => `${s.label.split(' · ')[1] ?? s.pin} ${showValue(valueAt(r, s.pin, cursor!))}`);
    $('readout').textContent = `at ${shortTime(cursor)}: ${values.join(', ')}`;
  }
}

function drawHeader(m: { mode?: string; speed?: number | 'max'; status?: string; recording?: number }): void {
  const r = record!;
  document.title = `${r.title} · Coop`;
  $('title').textContent = r.title;
  $('clock').textContent = `${(r.now / 1000).toFixed(3)}s`;
  if (live) {
    $('mode').textContent = m.mode === 'running' ? `running ${m.speed === 'max' ? 'at full speed' : `${m.speed}×`}` : 'paused';
    $('mode').className = `mode ${m.mode}`;
    ($('speed') as HTMLSelectElement).value = String(m.speed);
    if (m.status) $('status').textContent = m.status;
    $('recording').textContent = m.recording ? `${m.recording} input${m.recording === 1 ? '' : 's'} recorded` : 'nothing recorded yet';
  }
  const crash = $('crash');
  if (r.errors.length > 0) {
    crash.textContent = `The firmware crashed: ${r.errors.length} uncaught error${r.errors.length === 1 ? '' : 's'}: ${r.errors.slice(-3).join(' · ')}`;
    crash.hidden = false;
  } else crash.hidden = true;
  const ended = $('ended');
  if (r.ended) {
    ended.textContent = r.ended;
    ended.className = `banner ${r.steps.some((s) => s.status === 'fail') ? 'error' : 'ok'}`;
    ended.hidden = false;
  } else ended.hidden = true;
}

// ---- messages ------------------------------------------------------------------------

function apply(m: Message): void {
  if (m.type === 'init' || !record) {
    record = m.record;
    window.coop.record = record;
  } else {
    const d = m.record;
    record.now = d.now;
    record.pins.push(...d.pins);
    record.analog.push(...d.analog);
    record.console.push(...d.console);
    record.notes.push(...d.notes);
    record.memory.push(...d.memory);
    record.signals = d.signals;
    record.parts = d.parts;
    record.steps = d.steps;
    record.errors = d.errors;
    record.ended = d.ended;
    record.scenario = d.scenario;
  }
  drawHeader(m);
  drawParts();
  drawConsole();
  drawTasks(m.tasks);
  drawSteps();
  drawMemory(m.memory);
  drawWave();
  document.body.dataset.now = String(record.now);
  document.body.dataset.mode = m.mode;
}

layout();
if (report) {
  const r = report.record;
  const last = r.memory[r.memory.length - 1];
  view.follow = false;
  view.t0 = 0;
  view.t1 = Math.max(1, r.now);
  apply({ type: 'init', record: r, mode: 'paused', speed: 1, until: null, memory: { usage: last ? last.usage : 0, total: r.memTotal }, tasks: report.tasks ?? undefined as unknown as null, status: '', recording: 0 });
  $('mode').textContent = r.ended ? 'finished run' : 'report';
  document.body.dataset.ready = '1';
} else {
  const source = new EventSource('/events');
  source.onmessage = (e) => {
    apply(JSON.parse(e.data) as Message);
    document.body.dataset.ready = '1';
  };
  source.onerror = () => {
    $('mode').textContent = 'disconnected: coop sim has stopped (start it again and reload)';
    $('mode').className = 'mode gone';
  };
}
