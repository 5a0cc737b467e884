// Blink LED1 every half second, forever.
import { spawn, sleep } from 'coop';

spawn(async () => {
  let on = false;
  for (;;) {
    on = !on;
    digitalWrite(LED1, on);
    await sleep(500);
  }
}, { name: 'blink' });
