// Soak firmware (issue 17): the mixed load a long-running program puts on the runtime, run for
// minutes on the real interpreter while bench/soak-espruino.ts watches process.memory().usage.
// A leak anywhere in spawn/cancel, select, channels or the timer list shows as usage that keeps
// climbing after the first minute. Loads, each running forever:
//   - churn: spawns a task that sleeps 1 s and cancels it 10 ms later, every 20 ms;
//   - select: a channel recv raced against a sleep (the timeout), so both branches win sometimes;
//   - channel: a producer sends a counter every 15 ms into a capacity-4 channel, a consumer reads;
//   - 100 sleepers, each waking every 1–10 s.
// Every `every` ms it prints `SOAK {json}` (legend: t = seconds since start, u = usage in JsVars,
// n = operations done per load since the last line); errors print as `SOAK-ERROR message`.
import { Channel, select, sleep, spawn } from 'coop';

const every = 30000;
const counts = { churn: 0, select: 0, timeouts: 0, sent: 0, received: 0, wakes: 0 };
const start = Date.now();

const report = function (e: any) {
  print('SOAK-ERROR ' + (e && e.message ? e.message : String(e)));
};

// Spawn-and-cancel churn: the cancelled task's sleep timer and frame must both go.
spawn(async () => {
  while (true) {
    const t = spawn(async () => { await sleep(1000); });
    await sleep(10);
    t.cancel();
    counts.churn++;
    await sleep(10);
  }
}, { name: 'churn' }).then(undefined, report);

// Channel traffic, with the consumer's recv raced against a timeout (select).
const ch = new Channel<number>(4);
spawn(async () => {
  let i = 0;
  while (true) {
    await ch.send(i++);
    counts.sent++;
    await sleep(i % 7 === 0 ? 40 : 15);
  }
}, { name: 'producer' }).then(undefined, report);
spawn(async () => {
  while (true) {
    const r = await select(ch.recv(), sleep(25));
    if (r.index === 0) counts.received++;
    else counts.timeouts++;
    counts.select++;
  }
}, { name: 'consumer' }).then(undefined, report);

// 100 sleepers with periods of 1 to 10 s.
for (let i = 0; i < 100; i++) {
  const period = 1000 + (i % 10) * 1000;
  spawn(async () => {
    while (true) {
      await sleep(period);
      counts.wakes++;
    }
  }, { name: 's' + i }).then(undefined, report);
}

const line = function () {
  print('SOAK ' + JSON.stringify({ t: Math.round((Date.now() - start) / 1000), u: process.memory().usage, n: counts }));
  counts.churn = counts.select = counts.timeouts = counts.sent = counts.received = counts.wakes = 0;
};
setTimeout(line, 1000);
setInterval(line, every);
