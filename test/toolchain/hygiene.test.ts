import { describe, expect, it } from 'vitest';
import { ModuleNames } from '../../toolchain/module-names.js';
import { MODULE_PASSES, BUNDLE_PASSES, compileModule } from '../../toolchain/pipeline.js';
import { rewriteBottomUp, spliceEdits } from '../../toolchain/text-edits.js';
import * as acorn from 'acorn';
import { runOnSimulatedBoard } from '../support/device.js';
import { espruinoBin, runOnLinuxEspruino } from '../support/espruino.js';

describe('spliceEdits: edits by AST positions, applied at once', () => {
  it('replaces and inserts without one edit shifting another', () => {
    expect(spliceEdits('let a = b + c;', [{ start: 8, end: 9, text: 'f.$b' }, { start: 12, end: 13, text: 'f.$c' }, { start: 0, end: 0, text: '/*x*/' }]))
      .toBe('/*x*/let a = f.$b + f.$c;');
  });
  it('refuses overlapping edits (a toolchain bug, not a user error)', () => {
    expect(() => spliceEdits('abcdef', [{ start: 1, end: 4, text: 'x' }, { start: 2, end: 3, text: 'y' }])).toThrow(/overlapping/);
  });
});

describe('rewriteBottomUp: innermost first, outer rewrites carry the inner ones', () => {
  it('each call is wrapped once, inner before outer', () => {
    const code = 'f(g(1), g(h(2)));';
    const out = rewriteBottomUp(code, acorn.parse(code, { ecmaVersion: 'latest' }), (node, _parent, textOf) =>
      node.type === 'CallExpression' ? `[${textOf(node)}]` : undefined);
    expect(out).toBe('[f([g(1)], [g([h(2)])])];');
  });
});

describe('ModuleNames: names the build introduces never meet a user name', () => {
  it('a fresh name avoids every identifier of the module (property names too: cheaper than telling them apart)', () => {
    const names = ModuleNames.of('var __f = 1, __f_1 = 2; function g(__f_2) { return __f_2.__f_3; }');
    expect(names.fresh('__f')).toBe('__f_4');
    expect(names.fresh('__f')).toBe('__f_5');
  });
  it('a helper a user module already names is imported under an alias', () => {
    const names = ModuleNames.of('var __park = 1;');
    expect(names.helper('__park')).toBe('__park_1');
    expect(names.helper('__go')).toBe('__go');
    expect(names.imports()).toBe('import { __park as __park_1, __go } from "tslib";\n');
  });
});

describe('the toolchain is one ordered list of passes', () => {
  it('module passes run in this order, each with its contract', () => {
    expect(MODULE_PASSES.map((p) => p.name)).toEqual([
      'defines', 'construct-spread', 'flatten-async', 'inline-awaits', 'share-async-bodies', 'promise-interop', 'builtin-subclass', 'array-holes', 'helper-imports', 'hoist-functions',
    ]);
    expect(BUNDLE_PASSES.map((p) => p.name)).toEqual(['fill-array-holes', 'brace-cases', 'hoist-vars']);
    for (const p of [...MODULE_PASSES, ...BUNDLE_PASSES]) expect(p.contract.length).toBeGreaterThan(30);
  });
  it('a shared body\'s frame has a fresh name, so a nested async arrow\'s own frame cannot shadow it', () => {
    // TypeScript's ES5 output for: async function main() { const box = { n: 0 }; spawn(async () => { box.n++; }); }
    const ts = `import { __awaiter, __generator } from "tslib";
function main() {
    return __awaiter(this, void 0, void 0, function () {
        var box;
        return __generator(this, function (_a) {
            box = { n: 0 };
            spawn(function () { return __awaiter(void 0, void 0, void 0, function () { return __generator(this, function (_a) { box.n++; return [2]; }); }); });
            return [2];
        });
    });
}`;
    const out = compileModule(ts, { firmware: false, defines: {} });
    const frame = /var __coop_body = function \((\w+)\)/.exec(out)![1];
    expect(frame).not.toBe('_a');
    // The child reads the parent's frame by that name, inside its own function whose frame is `_a`.
    expect(out).toContain(`${frame}.$box.n++`);
  });
});

const issueExample = `
  import { spawn, sleep, run } from 'coop';
  run(async () => {
    const box = { n: 0 };
    let ticks = 0;
    spawn(async () => { await sleep(1); box.n++; ticks++; });
    await sleep(10);
    print('box ' + box.n + ' ticks ' + ticks);
  });`;

describe('a task that spawns a helper sharing its locals (issue 11)', () => {
  it('in the simulator', async () => {
    const board = await runOnSimulatedBoard(issueExample);
    board.advance(100);
    expect(board.output()).toEqual(['box 1 ticks 1']);
  });
  it.skipIf(!espruinoBin)('on a real Espruino (ESPRUINO_BIN)', async () => {
    const lines = await runOnLinuxEspruino(issueExample.replace("print('box '", "print('LINE box '") + "\nsetTimeout(() => print('DONE'), 50);");
    expect(lines).toEqual(['box 1 ticks 1']);
  });
});
