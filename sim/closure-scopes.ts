import inspector from 'node:inspector';

/**
 * The variables a function's closure keeps alive. JavaScript cannot see them
 * from inside, so this asks V8's inspector (in this same thread: Session.post
 * answers synchronously). V8 keeps only the variables inner functions use,
 * where Espruino keeps every local of the enclosing call, so what this finds
 * is a lower bound of what a board keeps.
 */
export interface ClosureScope {
  /** Identifies the scope across the functions that share it (best effort: see scopeKey). */
  kind: string;
  vars: [string, unknown][];
}

let session: inspector.Session | null | undefined;
const probe = '__coopScopeProbe';

function connect(): inspector.Session | null {
  if (session !== undefined) return session;
  try {
    const s = new inspector.Session();
    s.connect();
    session = s;
  } catch {
    session = null;
  }
  return session;
}

function post<T>(s: inspector.Session, method: string, params: object): T {
  let result: T | undefined;
  let error: Error | null = null;
  s.post(method, params, (err, res) => {
    error = err;
    result = res as T;
  });
  if (error) throw error;
  if (result === undefined) throw new Error(`inspector ${method} did not answer synchronously`);
  return result;
}

interface RemoteObject {
  objectId?: string;
  description?: string;
}
interface PropertyDescriptor {
  name: string;
  value?: RemoteObject;
}

/** Whether closure variables can be read (the inspector is available). */
export function canReadScopes(): boolean {
  return connect() !== null;
}

/** The closure and script scopes of `fn`, innermost first (not the global scope). */
export function closureScopes(fn: Function): ClosureScope[] {
  const s = connect();
  if (!s) return [];
  const g = globalThis as Record<string, unknown>;
  const group = 'coop-memory';
  try {
    g[probe] = fn;
    const { result } = post<{ result: RemoteObject }>(s, 'Runtime.evaluate', { expression: `globalThis.${probe}`, objectGroup: group });
    if (!result.objectId) return [];
    const props = post<{ internalProperties?: PropertyDescriptor[] }>(s, 'Runtime.getProperties', { objectId: result.objectId, ownProperties: true, objectGroup: group });
    const scopes = props.internalProperties?.find((p) => p.name === '[[Scopes]]');
    if (!scopes?.value?.objectId) return [];
    const list = post<{ result: PropertyDescriptor[] }>(s, 'Runtime.getProperties', { objectId: scopes.value.objectId, ownProperties: true, objectGroup: group });
    const out: ClosureScope[] = [];
    for (const entry of list.result) {
      const kind = entry.value?.description ?? '';
      if (!entry.value?.objectId || !/^(Closure|Script|Block|Catch)/.test(kind)) continue;
      post(s, 'Runtime.callFunctionOn', {
        objectId: entry.value.objectId,
        functionDeclaration: `function () { globalThis.${probe} = this.object; }`,
        objectGroup: group,
      });
      const scope = g[probe] as Record<string, unknown> | undefined;
      if (!scope || typeof scope !== 'object') continue;
      // `arguments` shows where V8 materialised it (the dead eval of keep-scopes.ts); Espruino makes it on use.
      out.push({ kind, vars: Object.getOwnPropertyNames(scope).filter((n) => n !== 'arguments').map((n) => [n, scope[n]]) });
    }
    return out;
  } catch {
    return [];
  } finally {
    delete g[probe];
    try {
      post(s, 'Runtime.releaseObjectGroup', { objectGroup: group });
    } catch {
      // nothing to release
    }
  }
}
