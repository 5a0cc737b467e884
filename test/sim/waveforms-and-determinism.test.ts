import { describe, expect, it } from 'vitest';
import { loadScenario, runScenario, toTimeline, toVcd } from '../../sim/index.js';
import { simulate } from '../support/device.js';

const WAVES = `
  let n = 0;
  const id = setInterval(() => { digitalWrite(D5, ++n & 1); if (n === 4) clearInterval(id); }, 250);
  setTimeout(() => analogWrite(D11, 0.25), 500);
`;

describe('VCD', () => {
  it('writes a known waveform exactly (GTKWave/PulseView format, µs timescale)', async () => {
    const sim = await simulate(WAVES, { diagram: { board: 'puckjs', parts: [{ id: 'pot', type: 'potentiometer', pin: 'D30', value: 0.5 }] } });
    sim.advance(1200);
    expect(toVcd(sim, { pins: ['LED1', 'D11', 'D30'] })).toBe([
      '$comment Coop board simulator $end',
      '$comment board Puck.js (puckjs) $end',
      '$version coop sim $end',
      '$timescale 1us $end',
      '$scope module puckjs $end',
      '$var wire 1 ! D5_LED1 $end',
      '$var wire 1 " D11 $end',
      '$var wire 1 # D30 $end',
      '$var real 64 $ D11_duty $end',
      '$var real 64 % D30_volts $end',
      '$upscope $end',
      '$enddefinitions $end',
      '#0',
      '$dumpvars',
      '0!',
      '0"',
      '1#',
      'r0 $',
      'r1.65 %',
      '$end',
      '#250000',
      '1!',
      '#500000',
      '0!',
      '1"',
      'r0.25 $',
      '#750000',
      '1!',
      '#1000000',
      '0!',
      '#1200000',
      '',
    ].join('\n'));
  });

  it('by default holds every pin that changed and every pin wired to a part of the diagram', async () => {
    const sim = await simulate(WAVES, { diagram: { board: 'puckjs', parts: [{ id: 'b', type: 'button', pin: 'D20' }] } });
    sim.advance(1000);
    const names = [...toVcd(sim).matchAll(/\$var \w+ \d+ \S+ (\S+) \$end/g)].map((m) => m[1]);
    expect(names).toEqual(['D5_LED1', 'D11', 'D20', 'D11_duty']);
  });
});

describe('timeline', () => {
  it('lists what happened in time order, then a line per pin', async () => {
    const sim = await simulate(`print('hello'); ${WAVES}`);
    sim.advance(1000);
    expect(toTimeline(sim, { pins: ['LED1'] })).toBe([
      '[    0.000s] console: hello',
      '[    0.250s] LED1 (D5) → 1',
      '[    0.500s] LED1 (D5) → 0',
      '[    0.750s] LED1 (D5) → 1',
      '[    1.000s] LED1 (D5) → 0',
      '-- 1.000s simulated --',
      'LED1 (D5): 4 changes, high 50.0% of the time, now 0',
    ].join('\n'));
  });
});

describe('determinism', () => {
  it('the same bundle, diagram and scenario give the same console and trace, byte for byte', async () => {
    const source = `
      import { spawn, sleep } from 'coop';
      Serial1.setup(9600, { rx: D29, tx: D28 });
      Serial1.on('data', (d: string) => print('uart ' + JSON.stringify(d) + ' at ' + getTime()));
      setWatch((e) => { digitalWrite(LED2, e.state); print('button ' + e.state + ' at ' + e.time); }, D11, { repeat: true, edge: 'both' });
      spawn(async () => {
        for (;;) {
          const v = analogRead(D30);
          const jitter = Math.floor(Math.random() * 20);
          print('v=' + v.toFixed(4) + ' r=' + jitter + ' ' + new Date().toString() + ' mem=' + process.memory().usage);
          digitalWrite(LED1, v > 0.5 ? 1 : 0);
          await sleep(100 + jitter);
        }
      }, { name: 'sampler' });
    `;
    const diagram = {
      board: 'puckjs',
      parts: [
        { id: 'btn', type: 'button' as const, pin: 'D11', bounce: true },
        { id: 'pot', type: 'potentiometer' as const, pin: 'D30', value: 0.3 },
        { id: 'gps', type: 'uart-peer' as const, rx: 'D28', tx: 'D29', repeat: { every: 333, lines: ['$GP,1\r\n', '$GP,2\r\n'] } },
      ],
    };
    const scenario = {
      name: 'twice',
      steps: [
        { advance: '1s' }, { click: 'btn' }, { 'set-voltage': { part: 'pot', volts: 2.5 } }, { advance: '700ms' },
        { 'uart-send': { part: 'gps', text: 'hi\n' } }, { 'wait-console': 'uart "hi\\n"' }, { press: 'btn' }, { advance: '2s' },
      ],
    };
    const run = async () => {
      const sim = await simulate(source, { diagram, seed: 42 });
      const { parseScenario } = await import('../../sim/index.js');
      const result = await runScenario(sim, parseScenario(scenario));
      return { ok: result.ok, console: sim.output().join('\n'), vcd: toVcd(sim), timeline: toTimeline(sim, { limit: 10_000 }) };
    };
    const a = await run();
    const b = await run();
    expect(a.ok).toBe(true);
    expect(a.console.length).toBeGreaterThan(1000);
    expect(b.console).toBe(a.console);
    expect(b.vcd).toBe(a.vcd);
    expect(b.timeline).toBe(a.timeline);
  });

  it('the blink example and its scenario pass', async () => {
    const { deviceBundle } = await import('../support/device.js');
    const { readFileSync } = await import('node:fs');
    const { createSim } = await import('../../sim/index.js');
    const bundle = await deviceBundle(readFileSync('examples/blink.ts', 'utf8'));
    const scenario = await loadScenario('examples/blink.scenario.yaml');
    const sim = await createSim({ bundle, diagram: scenario.diagram });
    const result = await runScenario(sim, scenario);
    expect(result.message).toBe('scenario "blink toggles LED1 every 500 ms" passed: 7 steps in 11.000s of virtual time');
  });
});
