/**
 * many-tasks: 100 tasks running at once on a Puck.js, and what they cost.
 *
 * Shows: one `async function` spawned 100 times. Each task sleeps on its own
 * period and counts its wake-ups; all of them share one state machine and one
 * Espruino timer, so a sleeping task is one small record: 14.2 JsVars each,
 * measured on Espruino 2v29 (Linux build) — a bare sleeping task's 12, plus
 * its `id` and its link to its parent task — and ~13 in the simulator's
 * estimate. The program prints the memory the tasks use, then a report every
 * 10 s: wake-ups so far and memory in use, which stays flat. LED1 blinks once
 * a second to show the board is alive.
 *
 * Board: Puck.js (puckjs), 2630 JsVars. Any board works; the numbers change.
 * Simulate: npx coop sim examples/many-tasks.ts --diagram examples/many-tasks.diagram.json --scenario examples/many-tasks.scenario.yaml
 * Flash:    npx coop flash examples/many-tasks.ts --board puckjs --port AA:BB:CC:DD:EE:FF
 */
import { spawn, sleep } from 'coop';

const TASKS = 100;
let wakeups = 0;

// Module level, and everything that varies passed as an argument: every task
// shares this one state machine and keeps only `id` and its place in the loop.
// (An async arrow inside the spawn loop would capture `i` in a closure and
// cost about twice as much per task; see docs/memory.md.)
async function worker(id: number) {
  for (;;) {
    await sleep(1000 + id * 10); // 1.00 s … 1.99 s, so they wake at different times
    wakeups++;
  }
}

async function heartbeat() {
  for (;;) {
    digitalWrite(LED1, 1);
    await sleep(50);
    digitalWrite(LED1, 0);
    await sleep(950);
  }
}

spawn(async () => {
  spawn(heartbeat, { name: 'heartbeat' });
  // Let the runtime settle (the heartbeat asleep) so the figure below is the workers' alone.
  await sleep(10);
  const before = process.memory().usage;
  for (let i = 0; i < TASKS; i++) spawn(() => worker(i), { name: 'worker' });
  await sleep(10); // every worker has run to its first sleep
  const m = process.memory();
  const used = m.usage - before;
  print(TASKS + ' tasks sleeping: ' + used + ' JsVars, ' + (used / TASKS).toFixed(1) + ' per task');
  print('memory in use: ' + m.usage + ' of ' + m.total + ' JsVars');
  for (let s = 10; ; s += 10) {
    await sleep(10000);
    print(s + ' s: ' + wakeups + ' wake-ups, memory in use ' + process.memory().usage + ' of ' + m.total + ' JsVars');
  }
}, { name: 'main' });
