/**
 * `npm run soak [-- --days N] [-- --only name]`: every example (examples/*.ts, built the device
 * way, on its diagram's board with its diagram's parts: WiFi, MQTT broker, sensors) runs N
 * virtual days (default 7) in the simulator, an hour at a time. After each hour it reads the
 * simulator's memory estimate (what `process.memory().usage` would say; one estimate walks the
 * whole heap, 40-140 ms of host time, so it is taken hourly, not every virtual second).
 *
 * Per example it prints JsVars after the first hour, the max and final over the rest, the growth
 * (max after the first hour minus the first-hour figure), uncaught errors, virtual days and host
 * seconds. Flat means growth <= max(2% of the first-hour figure, 10 JsVars): an hourly sample
 * lands wherever the program happens to be (a reading in flight, a buffered message, a
 * string of a different length), which moves the estimate by a few JsVars; a leak of one JsVar
 * per minute-long cycle is 60 an hour, 10,000 over the week, far past it.
 * Exit codes: 0 all flat and no errors, 1 otherwise.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from '../toolchain/build.js';
import { packageRoot } from '../toolchain/package-root.js';
import { createSim } from '../sim/index.js';

const HOUR_MS = 3600_000;

/** One example's soak. Legend: first = JsVars after 1 h; max/final = over hours 2..end; growth = max - first. */
export interface SoakRow { name: string; first: number; max: number; final: number; growth: number; errors: string[]; days: number; hostSeconds: number }

/** The allowed growth after the first hour (see the header for why). */
export const tolerance = (first: number) => Math.max(Math.round(first * 0.02), 10);

/** Run one example for `days` virtual days, sampling the memory estimate hourly. */
export async function soakExample(name: string, days: number): Promise<SoakRow> {
  const dir = join(packageRoot(), 'examples');
  const diagramPath = join(dir, name + '.diagram.json');
  const diagram = JSON.parse(readFileSync(diagramPath, 'utf8')) as { board?: string };
  const { code } = await build(join(dir, name + '.ts'), { board: diagram.board ?? 'puckjs' });
  const host = Date.now();
  const sim = await createSim({ bundle: code, diagram: diagramPath });
  const h = sim.harness;
  const usages: number[] = [];
  const hours = Math.round(days * 24);
  for (let i = 0; i < hours && !h.halted; i++) {
    sim.advance(HOUR_MS);
    usages.push(h.memory.estimate().usage);
  }
  const rest = usages.slice(1).length ? usages.slice(1) : usages;
  const errors = h.errors.map((e) => (e instanceof Error ? e.message : String(e)));
  if (h.halted && usages.length < hours) errors.push(`halted after ${usages.length} h`);
  return {
    name, first: usages[0], max: Math.max(...rest), final: rest[rest.length - 1],
    growth: Math.max(...rest) - usages[0], errors, days: usages.length / 24, hostSeconds: (Date.now() - host) / 1000,
  };
}

/** The examples: every examples/*.ts with a diagram next to it. */
export function exampleNames(): string[] {
  const dir = join(packageRoot(), 'examples');
  const files = readdirSync(dir);
  return files.filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => f.slice(0, -3)).filter((n) => files.includes(n + '.diagram.json')).sort();
}

async function main() {
  const argv = process.argv.slice(2);
  const flag = (name: string) => { const i = argv.indexOf(name); return i < 0 ? undefined : argv[i + 1]; };
  const days = Number(flag('--days') ?? 7);
  if (!(days > 0)) { console.error(`soak: --days needs a positive number of days (got ${JSON.stringify(flag('--days'))}), e.g. --days 7`); process.exit(1); }
  const only = flag('--only');
  const names = exampleNames().filter((n) => !only || n === only);
  if (names.length === 0) { console.error(`soak: no example named ${only}; examples: ${exampleNames().join(', ')}`); process.exit(1); }
  const row = (c: (string | number)[]) => '| ' + c.map(String).join(' | ') + ' |';
  console.log(row(['example', 'JsVars at 1 h', 'max after', 'final', 'growth', 'tolerance', 'errors', 'virtual days', 'host s']));
  console.log(row(Array(9).fill('---')));
  let bad = 0;
  for (const name of names) {
    const r = await soakExample(name, days);
    const ok = r.growth <= tolerance(r.first) && r.errors.length === 0;
    if (!ok) bad++;
    console.log(row([r.name + (ok ? '' : ' FAIL'), r.first, r.max, r.final, r.growth, tolerance(r.first), r.errors.length ? `${r.errors.length}: ${r.errors[0]}` : 0, r.days.toFixed(2), r.hostSeconds.toFixed(1)]));
  }
  console.log(bad ? `FAIL: ${bad} of ${names.length} examples grew or had errors` : `PASS: ${names.length} examples flat for ${days} virtual days, no errors`);
  process.exit(bad ? 1 : 0);
}

if (process.argv[1] && process.argv[1].endsWith('soak-sim.js')) main().catch((e) => { console.error(e instanceof Error ? e.message : e); process.exit(1); });
