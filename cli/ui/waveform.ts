/**
 * The waveform of a run as SVG text: one row per wired pin against virtual
 * time, with the console lines, the simulation's notes and a scenario's
 * steps (passed green, failed red) marked on the time axis.
 *
 * One renderer for three places, so they cannot disagree: Node writes it to
 * a file (`coop sim --svg out.svg`), and the live page and the HTML report
 * run this same module in the browser (it imports nothing at run time and
 * touches no DOM; page-assets.ts joins it with page/app.js). Rows carry the
 * changes they draw as `data-changes="t:v …"`, so tests and tools read the
 * picture without guessing pixels.
 */
import type { RunRecord } from './run-record.js';

/** The part of time shown and the size of the picture. */
export interface WaveView {
  /** Virtual time (ms) at the left edge and at the right edge. */
  t0: number;
  t1: number;
  /** Width in pixels, labels included. */
  width: number;
  /** A vertical cursor line at this time (ms), with each row's value there. */
  cursor?: number;
  /** Standalone file: an XML prolog-free <svg> with its own white background and font. */
  standalone?: boolean;
}

/** Layout of the picture (pixels). */
export const WAVE = { label: 170, row: 30, axis: 26, marks: 22, pad: 8 } as const;

/** "1.234s", "250ms", "2m 05s": short times for the axis. */
export function shortTime(ms: number): string {
  if (ms >= 120_000) {
    const m = Math.floor(ms / 60_000);
    return `${m}m ${String(Math.floor((ms % 60_000) / 1000)).padStart(2, '0')}s`;
  }
  if (ms >= 1000 || ms === 0) return `${+(ms / 1000).toFixed(3)}s`;
  return `${+ms.toFixed(3)}ms`;
}

/** A tick step (ms) that puts about `n` ticks across `span` ms: 1, 2, 5 × 10^k. */
export function tickStep(span: number, n: number): number {
  const raw = span / Math.max(1, n);
  const p = Math.pow(10, Math.floor(Math.log10(raw)));
  for (const m of [1, 2, 5, 10]) if (raw <= m * p) return m * p;
  return 10 * p;
}

/** XML-escape text. */
export function esc(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** The level or analog value of `pin` at time `t` (ms), from the record's changes; null when never set. */
export function valueAt(record: RunRecord, pin: string, t: number): { level: 0 | 1 | null; analog: number | null; kind?: 'duty' | 'volts' } {
  let level: 0 | 1 | null = null;
  for (const e of record.pins) {
    if (e.t > t) break;
    if (e.pin === pin) level = e.value;
  }
  let analog: number | null = null;
  let kind: 'duty' | 'volts' | undefined;
  for (const e of record.analog) {
    if (e.t > t) break;
    if (e.pin === pin) {
      analog = e.value;
      kind = e.kind;
    }
  }
  return { level, analog, kind };
}

/** A value as a person reads it: "1", "0", "1.30 V", "42% PWM". */
export function showValue(v: ReturnType<typeof valueAt>): string {
  if (v.analog !== null && v.kind === 'volts') return `${v.analog.toFixed(2)} V`;
  if (v.analog !== null && v.kind === 'duty') return `${Math.round(v.analog * 100)}% PWM`;
  return v.level === null ? '0' : String(v.level);
}

/** Height (px) of the picture for `record`. */
export function waveHeight(record: RunRecord): number {
  return WAVE.axis + WAVE.marks * 2 + Math.max(1, record.signals.length) * WAVE.row + WAVE.pad;
}

/** The waveform as an <svg> element's text. */
export function waveformSvg(record: RunRecord, view: WaveView): string {
  const { t0, width } = view;
  const t1 = view.t1 > t0 ? view.t1 : t0 + 1;
  const plotW = Math.max(10, width - WAVE.label - WAVE.pad);
  const x = (t: number) => WAVE.label + ((t - t0) / (t1 - t0)) * plotW;
  const clampX = (t: number) => Math.min(WAVE.label + plotW, Math.max(WAVE.label, x(t)));
  const height = waveHeight(record);
  const out: string[] = [];
  out.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="ui-monospace, Menlo, Consolas, monospace" font-size="11" data-t0="${t0}" data-t1="${t1}">`);
  if (view.standalone) out.push(`<rect width="${width}" height="${height}" fill="#fff"/>`, `<title>${esc(record.title)}</title>`);

  // Time axis with ticks.
  const step = tickStep(t1 - t0, Math.max(2, Math.floor(plotW / 90)));
  out.push(`<g class="axis" fill="#555">`);
  for (let t = Math.ceil(t0 / step) * step; t <= t1 + 1e-9; t += step) {
    const px = x(t).toFixed(1);
    out.push(`<line x1="${px}" x2="${px}" y1="${WAVE.axis - 6}" y2="${height - WAVE.pad}" stroke="#e4e4e4"/>`, `<text x="${px}" y="${WAVE.axis - 9}" text-anchor="middle">${esc(shortTime(t))}</text>`);
  }
  out.push(`<text x="4" y="${WAVE.axis - 9}" fill="#333">virtual time</text></g>`);

  // Scenario steps and console lines / notes, as marks on two strips under the axis.
  let y = WAVE.axis;
  out.push(`<g class="steps"><text x="4" y="${y + 15}" fill="#333">${record.steps.length ? 'scenario steps' : 'no scenario'}</text>`);
  for (const s of record.steps) {
    if (s.t0 === undefined || s.status === 'todo') continue;
    const end = s.t1 ?? record.now;
    if (end < t0 || s.t0 > t1) continue;
    const colour = s.status === 'pass' ? '#2e7d32' : s.status === 'fail' ? '#c62828' : '#f9a825';
    const xa = clampX(s.t0);
    const w = Math.max(2, clampX(end) - xa);
    out.push(`<rect class="step ${s.status}" data-step="${s.n}" x="${xa.toFixed(1)}" y="${y + 4}" width="${w.toFixed(1)}" height="${WAVE.marks - 8}" fill="${colour}" fill-opacity="0.75"><title>step ${s.n} ${s.status === 'pass' ? 'passed' : s.status === 'fail' ? 'FAILED' : 'running'}: ${esc(s.source)}${s.why ? '\n' + esc(s.why) : ''}</title></rect>`);
  }
  out.push('</g>');
  y += WAVE.marks;
  out.push(`<g class="events"><text x="4" y="${y + 15}" fill="#333">console · notes</text>`);
  for (const l of record.console) {
    if (l.t < t0 || l.t > t1) continue;
    out.push(`<rect class="console-mark" data-t="${l.t}" x="${(x(l.t) - 1).toFixed(1)}" y="${y + 4}" width="3" height="${WAVE.marks - 8}" fill="#1565c0"><title>${esc(shortTime(l.t))} ${esc(l.text)}</title></rect>`);
  }
  for (const n of record.notes) {
    if (n.t < t0 || n.t > t1) continue;
    out.push(`<path class="note-mark" d="M${x(n.t).toFixed(1)} ${y + 4}l4 7l-4 7l-4 -7z" fill="${n.warn ? '#e65100' : '#6a1b9a'}"><title>${esc(shortTime(n.t))} ${esc(n.text)}</title></path>`);
  }
  out.push('</g>');
  y += WAVE.marks;

  // One row per wired pin.
  if (record.signals.length === 0) {
    out.push(`<text x="${WAVE.label}" y="${y + 19}" fill="#777">no wired pins: the diagram has no parts and the board no LEDs or buttons</text>`);
  }
  for (const s of record.signals) {
    const top = y + 5;
    const bottom = y + WAVE.row - 5;
    const changes = record.pins.filter((e) => e.pin === s.pin);
    const analog = record.analog.filter((e) => e.pin === s.pin);
    // The changes drawn (those in view), for tools and tests: a long run's thousands off screen are left out.
    const shown = (e: { t: number }) => e.t >= t0 && e.t <= t1;
    out.push(`<g class="signal" data-pin="${esc(s.pin)}" data-kind="${s.kind}" data-changes="${changes.filter(shown).map((e) => `${e.t}:${e.value}`).join(' ')}" data-analog="${analog.filter(shown).map((e) => `${e.t}:${e.kind}:${e.value === null ? 'off' : +e.value.toFixed(4)}`).join(' ')}">`);
    out.push(`<text x="4" y="${y + WAVE.row / 2 + 4}" fill="#222">${esc(s.label.length > 26 ? s.label.slice(0, 25) + '…' : s.label)}<title>${esc(s.label)}</title></text>`);
    out.push(`<line x1="${WAVE.label}" x2="${WAVE.label + plotW}" y1="${y + WAVE.row}" y2="${y + WAVE.row}" stroke="#eee"/>`);
    // Digital: a step line of the level; analog rows draw the volts / duty (0..3.3 V, 0..100 %) over it.
    const d: string[] = [];
    let level = 0;
    for (const e of changes) {
      if (e.t > t0) break;
      level = e.value;
    }
    const ly = (v: number) => (v ? top : bottom);
    d.push(`M${WAVE.label} ${ly(level)}`);
    for (const e of changes) {
      if (e.t <= t0) continue;
      if (e.t > t1) break;
      const px = x(e.t).toFixed(1);
      d.push(`H${px}V${ly(e.value)}`);
      level = e.value;
    }
    d.push(`H${Math.min(WAVE.label + plotW, x(Math.min(t1, record.now))).toFixed(1)}`);
    out.push(`<path d="${d.join('')}" fill="none" stroke="${s.kind === 'analog' ? '#9e9e9e' : '#2e7d32'}" stroke-width="${s.kind === 'analog' ? 1 : 1.6}"/>`);
    if (analog.length > 0) {
      const ay = (e: { kind: string; value: number | null }) => {
        const frac = e.value === null ? 0 : e.kind === 'volts' ? e.value / 3.3 : e.value;
        return (bottom - frac * (bottom - top)).toFixed(1);
      };
      let cur: { kind: string; value: number | null } = { kind: 'volts', value: null };
      for (const e of analog) {
        if (e.t > t0) break;
        cur = e;
      }
      const a: string[] = [`M${WAVE.label} ${ay(cur)}`];
      for (const e of analog) {
        if (e.t <= t0) continue;
        if (e.t > t1) break;
        a.push(`H${x(e.t).toFixed(1)}V${ay(e)}`);
      }
      a.push(`H${Math.min(WAVE.label + plotW, x(Math.min(t1, record.now))).toFixed(1)}`);
      out.push(`<path d="${a.join('')}" fill="none" stroke="#ef6c00" stroke-width="1.6"/>`);
    }
    out.push('</g>');
    y += WAVE.row;
  }

  // The end of the run so far.
  if (record.now >= t0 && record.now <= t1) {
    const px = x(record.now).toFixed(1);
    out.push(`<line class="now" x1="${px}" x2="${px}" y1="${WAVE.axis}" y2="${y}" stroke="#90a4ae" stroke-dasharray="3 3"/>`);
  }
  if (view.cursor !== undefined && view.cursor >= t0 && view.cursor <= t1) {
    const px = x(view.cursor).toFixed(1);
    out.push(`<line class="cursor" x1="${px}" x2="${px}" y1="${WAVE.axis - 4}" y2="${y}" stroke="#d81b60"/>`);
    let ry = WAVE.axis + WAVE.marks * 2;
    for (const s of record.signals) {
      const v = showValue(valueAt(record, s.pin, view.cursor));
      out.push(`<text class="cursor-value" data-pin="${esc(s.pin)}" x="${(+px + 4).toFixed(1)}" y="${ry + 12}" fill="#d81b60">${esc(v)}</text>`);
      ry += WAVE.row;
    }
  }
  out.push('</svg>');
  return out.join('');
}
