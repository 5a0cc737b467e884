/**
 * A project's own vitest test drives a simulated phone against its firmware,
 * through espruino-coop/test's simulate(): here, the Puck.js beacon example.
 */
import { expect, it } from 'vitest';
import { simulate } from '../../cli/test-api/index.js';

it('a test connects a phone to the beacon, changes its interval and gets the temperature notified', async () => {
  const sim = await simulate('examples/puck-beacon.ts', { project: false });
  const phone = sim.phone('phone');
  const advert = phone.waitForAdvert({ name: 'Puck Temp' }, 2000);
  expect(advert.serviceData).toEqual({ '1809': [25], '180f': [100] });
  phone.connect();
  phone.subscribe('181a', '2a6e');
  phone.write('a000', 'a001', [2, 0]);
  sim.setTemperature('board', 20);
  phone.waitForNotify('181a', '2a6e', [0xd0, 0x07], 3000); // 20.00 °C = 2000 = 0x07D0
  expect(sim.console.lines).toEqual(['interval 2 s']);
  expect(phone.read('a000', 'a001')).toEqual([2, 0]);
});
