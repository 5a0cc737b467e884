/**
 * What the I/O futures cost (issue 4), printed as tables:
 *   - bytes each adds to a minified bundle, over a bundle that only sleeps
 *   - bytes of the board data the run-time pin checks carry, per board
 *   - JsVars of one task waiting on each future, against a task waiting on
 *     an Event, in the simulator (its estimate) and, with ESPRUINO_BIN set to
 *     a Linux build of Espruino, on a real interpreter
 * Run: npm run build:host && node dist/bench/io-bench.js
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { boards } from '../boards/index.js';
import { Harness } from '../sim/harness.js';
import { boardInfoSource } from '../toolchain/board-info.js';
import { build } from '../toolchain/build.js';
import { packageRoot } from '../toolchain/package-root.js';
import { parseBenchLines, runOnEspruino } from './espruino-process.js';

const scratch = mkdtempSync(join(tmpdir(), 'coop-io-bench-'));
const row = (cells: (string | number)[]) => '| ' + cells.map(String).join(' | ') + ' |';

async function bytesOf(source: string, board = 'puckjs'): Promise<number> {
  const file = join(scratch, `b${Math.random().toString(36).slice(2)}.ts`);
  writeFileSync(file, source);
  return (await build(file, { board })).bytes;
}

const BASE = `import { spawn, sleep } from 'coop';\nspawn(async () => { await sleep(1); });\n`;
/** Each primitive used once, on top of BASE (Puck.js pins). */
const USES: Record<string, string> = {
  'pin() (checks + board data)': `import { pin } from 'coop';\ndigitalWrite(pin('D' + 5), 1);`,
  waitForEdge: `import { waitForEdge } from 'coop';\nwaitForEdge(BTN1, 'rising', { timeout: 100 });`,
  Button: `import { Button } from 'coop';\nnew Button(BTN1).press();`,
  Led: `import { Led } from 'coop';\nnew Led(LED1).blink(100);`,
  readAverage: `import { readAverage } from 'coop';\nreadAverage(D3, 4, 10);`,
  'sampleAnalog (with Channel)': `import { sampleAnalog, Channel } from 'coop';\nsampleAnalog(D3, 100, new Channel<number>(1));`,
  pwm: `import { pwm } from 'coop';\npwm(D2, 0.5);`,
  pulse: `import { pulse } from 'coop';\npulse(D2, 1, 10);`,
  Uart: `import { Uart } from 'coop';\nconst u = new Uart('Serial1'); u.readLine(); u.write('x');`,
  I2CDevice: `import { I2CDevice } from 'coop';\nnew I2CDevice('I2C1', 0x44).read(2);`,
};

async function bytesTable(): Promise<string[]> {
  const lines = ['### Bytes added to a minified Puck.js bundle', '', row(['primitive', 'bytes', 'bundle (baseline: sleep only)']), row(['---', '---', '---'])];
  const base = await bytesOf(BASE);
  lines.push(row(['(baseline)', 0, base]));
  let all = BASE;
  for (const [name, use] of Object.entries(USES)) {
    const b = await bytesOf(BASE + use + '\n');
    lines.push(row([name, b - base, b]));
    all += use.replace(/^import .*\n/, '') + '\n';
  }
  const imports = `import { pin, waitForEdge, Button, Led, readAverage, sampleAnalog, Channel, pwm, pulse, Uart, I2CDevice } from 'coop';\n`;
  const everything = await bytesOf(imports + all.replace(/import \{ spawn, sleep \} from 'coop';\n/, "import { spawn, sleep } from 'coop';\n"));
  lines.push(row(['all of them', everything - base, everything]));
  lines.push('', '### Board data for run-time pin checks (bytes of source in the bundle)', '', row(['board', 'bytes']), row(['---', '---']));
  for (const b of Object.values(boards)) lines.push(row([b.name, boardInfoSource(b).length]));
  return lines;
}

async function memoryTable(): Promise<string[]> {
  const entry = join(packageRoot(), 'bench', 'firmware', 'io-memory.ts');
  const lines = ['### JsVars of one task waiting on each future', '', row(['wait', 'simulator (Puck.js, estimate)', 'Espruino (Linux build)']), row(['---', '---', '---'])];
  const { code } = await build(entry, { board: 'puckjs' });
  const h = new Harness({ board: 'puckjs' });
  h.load(code);
  for (let i = 0; i < 1000 && !h.output().includes('BENCH-DONE'); i++) h.advance(10);
  const sim = parseBenchLines(h.output().join('\n'));
  let real: Record<string, any>[] = [];
  const bin = process.env.ESPRUINO_BIN;
  if (bin) {
    const linux = await build(entry, { board: 'linux' });
    const file = join(scratch, 'io-memory-linux.js');
    // No UART on the Linux build.
    writeFileSync(file, `var BENCH_SKIP = 'uart';\n` + linux.code);
    real = await runOnEspruino(bin, file);
  }
  for (const s of sim) {
    const r = real.find((x) => x.what === s.what);
    lines.push(row([s.what, s.perWait.toFixed(1), r ? r.perWait.toFixed(1) : bin ? '—' : '(set ESPRUINO_BIN)']));
  }
  return lines;
}

console.log((await bytesTable()).join('\n') + '\n');
console.log((await memoryTable()).join('\n'));
