// Bench: how late `sleep(ms)` wakes, against a raw setTimeout of the same length.
import { spawn, sleep } from 'coop';

const N = 20;
const MS = 25;

function rawTimeouts(done: (late: number) => void) {
  let total = 0;
  let i = 0;
  const next = () => {
    const due = getTime() + MS / 1000;
    setTimeout(() => {
      total += getTime() - due;
      if (++i < N) next(); else done(total / N);
    }, MS);
  };
  next();
}

spawn(async () => {
  let total = 0;
  for (let i = 0; i < N; i++) {
    const due = getTime() + MS / 1000;
    await sleep(MS);
    total += getTime() - due;
  }
  const coop = total / N;
  rawTimeouts((raw) => {
    print('BENCH ' + JSON.stringify({ what: 'wake lateness ms', coop: coop * 1000, setTimeout: raw * 1000 }));
    print('BENCH-DONE');
  });
}, { name: 'lateness' });
