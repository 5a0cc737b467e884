// Bench: JsVars per sleeping task, written as a module-level async function and as an
// async closure spawned from inside a running task (the build shares its body at module
// level: both should cost the same), against a plain callback + setInterval, in the same run.
// One interval drives the steps, so no timer or callback made between two readings is counted.
// Prints `BENCH {json}` lines; `BENCH-DONE` at the end.
import { spawn, sleep } from 'coop';

const N = 100;
const keep: any[] = [];
const usage = [0, 0, 0, 0];
let step = 0;

async function sleeper() {
  while (true) await sleep(3600000);
}

const steps = setInterval(() => {
  usage[step] = process.memory().usage;
  if (step === 0) {
    for (let i = 0; i < N; i++) spawn(sleeper, { name: 't' + i });
  } else if (step === 1) {
    spawn(async () => {
      for (let i = 0; i < N; i++) spawn(async () => { while (true) await sleep(3600000); }, { name: 'c' + i });
    }, { name: 'parent' });
  } else if (step === 2) {
    // Baseline: what an Espruino programmer writes without Coop.
    for (let i = 0; i < N; i++) {
      let count = 0;
      keep.push(setInterval(() => { count++; }, 3600000));
    }
  } else {
    clearInterval(steps);
    print('BENCH ' + JSON.stringify({
      what: 'vars per sleeping task',
      coop: (usage[1] - usage[0]) / N, closure: (usage[2] - usage[1]) / N, callback: (usage[3] - usage[2]) / N,
    }));
    print('BENCH-DONE');
  }
  step++;
}, 50);
