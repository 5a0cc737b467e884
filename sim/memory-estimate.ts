import type { MemoryHost } from './memory-host.js';
import { closureScopes } from './closure-scopes.js';
import { EspruinoStacks } from './error-stack.js';
import { codeVars, jsVarLayout, nameVars, stringVars, type JsVarLayout } from './jsvar-cost.js';
import { ARGUMENT_DONE, ARGUMENT_THREW, CLASS_NAMED, CLASS_USE, ClassBit, stripCounters } from './instrument.js';
import { stripKeepScopes } from './keep-scopes.js';
import { REALM_PRELUDE } from './realm-prelude.js';

/**
 * An ESTIMATE of process.memory().usage: the JsVars Espruino would use for
 * what the firmware keeps alive. It walks everything reachable from the
 * realm's global object, pending timers and watches and queued events, and
 * prices each thing with Espruino's storage rules, calibrated against the
 * Linux build of Espruino 2v29 (see docs/simulator.md, "Memory estimate"):
 *
 * - object 1 var; each property 1 name var (+ extension vars for names longer
 *   than a name var holds); an integer value lives in its name var; a float,
 *   boolean or null value takes 1 more; a string value its string vars
 * - array 1 var + 1 per element (+ the element's value as above)
 * - string: 1 var for the first JSVAR_DATA_STRING_LEN chars, 1 per
 *   JSVAR_DATA_STRING_MAX_LEN more (about 8-10 chars a var on boards)
 * - function: 1 var, its parameters 1 each, its code (1 + string vars of
 *   the body, when uploaded to RAM: Espruino copies it into every closure),
 *   1 for a link to its scope; each scope it keeps 1 + its variables
 * - timer 4 vars + callback (+ args), watch 6 vars + callback, queued event 5
 * - a baseline of what an empty interpreter uses (37 vars on the Linux build, seen from a callback)
 *
 * Closure variables are read through V8's inspector; V8 keeps only the
 * variables inner functions use, where Espruino keeps every local of the
 * call, so closures are under-counted a little. Pins are free (Espruino's
 * are numbers). Built-in objects are free, but properties added to them count.
 */
export interface MemoryEstimate {
  usage: number;
  total: number;
  blockSize: number;
  /** Where the vars went: globals, timers, watches, events, baseline. */
  breakdown: Record<string, number>;
}

/**
 * An empty interpreter as process.memory() sees it from inside a callback:
 * 34 vars at rest plus 3 for the call in progress (its scope and what the
 * statement holds while it runs). Measured on the Linux build: a timer
 * callback `var u = process.memory().usage` reads 46 in an empty program.
 */
const BASELINE = 37;
/** `eval(require("Storage").read("coop-<crc>.js"))` in .bootcde: 407 vs 401 JsVars for the same program written straight into .bootcde (Espruino 2v29 Linux). */
const FLASH_LOADER_VARS = 6;
/** Of BASELINE, what the call reading process.memory() holds (not there between events). */
const CALL_IN_PROGRESS = 3;
/** Virtual ms between memory samples far from the limit (a sample of 100 sleeping tasks costs ~60 ms of host time). */
const SAMPLE_MS = 1000;
/** From this share of the board's JsVars up, memory is sampled after every pass. */
const NEAR_LIMIT = 0.9;

/**
 * What a built-in costs once code names it: Espruino makes a var for a
 * built-in object or class the first time code refers to it and keeps it in
 * its root (name 1 + object 1), and a class whose prototype is used gets that
 * too ("prototype" name 2 + object 1, and often "constructor" 2). Measured on
 * the Linux build of Espruino 2v29 (usage before and after the first use):
 * Math.max 2, JSON.stringify 2, Error.prototype 5, new Uint8Array 8, a RegExp
 * literal 7; Promise and Function 7 (seen in trace()). The Error classes come
 * in steps: naming `Error` 2, `TypeError` 3 (a 9-character name takes 2 name
 * vars); its prototype (`p instanceof TypeError`, `Error.prototype`) 3 more;
 * `new TypeError(…)` 2 more ("constructor"), 8 in all. The simulator sees only
 * the first lookup, so it charges name and prototype (5 and 6): what the
 * runtime's __extends does (it compares a class's parent with all four and
 * tests `instanceof` each: 23 vars on Espruino, 29 when charged 8 each); a
 * firmware that constructs a TypeError is 2 vars low. Object, Function and
 * process are in BASELINE (process.memory() needs them). A first lookup of the
 * name in the realm is what counts (watchBuiltins). Array, String, Number and
 * Boolean are counted as code uses them (CLASS_VARS).
 */
const BUILTIN_VARS: Record<string, number> = {
  Promise: 7, Error: 5, TypeError: 6, InternalError: 6, SyntaxError: 6, ReferenceError: 6,
  Uint8Array: 8, Uint16Array: 8, Int16Array: 8, Uint32Array: 8, Float32Array: 8, ArrayBuffer: 8, DataView: 8, RegExp: 7, Date: 7,
  Math: 2, JSON: 2, console: 2, E: 2,
};

/** Built-ins counted when the code's text names them: the simulator itself reads ArrayBuffer and Date from the realm. */
const BY_TEXT = ['ArrayBuffer', 'Date'];

/**
 * Array, String, Number and Boolean, as the firmware's code uses them (the
 * simulator's copy of the bundle reports it: sim/instrument.ts CLASS_USE and
 * CLASS_NAMED). Measured on the Linux build of Espruino 2v29, usage after
 * `var a=[1,2]` and then:
 *
 *   a.length, a.push(3), a.x, 'abc'.length, (5).toFixed(1), true.toString()   +7  (the class made for its prototype, with "constructor")
 *   Array.isArray(a), String(5), new Array(3)                                +2  (the name only)
 *   Array.isArray(a); a.length   String(5).length   Array.prototype.x          +5  (named first: its prototype has no "constructor")
 *   a[0], 'abc'[1], for (k in a), f.call()                                     +0
 */
const enum ClassVars {
  /** Named (jspGetNamedVariable adds it to the root): name 1 + function 1. */
  Named = 2,
  /** Its prototype made by a lookup before it was named (jspNewPrototype): + "prototype" 2, object 1, "constructor" 2. */
  Prototype = 7,
  /** Its prototype made after it was named: + "prototype" 2, object 1. */
  PrototypeOfNamed = 3,
}

/** The realm's side of ARGUMENT_THREW and ARGUMENT_DONE: push the function called, pop it once its argument is there. */
const ARGUMENT_SOURCE = `(function (stack) {
  return [function (f) { stack.push(f); }, function (v) { stack.pop(); return v; }];
})`;

/**
 * The realm's side of CLASS_USE: which class a value is, reported once per
 * class (a bit of ClassBit), then returned as it is. Written for the realm so
 * that V8 runs it inline with the firmware (no call out of the realm per lookup).
 */
const CLASS_USE_SOURCE = `(function (note) {
  var seen = 0, isArray = Array.isArray;
  return function (v) {
    if (seen !== 15) {
      var k = isArray(v) ? 1 : typeof v === 'string' ? 2 : typeof v === 'number' ? 4 : typeof v === 'boolean' ? 8 : 0;
      if (k & ~seen) { seen |= k; note(k); }
    }
    return v;
  };
})`;
const TIMER_VARS = 4;
/** The largest int Espruino keeps in a name var (JsVarInt is 32 bits). */
const INT_MAX = 2147483647;
const WATCH_VARS = 6;
const EVENT_VARS = 5;

export class MemoryEstimator {
  private readonly layout: JsVarLayout;
  /** Built-in objects of the realm and the property names they were born with. */
  private builtins = new WeakMap<object, Set<string>>();
  private preludeFunctions = new Map<string, boolean>();

  constructor(private readonly h: MemoryHost, readonly codeInRam = true) {
    this.layout = jsVarLayout(h.board);
  }

  /** Errors' `stack` as Espruino writes it (its size is most of what a kept Error costs). */
  readonly stacks = new EspruinoStacks();

  /** Remember the realm's built-ins (call after globals are installed, before the bundle runs). */
  snapshotBuiltins(): void {
    this.watchClasses();
    this.stacks.install(this.h.realm.global.Error as ErrorConstructor);
    this.builtins = new WeakMap();
    const stack: unknown[] = [this.h.realm.global];
    while (stack.length > 0) {
      const v = stack.pop();
      if ((typeof v !== 'object' && typeof v !== 'function') || v === null) continue;
      if (this.builtins.has(v)) continue;
      let names: string[];
      try {
        names = Object.getOwnPropertyNames(v);
      } catch {
        continue;
      }
      this.builtins.set(v, new Set(names));
      stack.push(Object.getPrototypeOf(v));
      for (const n of names) {
        const d = Object.getOwnPropertyDescriptor(v, n);
        if (d && 'value' in d) stack.push(d.value);
      }
    }
    this.watchBuiltins();
  }

  /** Built-ins the firmware has named so far (see BUILTIN_VARS). */
  private used = new Set<string>();

  /**
   * Notice the first time firmware code names a built-in: a getter on the
   * realm's global that puts the plain value back on first use, so only that
   * first lookup costs anything. BY_TEXT are left to noteCode (the simulator
   * itself reads them from the realm).
   */
  private watchBuiltins(): void {
    this.used = new Set();
    const g = this.h.realm.global;
    for (const name of Object.keys(BUILTIN_VARS)) {
      if (BY_TEXT.includes(name)) continue;
      const d = Object.getOwnPropertyDescriptor(g, name);
      if (!d || !('value' in d) || !d.configurable) continue;
      const used = this.used;
      Object.defineProperty(g, name, {
        configurable: true,
        enumerable: d.enumerable,
        get() {
          used.add(name);
          Object.defineProperty(g, name, d);
          return d.value;
        },
        set(v) {
          used.add(name);
          Object.defineProperty(g, name, { ...d, value: v });
        },
      });
    }
  }

  /** Classes (ClassBit) named, and whose prototype was made, by the firmware so far; and their vars. */
  private classesNamed = 0;
  private classesWithPrototype = 0;
  private classVars = 0;

  /**
   * Functions whose scope Espruino 2v29 keeps for good: an exception was
   * thrown while the arguments of a call to them were evaluated
   * (sim/instrument.ts ARGUMENT_THREW; the leak is in docs/simulator.md).
   */
  private leakedScopesOf: Function[] = [];

  /** Define the realm's CLASS_USE, CLASS_NAMED and ARGUMENT_THREW (the simulator's copy of the bundle calls them: sim/instrument.ts). */
  private watchClasses(): void {
    this.classesNamed = this.classesWithPrototype = this.classVars = 0;
    this.leakedScopesOf = [];
    const r = this.h.realm;
    const use = (r.evaluate(CLASS_USE_SOURCE, 'coop-sim-classes.js') as (note: (bit: number) => void) => unknown)((bit) => this.classUsed(bit));
    r.define(CLASS_USE, use);
    r.define(CLASS_NAMED, (bit: number) => this.className(bit));
    this.pendingArguments = r.evaluate('[]', 'coop-sim-arguments.js') as Function[];
    const [push, pop] = (r.evaluate(ARGUMENT_SOURCE, 'coop-sim-arguments.js') as (stack: Function[]) => [unknown, unknown])(this.pendingArguments);
    r.define(ARGUMENT_THREW, push);
    r.define(ARGUMENT_DONE, pop);
  }

  /** Calls whose arguments are being evaluated (ARGUMENT_THREW); after a callback, the ones an exception left. */
  private pendingArguments: Function[] = [];

  /** A callback into firmware returned to the event loop: the calls still pending had an exception leave their arguments. */
  callbackEnded(): void {
    const stack = this.pendingArguments;
    if (stack.length === 0) return;
    for (const f of stack) this.argumentThrew(f);
    stack.length = 0;
  }

  /** An exception left the arguments of a call to `f`: Espruino keeps `f`'s scope from now on (a firmware function's; natives and the prelude's have none). */
  private argumentThrew(f: Function): void {
    if (typeof f !== 'function' || this.h.cpu.stopped !== null || this.leakedScopesOf.includes(f) || ofHost(f) || this.isPrelude(f)) return;
    let text = '';
    try {
      text = Function.prototype.toString.call(f);
    } catch {
      return;
    }
    if (!text.includes('[native code]')) this.leakedScopesOf.push(f);
  }

  /** A lookup on a value of class `bit` went to its prototype: Espruino makes the prototype now, if not yet. */
  private classUsed(bit: ClassBit): void {
    if (this.classesWithPrototype & bit) return;
    this.classesWithPrototype |= bit;
    this.classVars += this.classesNamed & bit ? ClassVars.PrototypeOfNamed : ClassVars.Prototype;
  }

  /** Code named class `bit` (a global lookup): Espruino adds it to its root, if not yet. */
  private className(bit: ClassBit): void {
    if ((this.classesNamed | this.classesWithPrototype) & bit) {
      this.classesNamed |= bit;
      return;
    }
    this.classesNamed |= bit;
    this.classVars += ClassVars.Named;
  }

  /** The highest estimate sampled so far, and when (virtual ms). */
  peak = 0;
  peakAt = 0;
  private lastSample = -Infinity;

  /**
   * After a pass of the event loop: sample the estimate, keep the peak, and
   * return it when it is past the board's JsVars (Out of Memory), else null.
   * A walk costs milliseconds of host time (58 ms for many-tasks' 100 tasks),
   * so it samples every SAMPLE_MS of virtual time, and after every pass once the estimate is within
   * NEAR_LIMIT of the board's JsVars: the pass that runs out is then found at
   * its own virtual instant. Prices code as saved to flash (coop flash's default).
   */
  sample(nowMs: number): MemoryEstimate | null {
    const near = this.peak >= this.h.board.jsVars * NEAR_LIMIT;
    if (!near && nowMs - this.lastSample < SAMPLE_MS) return null;
    this.lastSample = nowMs;
    // Code in flash: what `coop flash` does by default, so a firmware that fits that way runs on.
    const e = this.estimate(false);
    // Seen from between events: no call in progress.
    const usage = e.usage - CALL_IN_PROGRESS;
    if (usage > this.peak) {
      this.peak = usage;
      this.peakAt = nowMs;
    }
    return usage > e.total ? { ...e, usage } : null;
  }

  /** Note the code uploaded (the bundle): which built-ins it names; and the simulator's copy the realm runs, where Errors' stacks point. */
  noteCode(code: string, run = code): void {
    this.named = BY_TEXT.filter((name) => new RegExp(`(^|[^.\\w$])${name}\\b`).test(code));
    this.stacks.setCode(run);
  }

  private named: string[] = [];

  /** Vars of the built-ins the firmware has named. */
  private get builtinVars(): number {
    let n = this.classVars;
    for (const name of this.named) n += BUILTIN_VARS[name];
    for (const name of this.used) n += BUILTIN_VARS[name];
    return n;
  }

  /** The estimate, counting function code as uploaded to RAM or not (default: as this estimator was made). */
  estimate(codeInRam = this.codeInRam): MemoryEstimate {
    const walk = new Walk(this.layout, this.builtins, codeInRam, (fn) => this.isPrelude(fn), this.h);
    const h = this.h;
    const breakdown: Record<string, number> = { baseline: BASELINE, builtins: this.builtinVars };
    this.lastTally = walk.tally;
    breakdown.globals = walk.value(h.realm.global);
    let timers = 0;
    for (const t of h.timers.ids.values()) {
      // Espruino keeps a timer's "time" (µs until due) and "intr" (µs) as ints, as Doubles past 2^31 µs (~36 min).
      const dueUs = t.entry ? t.entry.due - h.clock.us : 0;
      timers += TIMER_VARS + (dueUs > INT_MAX ? 1 : 0) + (t.every > 0 ? 1 + (t.every > INT_MAX ? 1 : 0) : 0) + walk.value(t.fn);
      if (t.args.length > 0) timers += 2 + t.args.length + t.args.reduce<number>((n, a) => n + walk.value(a), 0);
    }
    breakdown.timers = timers;
    let watches = 0;
    for (const w of h.watches.ids.values()) watches += WATCH_VARS + (w.debounce > 0 ? 1 : 0) + walk.value(w.fn) + (w.timeout ? TIMER_VARS + 2 : 0);
    breakdown.watches = watches;
    const ev = h.realm.api.events;
    let events = 0;
    for (let i = 0; i + 2 < ev.length; i += 3) {
      if (ev[i] === undefined) continue;
      events += EVENT_VARS + walk.value(ev[i]) + walk.value(ev[i + 1]) + walk.value(ev[i + 2]);
    }
    breakdown.events = events;
    // Scopes Espruino leaked (see leakedScopesOf): counted as a function keeps them, without the function.
    let leaked = 0;
    for (const f of this.leakedScopesOf) leaked += walk.scopesOf(f);
    breakdown.leaked = leaked;
    // Saved to flash, the program is loaded by coop flash's one-line .bootcde loader (cli/espruino/safe-flash.ts).
    if (!codeInRam) breakdown.loader = FLASH_LOADER_VARS;
    const usage = Object.values(breakdown).reduce((a, b) => a + b, 0);
    return { usage, total: h.board.jsVars, blockSize: this.layout.blockSize, breakdown };
  }

  /** E.getSizeOf(v): the vars `v` takes on its own. */
  sizeOf(v: unknown): number {
    return new Walk(this.layout, this.builtins, this.codeInRam, (fn) => this.isPrelude(fn), this.h).value(v);
  }

  /** After estimate(): the vars by kind (code, scopes, objects, names, strings, …). */
  lastTally: Record<string, number> = {};

  private isPrelude(fn: Function): boolean {
    let text: string;
    try {
      text = Function.prototype.toString.call(fn);
    } catch {
      return false;
    }
    let known = this.preludeFunctions.get(text);
    if (known === undefined) {
      known = REALM_PRELUDE.includes(text);
      this.preludeFunctions.set(text, known);
    }
    return known;
  }
}

/** What every function has (or V8 adds) and Espruino does not store. */
const FUNCTION_OWN = new Set(['length', 'name', 'prototype', 'arguments', 'caller']);

/** One walk over the object graph: each thing is priced once. */
class Walk {
  /** Vars by kind of thing, for `explain`. */
  readonly tally: Record<string, number> = {};
  private seen = new Set<unknown>();
  private scopes = new Set<string>();
  private ids = new WeakMap<object, number>();
  private nextId = 1;

  constructor(
    private readonly l: JsVarLayout,
    private readonly builtins: WeakMap<object, Set<string>>,
    private readonly codeInRam: boolean,
    private readonly isPrelude: (fn: Function) => boolean,
    private readonly h: MemoryHost,
  ) {
    this.objectProto = (h.realm.global.Object as ObjectConstructor).prototype;
    this.arrayProto = (h.realm.global.Array as ArrayConstructor).prototype;
  }

  private readonly objectProto: object;
  private readonly arrayProto: object;

  private add(kind: string, n: number): number {
    this.tally[kind] = (this.tally[kind] ?? 0) + n;
    return n;
  }

  /** Vars of a value held in a property (beyond the property's name var). */
  value(v: unknown): number {
    switch (typeof v) {
      case 'undefined':
        return 0;
      case 'number':
        return Number.isInteger(v) && v >= -2147483648 && v <= 2147483647 ? 0 : this.add('numbers', 1);
      case 'boolean':
        return this.add('booleans', 1);
      case 'string':
        return this.add('strings', stringVars(this.l, v.length));
      case 'object':
        if (v === null) return this.add('nulls', 1);
        return this.object(v);
      case 'function':
        return this.func(v);
      default:
        return 1;
    }
  }

  private object(o: object): number {
    if (this.seen.has(o)) return 0;
    this.seen.add(o);
    // Pins are numbers on a board; objects of the host (the simulator's own) cost nothing.
    if (this.h.isPin(o) || ofHost(o)) return 0;
    const born = this.builtins.get(o);
    if (ArrayBuffer.isView(o)) return this.add('buffers', 2 + stringVars(this.l, (o as ArrayBufferView).byteLength));
    if (o instanceof (this.h.realm.global.ArrayBuffer as ArrayBufferConstructor)) return this.add('buffers', 1 + stringVars(this.l, (o as ArrayBuffer).byteLength));
    if (o instanceof (this.h.realm.global.Date as DateConstructor)) return this.add('dates', 5);
    let n = born ? 0 : this.add(Array.isArray(o) ? 'arrays' : 'objects', 1);
    n += this.properties(o, born);
    if (!born) {
      // An Error Espruino made has a `type` too, its class's name (src/jswrap_error.c); V8's has not.
      if (isError(o)) n += this.add('names', nameVars(this.l, 'type')) + this.add('strings', stringVars(this.l, String((o as Error).name).length));
      // An object made by `new F` or Object.create keeps a __proto__ link; a
      // prototype that is not a built-in (a class) is kept once.
      const proto = Object.getPrototypeOf(o);
      if (proto !== null && proto !== this.objectProto && proto !== this.arrayProto) n += this.add('names', nameVars(this.l, '__proto__'));
      if (proto !== null && !this.builtins.has(proto)) n += this.object(proto);
    }
    return n;
  }

  private properties(o: object, born: Set<string> | undefined, skip?: Set<string>): number {
    let n = 0;
    let names: string[];
    try {
      names = Object.getOwnPropertyNames(o);
    } catch {
      return 0;
    }
    const isArray = Array.isArray(o);
    for (const name of names) {
      if (skip?.has(name)) continue;
      if (born?.has(name)) {
        // A built-in property: free, but follow it in case it now holds user things.
        const d = Object.getOwnPropertyDescriptor(o, name);
        if (d && 'value' in d && (typeof d.value === 'object' || typeof d.value === 'function') && d.value !== null) {
          n += this.builtins.has(d.value) ? this.value(d.value) : 1 + this.value(d.value);
        }
        continue;
      }
      if (isArray && name === 'length') continue;
      const d = Object.getOwnPropertyDescriptor(o, name);
      if (!d) continue;
      n += this.add('names', nameVars(this.l, name));
      if ('value' in d) n += isDeadline(o, name, d.value) ? this.add('numbers', 1) : this.value(d.value);
      else n += this.value(d.get) + this.value(d.set);
    }
    return n;
  }

  private func(fn: Function): number {
    if (this.seen.has(fn)) return 0;
    this.seen.add(fn);
    const born = this.builtins.get(fn);
    if (born) return this.properties(fn, born);
    if (ofHost(fn)) return 1; // a function of the simulator itself
    let n = this.add('functions', 1);
    const prelude = this.isPrelude(fn);
    // Espruino stores code and a scope link only for a function with some code (jspeFunctionDefinitionInternal):
    // `function () {}` is its var and parameters, and keeps no scope alive.
    let empty = false;
    if (!prelude) {
      let text = '';
      try {
        text = Function.prototype.toString.call(fn);
      } catch {
        // a host function
      }
      if (text.includes('[native code]')) return 1 + this.properties(fn, undefined, FUNCTION_OWN);
      n += this.add('parameters', fn.length);
      const body = functionBody(text);
      if (body.length > 0) n += this.add('code', this.codeInRam ? 1 + codeVars(this.l, body.length) : 2);
      empty = body.length === 0;
    } else {
      n += this.add('functions', 1); // a native function with a bound `this`
    }
    if (!empty) n += this.scopesOf(fn, prelude);
    // Own properties other than what every function has.
    n += this.properties(fn, undefined, FUNCTION_OWN);
    const proto = (fn as { prototype?: unknown }).prototype;
    if (proto !== null && typeof proto === 'object' && Object.getOwnPropertyNames(proto).some((p) => p !== 'constructor')) n += this.add('names', nameVars(this.l, 'prototype')) + this.value(proto);
    return n;
  }

  /** The scopes `fn` keeps (each once per walk), with its link to them. */
  scopesOf(fn: Function, prelude = false): number {
    let n = 0;
    const scopes = closureScopes(fn);
    // The \xffsco link: straight to the scope of a function nested one deep; deeper, a copy of
    // the scope chain as an array (1 + 1 per level: src/jsparse.c jspeiGetScopesAsVar).
    const depth = scopes.filter((s) => s.kind.startsWith('Closure')).length;
    if (depth > 0 && !prelude) n += this.add('scope links', depth === 1 ? 1 : 2 + depth);
    // A prelude function's outermost closure is the prelude itself (sim/realm-prelude.ts: Espruino's
    // natives written in JavaScript): its helpers are C code on the board, and cost nothing.
    const preludeScope = prelude ? scopes.map((s) => s.kind.startsWith('Closure')).lastIndexOf(true) : -1;
    for (let i = 0; i < scopes.length; i++) {
      const scope = scopes[i];
      if (i === preludeScope) continue;
      const key = this.scopeKey(scope.kind, scope.vars);
      if (this.scopes.has(key)) continue;
      this.scopes.add(key);
      n += this.add('scopes', scope.kind.startsWith('Script') ? 0 : prelude ? 0 : 1);
      for (const [name, value] of scope.vars) n += this.add('scope names', prelude ? 0 : nameVars(this.l, name)) + this.value(value);
    }
    return n;
  }

  /** Two functions share a scope when its kind, names and values are the same objects. */
  private scopeKey(kind: string, vars: [string, unknown][]): string {
    const parts = vars.map(([name, v]) => {
      if ((typeof v === 'object' && v !== null) || typeof v === 'function') {
        let id = this.ids.get(v as object);
        if (id === undefined) this.ids.set(v as object, (id = this.nextId++));
        return `${name}=#${id}`;
      }
      return `${name}=${typeof v}:${String(v)}`;
    });
    return `${kind}|${parts.join('|')}`;
  }
}

/**
 * Coop's deadlines: a Sleep's `d` and a task's `r` while it waits on one, both
 * getTime() * 1000 + ms. getTime() is a float on Espruino, and Espruino keeps
 * a float a Double even when it is whole (`{a: 1e3 * 2 + 500}` is 3 vars where
 * `{a: 2500}` is 2), so a deadline is 1 var more than its name. The simulator's
 * clock stands on whole microseconds at every event, so the same deadline is a
 * whole number here and would be priced as an int: 1 var low per sleeping task.
 */
function isDeadline(o: object, name: string, v: unknown): boolean {
  if (typeof v !== 'number' || !Number.isInteger(v)) return false;
  if (name === 'r') {
    // Parked says so in `st`; a task asleep on the timer may have no `st` at all, its number in `r` says so (firmware/timer-list.ts sleepPark).
    const frame = o as { st?: unknown; b?: unknown };
    return frame.st === TaskState.Parked || (frame.st === undefined && typeof frame.b === 'function');
  }
  if (name === 'd') return typeof (Object.getPrototypeOf(o) as { _p?: unknown } | null)?._p === 'function';
  return false;
}

/** A task parked on something (firmware/executor.ts State.Parked, its `st`). */
const enum TaskState {
  Parked = 1,
}

/** An Error made by an Error constructor (any realm's), not an object that only inherits from Error.prototype. */
function isError(o: object): boolean {
  return Object.prototype.toString.call(o) === '[object Error]';
}

/** Made by the simulator (this realm), not by the firmware: its builtins differ from the board's realm. */
function ofHost(v: unknown): boolean {
  return v instanceof Object;
}

/**
 * The code Espruino stores for a function: the text between its outer braces
 * (or after `=>`), without a leading `return` (src/jsparse.c keeps a body that
 * starts with `return` as the bare expression, flagged JSV_FUNCTION_RETURN).
 */
function functionBody(fnText: string): string {
  const body = braceBody(stripKeepScopes(stripCounters(fnText)));
  return /^return\b/.test(body) ? body.slice(6).trimStart() : body;
}

/** The text between a function's outer braces, or after `=>` for an expression arrow. */
function braceBody(text: string): string {
  const open = text.indexOf('{');
  const arrow = text.indexOf('=>');
  if (arrow >= 0 && (open < 0 || arrow < open)) {
    const rest = text.slice(arrow + 2).trim();
    return rest.startsWith('{') ? rest.slice(1, -1).trim() : rest;
  }
  if (open < 0) return '';
  return text.slice(open + 1, text.lastIndexOf('}')).trim();
}
