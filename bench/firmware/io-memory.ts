/**
 * JsVars of one task waiting on each kind of I/O future: N tasks park on it,
 * memory is read before and after, and they are cancelled. The baseline is
 * a task waiting on an Event (the cheapest wait there is).
 */
import { spawn, sleep, Event, waitForEdge, Button, Uart, type Task } from 'coop';

declare const BENCH_SKIP: string | undefined;
const N = 20;
const never = new Event();
const btn = new Button(D8);

const kinds: { [name: string]: () => PromiseLike<any> } = {
  'Event (baseline)': function () { return never.wait(); },
  'sleep': function () { return sleep(600000); },
  'waitForEdge': function () { return waitForEdge(D6, 'rising'); },
  'waitForEdge with timeout': function () { return waitForEdge(D6, 'rising', { timeout: 600000 }); },
  'Button.press (shared Button)': function () { return btn.press(); },
};

/** Memory in use, read after a sleep so that every task has parked. */
async function usage(): Promise<number> {
  await sleep(5);
  return process.memory().usage;
}

async function measure(wait: () => PromiseLike<any>): Promise<number> {
  const before = await usage();
  const tasks: Task<void>[] = [];
  for (let i = 0; i < N; i++) tasks.push(spawn(async () => { await wait(); }, { name: 'w' }));
  const after = await usage();
  for (let i = 0; i < tasks.length; i++) tasks[i].cancel();
  await usage();
  return (after - before) / N;
}

spawn(async () => {
  const names = Object.keys(kinds);
  if (typeof BENCH_SKIP === 'undefined' || BENCH_SKIP.indexOf('uart') < 0) {
    const port = new Uart('Serial1');
    kinds['Uart.readLine'] = function () { return port.readLine(); };
    names.push('Uart.readLine');
  }
  for (let k = 0; k < names.length; k++) {
    print('BENCH ' + JSON.stringify({ what: names[k], perWait: await measure(kinds[names[k]]) }));
  }
  print('BENCH-DONE');
}, { name: 'bench' });
