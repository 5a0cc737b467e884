/**
 * `npm run soak:espruino [-- --minutes N]`: the mixed-load soak (bench/firmware/soak-mixed.ts:
 * spawn and cancel churn, select with timeouts, channel traffic, 100 sleepers) on the real
 * interpreter (ESPRUINO_BIN, board `linux`) for N minutes (default 10). It prints the
 * `process.memory().usage` the firmware reports every 30 s and any error, then a verdict.
 *
 * Why a bench and not a test: it runs in wall-clock time (10 minutes), and a leak of one JsVar
 * per operation only shows after tens of thousands of operations.
 *
 * Flat means: no sample after the first minute exceeds the highest sample of the first minute
 * by more than max(2%, 40 JsVars). The allowance is the load's own swing: a sample lands while
 * 0–1 churn tasks, 0–4 queued channel items and one select are alive, which is ~30 JsVars of
 * legitimate variation; a leak of even one JsVar per churn cycle is ~1,500 JsVars a minute.
 * Exit codes: 0 flat and no errors, 1 growth or an error, 2 no ESPRUINO_BIN.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from '../toolchain/build.js';
import { packageRoot } from '../toolchain/package-root.js';

/** One `SOAK {json}` line: seconds since start, usage in JsVars, operations since the last line. */
interface Sample { t: number; u: number; n: Record<string, number> }

/** The --minutes flag (default 10), or a clear error. */
function minutesFlag(argv: string[]): number {
  const i = argv.indexOf('--minutes');
  if (i < 0) return 10;
  const m = Number(argv[i + 1]);
  if (!(m > 0)) {
    console.error(`soak:espruino: --minutes needs a positive number of minutes (got ${JSON.stringify(argv[i + 1])}), e.g. --minutes 10`);
    process.exit(2);
  }
  return m;
}

/** Run the bundle for `minutes`, streaming its SOAK lines; resolves with the samples and errors. */
function soak(bin: string, file: string, minutes: number): Promise<{ samples: Sample[]; errors: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(bin, [file], { stdio: ['pipe', 'pipe', 'pipe'] });
    const samples: Sample[] = [];
    const errors: string[] = [];
    let buf = '';
    const onLine = (raw: string) => {
      const l = raw.replace(/^[\s\S]*?(SOAK)/, '$1').trim();
      if (l.startsWith('SOAK {')) {
        const s = JSON.parse(l.slice(5)) as Sample;
        samples.push(s);
        console.log(`${String(s.t).padStart(5)} s  usage ${s.u}  ${JSON.stringify(s.n)}`);
      } else if (l.startsWith('SOAK-ERROR') || /Uncaught|Error|Too much recursion|out of memory/i.test(l)) {
        errors.push(l);
        console.log('ERROR ' + l);
      }
    };
    child.stdout.on('data', (d) => {
      buf += d.toString();
      const lines = buf.split(/\r?\n/);
      buf = lines.pop()!;
      lines.forEach(onLine);
    });
    child.stderr.on('data', (d) => { errors.push(String(d).trim()); });
    child.on('error', (e) => reject(new Error(`cannot run ESPRUINO_BIN=${bin}: ${e.message}`)));
    child.on('exit', (code) => { if (!done) { errors.push(`interpreter exited early (code ${code})`); finish(); } });
    let done = false;
    const finish = () => { done = true; child.kill(); resolve({ samples, errors }); };
    setTimeout(finish, minutes * 60_000 + 2_000);
  });
}

async function main() {
  const bin = process.env.ESPRUINO_BIN;
  if (!bin) {
    console.error('soak:espruino needs a Linux build of Espruino: ESPRUINO_BIN=/path/to/espruino npm run soak:espruino');
    process.exit(2);
  }
  const minutes = minutesFlag(process.argv.slice(2));
  const { code } = await build(join(packageRoot(), 'bench', 'firmware', 'soak-mixed.ts'), { board: 'linux' });
  const file = join(mkdtempSync(join(tmpdir(), 'coop-soak-')), 'soak-mixed.js');
  writeFileSync(file, code);
  console.log(`Soak on ${bin} for ${minutes} min (bundle ${code.length} bytes); usage every 30 s:`);
  const host = Date.now();
  const { samples, errors } = await soak(bin, file, minutes);
  const first = samples.filter((s) => s.t <= 60);
  const rest = samples.filter((s) => s.t > 60);
  const base = Math.max(...first.map((s) => s.u));
  const max = Math.max(...rest.map((s) => s.u));
  const tolerance = Math.max(Math.round(base * 0.02), 40);
  const ops = samples.reduce((a, s) => a + s.n.churn, 0);
  console.log(`\nfirst minute max ${base}, later max ${max}, final ${samples.at(-1)?.u}, min ${Math.min(...rest.map((s) => s.u))}; ` +
    `tolerance ${tolerance}; ${ops} spawn+cancel cycles, ${samples.reduce((a, s) => a + s.n.select, 0)} selects, ` +
    `${samples.reduce((a, s) => a + s.n.received, 0)} channel messages; ${errors.length} errors; ${((Date.now() - host) / 1000).toFixed(0)} s`);
  const problems: string[] = [];
  if (rest.length === 0) problems.push('no samples after the first minute (run longer: --minutes 2 at least)');
  else if (max > base + tolerance) problems.push(`usage grew by ${max - base} JsVars after the first minute (tolerance ${tolerance})`);
  if (errors.length) problems.push(`${errors.length} errors, first: ${errors[0]}`);
  console.log(problems.length ? 'FAIL: ' + problems.join('; ') : 'PASS: usage flat, no errors');
  process.exit(problems.length ? 1 : 0);
}

main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
