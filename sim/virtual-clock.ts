/**
 * Time in the simulator: a whole number of microseconds that only moves when
 * told to. Nothing ever waits for real time.
 *
 * Work is queued as entries with a due time. Entries come in two phases,
 * because Espruino's idle loop handles a moment in that order: first the
 * hardware events (pin edges, serial bytes), then every timer that is due, in
 * the order the timers were created. `runUntil` groups entries due at the same
 * instant into one "pass" and tells the host when a pass ends, so the host can
 * run the queued Promise reactions and emitted events there, as Espruino does
 * after its timers.
 */
export type Phase = 0 | 1;
/** Hardware events: pin edges, serial data arriving. */
export const IO: Phase = 0;
/** setTimeout / setInterval callbacks and watch debounce timeouts. */
export const TIMER: Phase = 1;

export interface ClockEntry {
  /** Microseconds since the board started. */
  due: number;
  phase: Phase;
  /** Tie-breaker among equal `due` and `phase`: order of creation. */
  seq: number;
  /** What to do; null once cancelled (the entry is dropped when it comes up). */
  run: (() => void) | null;
}

export class VirtualClock {
  /** Microseconds since the board started. */
  us = 0;
  private heap: ClockEntry[] = [];
  private nextSeq = 0;
  private live = 0;

  /** Virtual milliseconds since the board started. */
  get now(): number {
    return this.us / 1000;
  }

  /** A fresh creation number, for entries that keep their place when re-armed (intervals). */
  seq(): number {
    return this.nextSeq++;
  }

  /** Queue `run` at `due` µs (never before now). `seq` defaults to a fresh one. */
  at(due: number, phase: Phase, run: () => void, seq = this.nextSeq++): ClockEntry {
    const entry: ClockEntry = { due: due < this.us ? this.us : due, phase, seq, run };
    this.push(entry);
    this.live++;
    return entry;
  }

  cancel(entry: ClockEntry): void {
    if (entry.run === null) return;
    entry.run = null;
    this.live--;
  }

  /** How many entries are queued and not cancelled. */
  get pending(): number {
    return this.live;
  }

  /** Due time (µs) of the earliest live entry, if any. */
  nextDue(): number | undefined {
    this.dropDead();
    return this.heap.length > 0 ? this.heap[0].due : undefined;
  }

  /**
   * Move time to `until` µs, running every entry due on the way at its own
   * time. After the entries of one instant have run, `endPass` runs (the
   * host's event queue); if that queued more work for the same instant,
   * another pass follows. Returns how many entries ran.
   */
  runUntil(until: number, endPass: () => void): number {
    let ran = 0;
    for (;;) {
      this.dropDead();
      const first = this.heap[0];
      if (first === undefined || first.due > until) break;
      const t = first.due;
      // Code that ran on past an entry's due time (board time, cost-model.ts) makes it late, never early.
      if (t > this.us) this.us = t;
      // One pass: every entry due at t, I/O before timers, in creation order.
      // Entries queued during the pass for the same instant run in the next pass.
      const passEnd = this.nextSeq;
      const deferred: ClockEntry[] = [];
      for (;;) {
        const e = this.heap[0];
        if (e === undefined || e.due > t) break;
        this.pop();
        const run = e.run;
        if (run === null) continue;
        if (e.seq >= passEnd) {
          deferred.push(e);
          continue;
        }
        e.run = null;
        this.live--;
        ran++;
        run();
      }
      for (const e of deferred) this.push(e);
      endPass();
      if (++this.passesAtSameTime > 1_000_000) {
        throw new Error(`the simulated board is stuck at ${(t / 1e6).toFixed(6)}s: over a million event passes at one instant (a watch callback that keeps changing the pin it watches?)`);
      }
      const next = this.nextDue();
      if (next === undefined || next > t) this.passesAtSameTime = 0;
    }
    if (until > this.us) this.us = until;
    return ran;
  }

  /** Drop every entry (a board reset). */
  clear(): void {
    for (const e of this.heap) e.run = null;
    this.heap = [];
    this.live = 0;
  }

  private passesAtSameTime = 0;

  private dropDead(): void {
    while (this.heap.length > 0 && this.heap[0].run === null) this.pop();
  }

  private push(entry: ClockEntry): void {
    const h = this.heap;
    h.push(entry);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!less(h[i], h[p])) break;
      const tmp = h[i];
      h[i] = h[p];
      h[p] = tmp;
      i = p;
    }
  }

  private pop(): ClockEntry {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      const n = h.length;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < n && less(h[l], h[m])) m = l;
        if (r < n && less(h[r], h[m])) m = r;
        if (m === i) break;
        const tmp = h[i];
        h[i] = h[m];
        h[m] = tmp;
        i = m;
      }
    }
    return top;
  }
}

function less(a: ClockEntry, b: ClockEntry): boolean {
  if (a.due !== b.due) return a.due < b.due;
  if (a.phase !== b.phase) return a.phase < b.phase;
  return a.seq < b.seq;
}
