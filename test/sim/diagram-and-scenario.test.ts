import { writeFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadScenario, parseDiagram, parseScenario, runScenario } from '../../sim/index.js';
import { firmwareFile, simulate } from '../support/device.js';

describe('diagram files', () => {
  it('accepts the documented parts', () => {
    const d = parseDiagram({
      board: 'puckjs',
      parts: [
        { id: 'btn1', type: 'button', pin: 'D0', bounce: true },
        { id: 'led', type: 'led', pin: 'D5' },
        { id: 'pot', type: 'potentiometer', pin: 'D30', value: 0.2 },
        { id: 'sensor', type: 'sht3x', sda: 'D1', scl: 'D2', address: '0x45' },
        { id: 'gps', type: 'uart-peer', rx: 'D28', tx: 'D29', script: [{ at: '2s', send: '$GP\r\n' }], repeat: { every: '1s', lines: ['a'] } },
      ],
    });
    expect(d.parts.map((p) => p.id)).toEqual(['btn1', 'led', 'pot', 'sensor', 'gps']);
    expect((d.parts[3] as { address: number }).address).toBe(0x45);
    expect((d.parts[4] as { script: unknown }).script).toEqual([{ at: 2000, send: '$GP\r\n' }]);
  });

  it.each([
    [{ parts: [{ id: 'x', type: 'motor', pin: 'D1' }] }, 'part 1 ("x"): unknown type "motor"; types are led, button, potentiometer, voltage-source, sht3x, uart-peer'],
    [{ parts: [{ id: 'b', type: 'button', pn: 'D1' }] }, 'part 1 ("b"): unknown field "pn"; a button takes "id", "type", "pin", "active", "bounce"'],
    [{ parts: [{ id: 'b', type: 'button' }] }, 'part 1 ("b"): a button needs "pin"'],
    [{ parts: [{ id: 'a', type: 'led', pin: 'D1' }, { id: 'a', type: 'led', pin: 'D2' }] }, 'part 2 ("a"): the id "a" is used twice'],
    [{ parts: [{ id: 's', type: 'sht3x', sda: 'D1', scl: 'D2', address: 0x40 }] }, 'part 1 ("s"): an SHT3x answers at 0x44 (68) or 0x45 (69), not 64'],
    [{ parts: [{ id: 'p', type: 'potentiometer', pin: 'D1', value: 2 }] }, 'part 1 ("p"): "value" must be a number from 0 to 1, got 2'],
    [{ parts: [{ id: 'u', type: 'uart-peer' }] }, 'part 1 ("u"): a uart-peer needs "rx" (the pin it listens on, the board\'s TX) and/or "tx" (the pin it sends on, the board\'s RX)'],
  ])('refuses a bad diagram with a message naming the part and field (%#)', (diagram, message) => {
    expect(() => parseDiagram(diagram, 'd.json')).toThrow(`d.json: ${message}`);
  });

  it('a part on a pin the board lacks names the part, the pin and the board', async () => {
    await expect(simulate('', { diagram: { board: 'puckjs', parts: [{ id: 'led', type: 'led', pin: 'D40' }] } })).rejects.toThrow(
      'diagram: part "led" (led): led led: Puck.js has no pin D40; its pins are D0..D31',
    );
  });

  it('a diagram for another board than the one asked for is refused', async () => {
    await expect(simulate('', { board: 'esp32', diagram: { board: 'puckjs', parts: [] } })).rejects.toThrow(
      'the diagram is for puckjs but the board asked for is esp32; use the same board for both',
    );
  });
});

const BUTTON_LED = `
  setWatch((e) => { digitalWrite(LED1, e.state); print(e.state ? 'pressed' : 'released'); }, D11, { repeat: true, edge: 'both', debounce: 20 });
  print('ready');
`;
const BUTTON_DIAGRAM = { board: 'puckjs', parts: [{ id: 'btn', type: 'button' as const, pin: 'D11', bounce: true }] };

describe('scenarios', () => {
  it('a scenario that passes', async () => {
    const sim = await simulate(BUTTON_LED, { diagram: BUTTON_DIAGRAM });
    const scenario = parseScenario({
      name: 'LED follows the button',
      steps: [
        { 'wait-console': 'ready' },
        { 'expect-pin': { pin: 'LED1', value: 0 } },
        { press: 'btn' },
        { 'wait-pin': { pin: 'LED1', value: 1, timeout: '100ms' } },
        { 'expect-console': 'pressed' },
        { advance: '1s' },
        { release: 'btn' },
        { 'wait-console': { match: '^released$', timeout: '50ms' } },
        { 'expect-pin': { pin: 'D5', value: 0 } },
        { click: { part: 'btn', hold: '200ms' } },
        { 'wait-console': 'pressed' },
        { 'wait-console': 'released' },
      ],
    });
    const result = await runScenario(sim, scenario);
    expect(result.message).toBe('scenario "LED follows the button" passed: 12 steps in 1.275s of virtual time');
    expect(result.ok).toBe(true);
  });

  it('a scenario that fails says which step, what was expected, what was seen, and when', async () => {
    const sim = await simulate(BUTTON_LED, { diagram: BUTTON_DIAGRAM });
    const scenario = parseScenario({
      name: 'too impatient',
      steps: [{ 'wait-console': 'ready' }, { press: 'btn' }, { 'wait-pin': { pin: 'LED1', value: 1, timeout: '10ms' } }],
    }, 'impatient.yaml');
    const result = await runScenario(sim, scenario);
    expect(result.ok).toBe(false);
    expect(result.failure).toMatchObject({ number: 3, step: 'wait-pin: { pin: LED1, value: 1, timeout: 10ms }', t: 10 });
    expect(result.message).toBe([
      'scenario "too impatient" failed at step 3 of 3 (wait-pin: { pin: LED1, value: 1, timeout: 10ms }) at 0.010s virtual time',
      '  expected: LED1 to become 1 within 0.010s',
      '  seen:     LED1 stayed 0 (it never changed)',
    ].join('\n'));
  });

  it('a console check that fails shows the lines printed since the last one', async () => {
    const sim = await simulate(`setInterval(() => print('t=' + Math.round(getTime())), 1000);`);
    const result = await runScenario(sim, parseScenario({ steps: [{ 'wait-console': 't=2' }, { 'wait-console': { text: 'done', timeout: '3s' } }] }, 's.yaml'));
    expect(result.message).toBe([
      'scenario "s.yaml" failed at step 2 of 2 (wait-console: { text: done, timeout: 3s }) at 5.000s virtual time',
      '  expected: a console line containing "done" within 3.000s',
      '  seen:     3 lines since then:',
      '              [3.000s] t=3',
      '              [4.000s] t=4',
      '              [5.000s] t=5',
    ].join('\n'));
  });

  it('a step that cannot run (no such part) fails with the reason', async () => {
    const sim = await simulate('');
    const result = await runScenario(sim, parseScenario({ steps: [{ press: 'nope' }] }));
    expect(result.failure?.seen).toBe('error: press: no part "nope" at 0.000s; parts are LED1, LED2, LED3, BTN1');
  });

  it.each([
    [{ steps: [] }, '"steps" must be a non-empty list'],
    [{ steps: [{ jump: 1 }] }, 'step 1 (jump: 1): unknown action "jump"; actions are wait-console, expect-console'],
    [{ steps: [{ press: 'a', release: 'b' }] }, 'step 1: a step has exactly one action; found press, release'],
    [{ steps: [{ 'wait-pin': { pin: 'D1' } }] }, 'step 1 (wait-pin: { pin: D1 }): "value" is required'],
    [{ steps: [{ advance: 'soon' }] }, 'step 1 (advance: soon): advance: "soon" is not a duration; use e.g. 500ms, 2s, 5m, 24h'],
    [{ steps: [{ 'wait-console': { text: 'a', match: 'b' } }] }, 'give either "text" (a substring) or "match" (a regular expression)'],
  ])('refuses a bad scenario, naming the step (%#)', (doc, message) => {
    expect(() => parseScenario(doc, 's.yaml')).toThrow(message);
  });

  it('reads YAML (and JSON) files, with the diagram path relative to the scenario', async () => {
    const yamlPath = firmwareFile(['name: from yaml', 'diagram: parts.json', 'timeout: 2s', 'steps:', '  - press: btn', '  - wait-pin: { pin: LED1, value: 1 }', ''].join('\n'), 's.yaml');
    writeFileSync(join(dirname(yamlPath), 'parts.json'), JSON.stringify(BUTTON_DIAGRAM));
    const scenario = await loadScenario(yamlPath);
    expect(scenario.diagram).toBe(join(dirname(yamlPath), 'parts.json'));
    expect(scenario.steps.map((s) => s.step)).toEqual([{ kind: 'press', part: 'btn' }, { kind: 'wait-pin', pin: 'LED1', value: 1, timeout: 2000 }]);
    const sim = await simulate(BUTTON_LED, { diagram: scenario.diagram });
    expect((await runScenario(sim, scenario)).ok).toBe(true);
    const jsonPath = firmwareFile(JSON.stringify({ steps: [{ advance: 5 }] }), 's.json');
    expect((await loadScenario(jsonPath)).steps[0].step).toEqual({ kind: 'advance', ms: 5 });
  });
});
