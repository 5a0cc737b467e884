import { describe, expect, it } from 'vitest';
import { inlineAwaits, inlineAwaitsInModule } from '../../toolchain/inline-awaits.js';
import { ModuleNames } from '../../toolchain/module-names.js';
import { braceSwitchCases } from '../../toolchain/brace-cases.js';

/** A body as TypeScript compiles `for (let i = 0; i < n; i++) { await ch.send(i); v = await ch.recv(); }`. */
const loopBody = `function (_a) {
    switch (_a.label) {
        case 0:
            i = 0;
            _a.label = 1;
        case 1:
            if (!(i < n)) return [3, 4];
            return [4, ch.send(i)];
        case 2:
            _a.sent();
            return [4, ch.recv()];
        case 3:
            v = _a.sent();
            i++;
            return [3, 1];
        case 4: return [2, v];
    }
}`;

const squash = (s: string) => s.replace(/\s+/g, ' ');

describe('inlineAwaits: compiled async bodies park themselves', () => {
  it('turns awaits into __park calls that fall through, and jumps into continue', () => {
    const out = squash(inlineAwaits(loopBody));
    expect(out).toContain('for (;;) switch (_a.label)');
    expect(out).toContain('if (!(i < n)) { _a.label = 4; continue; }');
    expect(out).toContain('if (__park(_a, ch.send(i), 2)) return;');
    expect(out).toContain('case 2: if (__park(_a, ch.recv(), 3)) return; case 3:');
    expect(out).toContain('v = _a.v;');
    expect(out).toContain('case 4: return [2, v];');
    // The loop's jump back carries a copy of its head (threadJump), see the next block.
    expect(out).toContain('i++; { _a.label = 1; if (!(i < n)) { _a.label = 4; continue; }');
    // The label store before falling into case 1 is dead: nothing reads it there.
    expect(out).toContain('case 0: i = 0; case 1:');
  });

  it.each([
    ['every await waits', () => true],
    ['sends go straight through (the park returns false)', (x: any) => x[0] !== 'send'],
  ])('runs like the original: same values, same labels, driven the same way (%s)', (_, waits: (x: any) => boolean) => {
    // A tiny driver standing in for the executor: an await parks (or goes on at once); resume with a value.
    const run = (body: string) => {
      const log: any[] = [];
      const ch = { send: (x: number) => ['send', x], recv: () => ['recv'] };
      const f: any = { label: 0, sent() { return this.v; } };
      // (errors are the executor's business: never thrown through sent() here)
      const park = (frame: any, x: any, label: number) => {
        frame.label = label;
        log.push(x, label);
        if (waits(x)) return true;
        frame.v = 'at once';
        return false;
      };
      const fn = new Function('ch', 'n', '__park', 'var i, v; return ' + body)(ch, 2, park);
      for (let k = 0; k < 20; k++) {
        let op = fn(f);
        if (op === undefined) { f.v = k; continue; }
        while (op[0] === 3) { f.label = op[1]; op = fn(f); }
        if (op[0] === 4) {
          f.label++;
          log.push(op[1], f.label);
          if (waits(op[1])) f.v = k;
          else { f.v = 'at once'; k--; }
          continue;
        }
        log.push(op);
        break;
      }
      return log;
    };
    expect(run(inlineAwaits(loopBody))).toEqual(run(loopBody));
  });

  it('keeps jumps as returns in bodies with try blocks (the driver runs their finally)', () => {
    const body = `function (_a) {
      switch (_a.label) {
        case 0: _a.trys.push([0, , 2, 3]); return [4, f()];
        case 1: _a.sent(); return [3, 3];
        case 2: g(); return [7];
        case 3: return [2];
      }
    }`;
    const out = squash(inlineAwaits(body));
    expect(out).toContain('if (__park(_a, f(), 1)) return;');
    expect(out).toContain('return [3, 3];');
    expect(out).not.toContain('continue');
  });

  it('keeps label stores where a driver op counts from them (yield*)', () => {
    const body = `function (_a) {
      switch (_a.label) {
        case 0: i = 0; _a.label = 1;
        case 1: return [5, loop(i)];
        case 2: return [2];
      }
    }`;
    expect(squash(inlineAwaits(body))).toContain('_a.label = 1;');
  });

  it('leaves a jump inside a loop alone (continue would mean that loop)', () => {
    const body = `function (_a) {
      switch (_a.label) {
        case 0: for (i = 0; i < 2; i++) { if (a[i]) return [3, 2]; } return [4, f()];
        case 1: _a.sent(); return [3, 0];
        case 2: return [2];
      }
    }`;
    const out = squash(inlineAwaits(body));
    expect(out).toContain('if (a[i]) return [3, 2];');
    expect(out).toContain('{ _a.label = 0; continue; }');
  });

  it('leaves other shapes untouched', () => {
    const other = 'function (_a) { return [2, 1]; }';
    expect(inlineAwaits(other)).toBe(other);
    const notLabel = 'function (_a) { switch (x) { case 0: return [4, 1]; case 1: return [2]; } }';
    expect(inlineAwaits(notLabel)).toBe(notLabel);
  });
});

describe('inlineAwaits: a loop\'s jump back carries a copy of its head (Espruino reads the switch once, not twice)', () => {
  it('copies the cases from the loop head up to the jump, then goes on by label', () => {
    const out = squash(inlineAwaits(`function (_a) {
      switch (_a.label) {
        case 0: i = 0; _a.label = 1;
        case 1: if (!(i < n)) return [3, 4]; return [4, ch.send(i)];
        case 2: return [4, ch.recv()];
        case 3: i++; return [3, 1];
        case 4: return [2];
      }
    }`));
    expect(out).toContain('case 3: i++; { _a.label = 1; if (!(i < n)) { _a.label = 4; continue; } ' +
      'if (__park(_a, ch.send(i), 2)) return; if (__park(_a, ch.recv(), 3)) return; _a.label = 3; continue; }');
  });

  it('stops the copy at a case that ends the step', () => {
    const out = squash(inlineAwaits(`function (_a) {
      switch (_a.label) {
        case 0: _a.label = 1;
        case 1: if (done) return [2, 1]; return [3, 2];
        case 2: return [4, f()];
        case 3: x++; return [3, 1];
      }
    }`));
    // Case 1 always jumps or returns: the copy ends there, its own jump plain.
    expect(out).toContain('case 3: x++; { _a.label = 1; if (done) return [2, 1]; { _a.label = 2; continue; } }');
  });

  it('copies no loop, and no more than the resumes that park before it can afford to read', () => {
    const withLoop = squash(inlineAwaits(`function (_a) {
      switch (_a.label) {
        case 0: for (j = 0; j < 2; j++) g(j); return [4, f()];
        case 1: return [3, 0];
      }
    }`));
    expect(withLoop).toContain('case 1: { _a.label = 0; continue; }');
    // Three awaits in the loop: two resumes per pass read the copy, one saves a reading of the
    // switch. A copy of the whole loop would cost more than it saves.
    const long = squash(inlineAwaits(`function (_a) {
      switch (_a.label) {
        case 0: return [4, f(1)];
        case 1: return [4, f(2)];
        case 2: return [4, f(3)];
        case 3: return [3, 0];
      }
    }`));
    expect(long).toContain('case 3: { _a.label = 0; if (__park(_a, f(1), 1)) return; _a.label = 1; continue; }');
  });

  it('leaves forward jumps and bodies with try blocks alone', () => {
    const out = squash(inlineAwaits(loopBody));
    expect(out).toContain('if (!(i < n)) { _a.label = 4; continue; } if (__park');
    const withTry = squash(inlineAwaits(`function (_a) {
      switch (_a.label) {
        case 0: _a.trys.push([0, , 2, 3]); _a.label = 1;
        case 1: return [4, f()];
        case 2: return [3, 1];
        case 3: return [2];
      }
    }`));
    expect(withTry).toContain('return [3, 1];');
  });
});

/** A module as flatten-async leaves `async function tick() { for (;;) await sleep(ms); }`, with `sleep` imported as `imported`. */
const sleepModule = (imported: string, extra = '') => `import { sleep${imported === 'sleep' ? '' : ' as ' + imported} } from 'coop';
${extra}
function tick(ms) {
    return __async(void 0, function (_a) {
        switch (_a.label) {
            case 0: return [4, ${imported}(ms)];
            case 1: _a.sent(); return [3, 0];
        }
    });
}`;
const moduleOut = (code: string, firmware = false) => {
  // flatten-async asked for __async before this pass (helper imports are added after every pass).
  const names = new ModuleNames();
  names.helper('__async');
  names.add(code);
  return squash(inlineAwaitsInModule(code, names, firmware));
};

describe('inlineAwaits: await sleep(ms) parks on the timer in one call', () => {
  it('compiles an await of Coop\'s sleep to __sleep(frame, ms, next), imported from the helpers', () => {
    const out = moduleOut(sleepModule('sleep'));
    expect(out).toContain('if (__sleep(_a, ms, 1)) return;');
    expect(out).not.toContain('__park(_a, sleep(ms)');
  });

  it('follows the name sleep is imported under', () => {
    expect(moduleOut(sleepModule('nap'))).toContain('if (__sleep(_a, ms, 1)) return;');
  });

  it('leaves a sleep that is not Coop\'s (rebound in the module) to __park', () => {
    const out = moduleOut(sleepModule('sleep', 'function helper(sleep) { return sleep; }'));
    expect(out).toContain('if (__park(_a, sleep(ms), 1)) return;');
    expect(out).not.toContain('__sleep');
  });

  it('leaves a sleep from another module to __park', () => {
    const code = sleepModule('sleep').replace("from 'coop'", "from './my-sleep.js'");
    expect(moduleOut(code)).toContain('if (__park(_a, sleep(ms), 1)) return;');
    // Coop's own firmware imports sleep from its time module.
    expect(moduleOut(code.replace('./my-sleep.js', '../time.js'), true)).toContain('if (__sleep(_a, ms, 1)) return;');
  });
});

describe('braceSwitchCases', () => {
  it('puts each case in braces, as Espruino skips braces faster', () => {
    expect(braceSwitchCases('switch(a){case 0:b(),c();case 1:return 2;default:d()}'))
      .toBe('switch(a){case 0:{b(),c();}case 1:{return 2;}default:{d()}}');
  });
  it('leaves empty, already braced and declaring cases', () => {
    const code = 'switch(a){case 0:case 1:{b()}case 2:function f(){}}';
    expect(braceSwitchCases(code)).toBe(code);
  });
});
