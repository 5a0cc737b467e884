import { describe, expect, it } from 'vitest';
import { fillArrayHoles } from '../../toolchain/fill-array-holes.js';
import { build } from '../../toolchain/build.js';
import { firmwareFile } from '../support/device.js';

describe('array holes (Espruino cannot skip over them)', () => {
  it('fills each hole with void 0', () => {
    expect(fillArrayHoles('t.push([1, 3, , 4]);')).toBe('t.push([1, 3, void 0, 4]);');
    expect(fillArrayHoles('a=[,1,,/*x*/,[2,,3]];')).toBe('a=[void 0,1,void 0,/*x*/void 0,[2,void 0,3]];');
    expect(fillArrayHoles('f("a,b", [x, , y]);')).toBe('f("a,b", [x, void 0, y]);');
    expect(fillArrayHoles('a = [1, 2,];')).toBe('a = [1, 2,];');
  });

  it('leaves none in a bundle with try blocks in async code', async () => {
    const { code } = await build(firmwareFile(`
      import { spawn, sleep } from 'coop';
      spawn(async () => { try { await sleep(10); } catch (e) { print(e); } try { await sleep(1); } finally { print(1); } });
    `), { board: 'linux' });
    expect(code).not.toMatch(/,\s*,|\[\s*,/);
  });
});
