// Bench: JsVars per sleeping task, against a plain callback + setInterval, in the same run.
// Prints `BENCH {json}` lines; `BENCH-DONE` at the end.
import { spawn, sleep } from 'coop';

const N = 100;
const keep: any[] = [];

setTimeout(() => {
  const m0 = process.memory().usage;
  for (let i = 0; i < N; i++) spawn(async () => { while (true) await sleep(3600000); }, { name: 't' + i });
  setTimeout(() => {
    const m1 = process.memory().usage;
    // Baseline: what an Espruino programmer writes without Coop.
    for (let i = 0; i < N; i++) {
      let count = 0;
      keep.push(setInterval(() => { count++; }, 3600000));
    }
    const m2 = process.memory().usage;
    print('BENCH ' + JSON.stringify({ what: 'vars per sleeping task', coop: (m1 - m0) / N, callback: (m2 - m1) / N }));
    print('BENCH-DONE');
  }, 50);
}, 10);
