// Bench: what the runtime costs to load. The bench driver runs this and an
// empty program in the same session and subtracts.
import { spawn, sleep } from 'coop';

spawn(async () => {
  let on = false;
  for (;;) {
    on = !on;
    digitalWrite(D1, on);
    await sleep(500);
  }
}, { name: 'blink' });

setTimeout(() => {
  print('BENCH ' + JSON.stringify({ what: 'footprint', usage: process.memory().usage }));
  print('BENCH-DONE');
}, 100);
