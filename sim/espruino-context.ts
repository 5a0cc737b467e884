import vm from 'node:vm';
import { ABSENT_MEMBERS, REALM_PRELUDE } from './realm-prelude.js';

/**
 * A fresh JavaScript realm shaped like Espruino's: the builtins Espruino
 * lacks are removed, so code that would fail on the board fails here first,
 * and Promise is Espruino's own (see realm-prelude.ts).
 */
export const ABSENT_GLOBALS = [
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Symbol', 'Proxy', 'Reflect',
  'SharedArrayBuffer', 'Atomics', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Intl', 'WebAssembly',
  'queueMicrotask', 'structuredClone', 'AggregateError', 'RangeError', 'EvalError', 'URIError',
  'encodeURI', 'decodeURI', 'escape', 'unescape',
] as const;

/** The callbacks the prelude calls (see `host.` in realm-prelude.ts). */
export interface RealmHost {
  uncaught(e: unknown): void;
  describe(v: unknown): string;
  text(v: unknown): string;
  typeName(v: unknown): string;
  listenerAdded(obj: object, event: string): void;
  pinFromValue(v: unknown): unknown;
  pinRead(pin: unknown, api: string): number;
  pinWrite(pin: unknown, v: unknown, api: string): void;
  pinToggle(pin: unknown): boolean;
  pinMode(pin: unknown, mode: unknown, api: string): void;
  getPinMode(pin: unknown): string | undefined;
  analogRead(pin: unknown): number;
  pinInfo(pin: unknown): unknown;
  dateNow(): number;
  random(): number;
}

/** What the prelude hands back: realm-side helpers the host calls directly. */
export interface RealmApi {
  runEvents(): void;
  hasEvents(): boolean;
  queueEvent(fn: Function, self: unknown, args: unknown[]): void;
  callListeners(obj: object, event: string, args: unknown[]): boolean;
  makePin(name: string): object;
  pins: Record<string, object>;
  Pin: Function;
  Promise: Function;
  Error: ErrorConstructor;
  TypeError: TypeErrorConstructor;
  InternalError: ErrorConstructor;
  Uint8Array: Uint8ArrayConstructor;
  ArrayBuffer: ArrayBufferConstructor;
  events: unknown[];
  listenerName(event: string): string;
}

export interface EspruinoRealm {
  context: vm.Context;
  /** The realm's global object, as code inside sees it. */
  global: Record<string, unknown>;
  api: RealmApi;
  /** Run source text in the realm. */
  evaluate(code: string, filename?: string): unknown;
  /** Make `value` a global of the realm (not enumerable, like Espruino's built-ins). */
  define(name: string, value: unknown): void;
}

export function createEspruinoRealm(host: RealmHost): EspruinoRealm {
  // DONT_CONTEXTIFY (Node ≥ 20.18) makes an ordinary global object: without it every
  // global lookup in the bundle (getTime, Math, Promise…) goes through an interceptor
  // and costs ~0.4 µs, which made up most of the simulator's time.
  const plain = (vm.constants as unknown as { DONT_CONTEXTIFY?: unknown } | undefined)?.DONT_CONTEXTIFY;
  const options = { codeGeneration: { strings: true, wasm: false } };
  const context = plain !== undefined ? vm.createContext(plain as unknown as vm.Context, options) : vm.createContext({}, options);
  const evaluate = (code: string, filename = 'bundle.js') => vm.runInContext(code, context, { filename });
  const global = evaluate('this', 'coop-sim-realm.js') as Record<string, unknown>;
  const prelude = evaluate(REALM_PRELUDE, 'coop-sim-prelude.js') as Function;
  const api = prelude.call(global, host) as RealmApi;
  // Remove what Espruino does not have, after the prelude has taken what it needs.
  const removals = ABSENT_GLOBALS.map((g) => `delete this.${g};`);
  for (const [owner, names] of Object.entries(ABSENT_MEMBERS)) for (const n of names) removals.push(`delete ${owner}.${n};`);
  evaluate(removals.join('\n'), 'coop-sim-realm.js');
  evaluate(`Object.defineProperty(this, 'global', { value: this, writable: true, configurable: true, enumerable: false });`, 'coop-sim-realm.js');
  return {
    context,
    global,
    api,
    evaluate,
    define(name, value) {
      Object.defineProperty(global, name, { value, writable: true, configurable: true, enumerable: false });
    },
  };
}
