import vm from 'node:vm';

/**
 * A fresh JavaScript realm shaped like Espruino's: the builtins Espruino
 * lacks are removed, so code that would fail on the board fails here first.
 * Promise jobs run after each entry into the realm (`afterEvaluate`), as
 * Espruino runs them after each timer or watch callback.
 */
export const ABSENT_GLOBALS = [
  'Map', 'Set', 'WeakMap', 'WeakSet', 'WeakRef', 'FinalizationRegistry', 'Symbol', 'Proxy', 'Reflect',
  'SharedArrayBuffer', 'Atomics', 'BigInt', 'BigInt64Array', 'BigUint64Array', 'Intl',
  'queueMicrotask', 'structuredClone',
] as const;

export interface EspruinoRealm {
  context: vm.Context;
  /** Run source text in the realm (Promise jobs run when it returns). */
  evaluate(code: string, filename?: string): unknown;
  /** Call `fn` inside the realm so that Promise jobs it queues run when it returns. */
  enter(fn: () => void): void;
}

export function createEspruinoRealm(globals: Record<string, unknown>): EspruinoRealm {
  const context = vm.createContext({}, { microtaskMode: 'afterEvaluate', codeGeneration: { strings: true, wasm: false } });
  // Remove what Espruino does not have, before any firmware runs.
  vm.runInContext(ABSENT_GLOBALS.map((g) => `delete this.${g};`).join('\n'), context);
  for (const [name, value] of Object.entries(globals)) {
    Object.defineProperty(context, name, { value, writable: true, configurable: true, enumerable: false });
  }
  // One pre-compiled script enters the realm for every callback: cheap, and
  // the realm's microtask queue drains when it returns.
  let pending: (() => void) | null = null;
  Object.defineProperty(context, '__coopEnter', {
    value: () => { const f = pending!; pending = null; f(); },
    enumerable: false,
  });
  const enterScript = new vm.Script('__coopEnter()');
  return {
    context,
    evaluate: (code, filename = 'bundle.js') => vm.runInContext(code, context, { filename }),
    enter(fn) {
      pending = fn;
      enterScript.runInContext(context);
    },
  };
}
