import * as acorn from 'acorn';
import { walk } from './ast-walk.js';

/**
 * Hygiene for the names the build writes into a module.
 *
 * A pass that introduces a name (a frame parameter, a shared body, a
 * temporary, a helper it calls) asks this for it. A fresh name is one that
 * no identifier of the module uses, user's or TypeScript's or another
 * pass's, so it can neither capture a user's variable nor be shadowed by
 * one, wherever in the module it is written. Helpers from Coop's runtime
 * (`__park`, `__go`, …) are imported under their own name unless the module
 * uses that name, then under a fresh alias; `imports()` is the one import
 * line for all of them.
 *
 * Before: a frame parameter `_a` moved into a shared body was shadowed by a
 * nested async arrow's own `_a`, so the arrow read its own frame's `$box`.
 * Now: the shared body's frame is `__f`, `__f_1`, …: no other binding in the
 * module can have that name.
 */
export class ModuleNames {
  /** Every identifier the module has, and every name handed out. */
  private readonly taken = new Set<string>();
  /** Helper name → the local name it is imported as. */
  private readonly helpers = new Map<string, string>();

  /** The names of `code` (parsed as a module). */
  static of(code: string): ModuleNames {
    const names = new ModuleNames();
    names.add(code);
    return names;
  }

  /** Take every identifier of `code` as used (a pass that writes user text it did not parse calls this). */
  add(code: string): void {
    const ast = acorn.parse(code, { ecmaVersion: 'latest', sourceType: 'module', allowReturnOutsideFunction: true });
    walk(ast, (n) => {
      if (n.type === 'Identifier') this.taken.add(n.name);
    });
  }

  /** A name no identifier of the module uses: `base`, else `base_1`, `base_2`, … */
  fresh(base: string): string {
    let name = base;
    for (let i = 1; this.taken.has(name); i++) name = `${base}_${i}`;
    this.taken.add(name);
    return name;
  }

  /** The local name of the runtime helper `name` (imported from "tslib", which the bundler points at Coop's helpers). */
  helper(name: string): string {
    let local = this.helpers.get(name);
    if (local === undefined) {
      // TypeScript's own helpers it already imports under their names; Coop's may meet a user's name.
      local = this.fresh(name);
      this.helpers.set(name, local);
    }
    return local;
  }

  /** The local name of `name` if a pass has used that helper, else undefined. */
  importedAs(name: string): string | undefined {
    return this.helpers.get(name);
  }

  /** `import { … } from "tslib";` for the helpers handed out, or '' when none. */
  imports(): string {
    if (this.helpers.size === 0) return '';
    const list = [...this.helpers].map(([name, local]) => (name === local ? name : `${name} as ${local}`));
    return `import { ${list.join(', ')} } from "tslib";\n`;
  }
}
