/**
 * Time in the simulator: a number that only moves when told to. Timers fire
 * in deadline order; equal deadlines fire in the order they were set, so a
 * run is the same every time. Nothing ever waits for real time.
 */
export interface Timer {
  id: number;
  /** Virtual ms at which it fires. */
  due: number;
  /** Repeat period in ms for setInterval, 0 for setTimeout. */
  every: number;
  /** Tie-breaker: order of arming. */
  seq: number;
  fire: () => void;
}

export class VirtualClock {
  /** Virtual milliseconds since the board started. */
  now = 0;
  private heap: Timer[] = [];
  private byId = new Map<number, Timer>();
  private nextId = 1;
  private nextSeq = 0;

  /** Arm a timer `ms` from now; `every` > 0 makes it repeat. Returns its id. */
  set(fire: () => void, ms: number, every = 0): number {
    const timer: Timer = { id: this.nextId++, due: this.now + Math.max(0, ms), every, seq: this.nextSeq++, fire };
    this.byId.set(timer.id, timer);
    this.push(timer);
    return timer.id;
  }

  /** Disarm one timer; returns false when there is no such timer. */
  clear(id: number): boolean {
    const timer = this.byId.get(id);
    if (!timer) return false;
    this.byId.delete(id);
    timer.fire = noop; // left in the heap, skipped when it comes up
    return true;
  }

  /** Disarm every timer (what Espruino's clearTimeout() with no argument does). */
  clearAll(): void {
    for (const t of this.byId.values()) t.fire = noop;
    this.byId.clear();
    this.heap = [];
  }

  change(id: number, every: number): boolean {
    const timer = this.byId.get(id);
    if (!timer) return false;
    timer.every = every;
    return true;
  }

  /** How many timers are armed. */
  get pending(): number {
    return this.byId.size;
  }

  has(id: number): boolean {
    return this.byId.has(id);
  }

  /** Deadline of the earliest armed timer, if any. */
  nextDue(): number | undefined {
    this.dropDead();
    return this.heap.length > 0 ? this.heap[0].due : undefined;
  }

  /**
   * Move time to `until`, firing every timer due on the way, each at its own
   * deadline. `run` invokes a timer's callback (so the host can wrap it).
   * Returns how many timers fired.
   */
  runUntil(until: number, run: (timer: Timer) => void): number {
    let fired = 0;
    for (;;) {
      this.dropDead();
      const next = this.heap[0];
      if (!next || next.due > until) break;
      this.pop();
      this.now = Math.max(this.now, next.due);
      if (next.every > 0) {
        next.due += next.every; // from the deadline, not from now: no drift
        next.seq = this.nextSeq++;
        this.push(next);
      } else {
        this.byId.delete(next.id);
      }
      fired++;
      run(next);
    }
    this.now = Math.max(this.now, until);
    return fired;
  }

  private dropDead(): void {
    while (this.heap.length > 0 && this.heap[0].fire === noop) this.pop();
  }

  private less(a: Timer, b: Timer): boolean {
    return a.due < b.due || (a.due === b.due && a.seq < b.seq);
  }

  private push(t: Timer): void {
    const h = this.heap;
    h.push(t);
    let i = h.length - 1;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.less(h[i], h[p])) break;
      [h[i], h[p]] = [h[p], h[i]];
      i = p;
    }
  }

  private pop(): Timer {
    const h = this.heap;
    const top = h[0];
    const last = h.pop()!;
    if (h.length > 0) {
      h[0] = last;
      let i = 0;
      for (;;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < h.length && this.less(h[l], h[m])) m = l;
        if (r < h.length && this.less(h[r], h[m])) m = r;
        if (m === i) break;
        [h[i], h[m]] = [h[m], h[i]];
        i = m;
      }
    }
    return top;
  }
}

const noop = () => {};
