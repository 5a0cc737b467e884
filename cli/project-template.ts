/**
 * The files `coop init` writes: a small sensor app (two tasks and a button)
 * for one board, with its diagram, a scenario, a vitest test, and the
 * package.json, coop.json and tsconfig.json that make `npm install`,
 * `npm run sim`, `npm test`, `npm run build` and `npx tsc --noEmit` work.
 *
 * The pins come from the board's definition: its first LED and button when it
 * has them, else free pins (no note: not wired to anything on the board), and
 * its first free analog pin for the sensor. A board without an analog pin
 * (the Linux build) reads the chip's temperature instead.
 */
import type { BoardDefinition, PinDefinition } from '../boards/board-definition.js';

export interface AppPins {
  /** The LED as the code names it: 'LED1', or a pin such as 'D9' on a board without LEDs. */
  led: string;
  ledBuiltIn: boolean;
  /** The button as the code names it: 'BTN1', or a pin such as 'D10'. */
  button: string;
  buttonBuiltIn: boolean;
  /** The analog pin the sensor is on, if the board has a free one. */
  sensor?: string;
}

/** The LED, button and sensor pins of the app for `board`. */
export function appPins(board: BoardDefinition): AppPins {
  const used = new Set<string>([...Object.values(board.leds), ...Object.values(board.buttons)]);
  const free = (want: (p: PinDefinition) => boolean) => {
    const pin = Object.values(board.pins).find((p) => !p.note && !used.has(p.name) && want(p));
    if (pin) used.add(pin.name);
    return pin?.name;
  };
  const sensor = free((p) => p.caps.includes('analog'));
  const [builtInLed] = Object.keys(board.leds);
  const [builtInButton] = Object.keys(board.buttons);
  const led = builtInLed ?? free((p) => p.caps.includes('digital'));
  const button = builtInButton ?? free((p) => p.caps.includes('watch') && p.caps.includes('pulldown'));
  if (!led || !button) throw new Error(`${board.name} has no free pin for ${led ? 'a button' : 'an LED'}`);
  return { led, ledBuiltIn: builtInLed !== undefined, button, buttonBuiltIn: builtInButton !== undefined, sensor };
}

export interface TemplateOptions {
  /** The npm package name (from the folder's name). */
  name: string;
  board: BoardDefinition;
  /** What package.json depends on for Coop: "^0.1.0", or "file:…/espruino-coop-0.1.0.tgz". */
  coopSpec: string;
  /** Versions for the devDependencies, as Coop's own package.json has them. */
  typescript: string;
  vitest: string;
  /** The board's typings (what `coop typings --board <id>` writes). */
  typings: string;
}

/** An example --port for the board, for the README and the comment in main.ts. */
export function examplePort(board: BoardDefinition): string {
  if (board.chip.startsWith('nRF52')) return 'aa:bb:cc:dd:ee:ff';
  if (board.id === 'esp32') return '/dev/ttyUSB0';
  if (board.id === 'linux') return 'tcp://127.0.0.1:2323';
  return '/dev/ttyACM0';
}

/** Every file of the project, by path relative to its folder, in the order they are listed. */
export function projectFiles(o: TemplateOptions): Record<string, string> {
  const pins = appPins(o.board);
  const json = (value: unknown) => JSON.stringify(value, null, 2) + '\n';
  return {
    'package.json': json({
      name: o.name,
      version: '0.1.0',
      private: true,
      description: `Firmware for ${o.board.name}, written with Coop`,
      type: 'module',
      scripts: {
        sim: 'coop sim',
        test: 'coop test',
        build: 'coop build',
        flash: 'coop flash',
        typecheck: 'tsc --noEmit && tsc --noEmit -p test',
        typings: 'coop typings',
      },
      dependencies: { 'espruino-coop': o.coopSpec },
      devDependencies: { typescript: o.typescript, vitest: o.vitest },
    }),
    'coop.json': json({
      entry: 'src/main.ts',
      board: o.board.id,
      diagram: 'diagram.json',
      scenarios: ['scenarios/*.yaml'],
    }),
    'tsconfig.json': json({
      '//': `For your editor and \`npx tsc --noEmit\`: the firmware as \`coop build\` compiles it, with ${o.board.name}'s pins from coop-env.d.ts (\`npm run typings\` writes it again).`,
      compilerOptions: {
        target: 'ES5',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        lib: ['es5', 'es2015.promise'],
        types: [],
        strict: true,
        noImplicitAny: false,
        noEmit: true,
      },
      include: ['src', 'coop-env.d.ts'],
    }),
    'coop-env.d.ts': o.typings,
    'src/main.ts': mainSource(o, pins),
    'diagram.json': json({
      board: o.board.id,
      parts: [
        { id: 'led', type: 'led', pin: pins.led },
        { id: 'button', type: 'button', pin: pins.button, bounce: true },
        ...(pins.sensor ? [{ id: 'sensor', type: 'potentiometer', pin: pins.sensor, value: 0.5 }] : []),
      ],
    }),
    'scenarios/main.scenario.yaml': scenario(o, pins),
    'test/main.test.ts': vitestSource(o, pins),
    'vitest.config.ts': [
      "import { defineConfig } from 'vitest/config';",
      '',
      '// Each test builds the firmware the device way, which takes a few seconds the first time.',
      'export default defineConfig({ test: { testTimeout: 30_000 } });',
      '',
    ].join('\n'),
    'test/tsconfig.json': json({
      '//': 'The tests run on Node.js (vitest), not on the board: they get their own settings.',
      compilerOptions: {
        target: 'ES2022',
        module: 'ESNext',
        moduleResolution: 'Bundler',
        strict: true,
        skipLibCheck: true,
        noEmit: true,
      },
      include: ['**/*.ts'],
    }),
    '.gitignore': 'node_modules/\nout/\n*.vcd\n',
    'README.md': readme(o, pins),
  };
}

/** What the sensor task prints for a reading, and the reading the diagram starts at. */
function sensorText(pins: AppPins) {
  return pins.sensor
    ? { first: 'sensor: 50%', turned: 'sensor: 100%', what: `the sensor (a potentiometer on ${pins.sensor} in diagram.json)` }
    : { first: 'temperature: ', turned: 'temperature: 30 C', what: "the chip's temperature" };
}

function mainSource(o: TemplateOptions, pins: AppPins): string {
  const led = pins.ledBuiltIn ? `${pins.led}, the board's LED` : `an LED on ${pins.led}`;
  const button = pins.buttonBuiltIn ? `${pins.button}, the board's button` : `a button on ${pins.button} (to 3.3 V)`;
  const read = pins.sensor
    ? [
        `    const level = analogRead(SENSOR); // 0..1 of 3.3 V`,
        `    print('sensor: ' + Math.round(level * 100) + '%');`,
      ]
    : [
        `    print('temperature: ' + Math.round(E.getTemperature()) + ' C');`,
      ];
  return [
    '/**',
    ` * ${o.name}: firmware for ${o.board.name}, written with Coop.`,
    ' *',
    ' * Two tasks share the board:',
    pins.sensor
      ? ` *   - "sensor" reads a voltage on ${pins.sensor} (a potentiometer, a light or soil sensor) once a`
      : ` *   - "sensor" reads the chip's temperature once a`,
    ` *     second, prints it, and flashes ${led};`,
    ` *   - "button" waits for presses of ${button} and counts them.`,
    ' *',
    ' * npm run sim     runs it on a simulated board wired as diagram.json says',
    ' * npm test        checks it: scenarios/*.yaml in the simulator, then test/*.test.ts',
    ` * npm run flash -- --port ${examplePort(o.board)}   sends it to the board`,
    ' */',
    `import { spawn, sleep, Button, Led } from 'coop';`,
    '',
    ...(pins.sensor ? [`const SENSOR = ${pins.sensor};`] : []),
    `const led = new Led(${pins.led});`,
    `const button = new Button(${pins.button}${pins.buttonBuiltIn ? '' : ", { pull: 'down' }"});`,
    '',
    'spawn(async () => {',
    '  for (;;) {',
    ...read,
    '    led.on();',
    '    await sleep(100);',
    '    led.off();',
    '    await sleep(900);',
    '  }',
    "}, { name: 'sensor' });",
    '',
    'spawn(async () => {',
    '  for (let presses = 1; ; presses++) {',
    '    await button.press();',
    "    print('button: pressed ' + presses + (presses === 1 ? ' time' : ' times'));",
    '  }',
    "}, { name: 'button' });",
    '',
  ].join('\n');
}

function scenario(o: TemplateOptions, pins: AppPins): string {
  const s = sensorText(pins);
  const step = (text: string, comment?: string) => (comment ? `${text.padEnd(62)} # ${comment}` : text);
  return [
    '# What src/main.ts does, step by step, on the simulated board: `npm test` (coop test) runs every',
    '# scenario coop.json lists; `npx coop sim --scenario scenarios/main.scenario.yaml` runs this one and',
    '# prints the console and the pins. The steps are described in Coop\'s docs/simulator.md.',
    `name: ${o.name} reads its sensor, flashes the LED and counts presses`,
    'steps:',
    step(`  - wait-console: { text: "${s.first}", timeout: 100ms }`, pins.sensor ? 'the potentiometer starts half way (diagram.json)' : undefined),
    step(`  - expect-pin: { pin: ${pins.led}, value: 1 }`, 'the LED flashes with each reading'),
    step(`  - wait-pin: { pin: ${pins.led}, value: 0, timeout: 200ms }`, 'for 100 ms'),
    pins.sensor ? step('  - set-voltage: { part: sensor, volts: 3.3 }', 'turned all the way up') : '  - set-temperature: { part: board, celsius: 30 }',
    step(`  - wait-console: { text: "${s.turned}", timeout: 1500ms }`, 'at the next reading'),
    step('  - click: button', 'pressed for 100 ms, then released'),
    '  - wait-console: { text: "button: pressed 1 time", timeout: 500ms }',
    '  - advance: 500ms',
    '  - click: button',
    '  - wait-console: { text: "button: pressed 2 times", timeout: 500ms }',
    '',
  ].join('\n');
}

function vitestSource(o: TemplateOptions, pins: AppPins): string {
  const s = sensorText(pins);
  return [
    "import { describe, expect, it } from 'vitest';",
    "import { simulate } from 'espruino-coop/test';",
    '',
    '// Each test builds src/main.ts as `coop build` does and runs it on a simulated board, on a',
    '// virtual clock: the board and the parts wired to it (diagram.json) come from coop.json.',
    '// Parts are named by their id in diagram.json ("led", "button"' + (pins.sensor ? ', "sensor"' : '') + ') or by pin.',
    "describe('src/main.ts', () => {",
    `  it('reads ${pins.sensor ? 'the sensor' : 'the temperature'} every second and flashes the LED', async () => {`,
    "    const sim = await simulate('src/main.ts');",
    "    sim.advance('5s');",
    "    expect(sim).toHaveBlinked('led', { period: 1000 });",
    ...(pins.sensor ? [`    expect(sim.console).toContainLine('${s.first}');`] : [`    expect(sim.console).toContainLine('temperature: ');`]),
    '  });',
    '',
    ...(pins.sensor
      ? [
          "  it('sees the sensor turned all the way up at the next reading', async () => {",
          "    const sim = await simulate('src/main.ts');",
          "    sim.setVoltage('sensor', 3.3);",
          "    sim.advance('1s');",
          `    expect(sim.console).toContainLine('${s.turned}');`,
          '  });',
        ]
      : [
          "  it('sees the chip warm up at the next reading', async () => {",
          "    const sim = await simulate('src/main.ts');",
          "    sim.setTemperature('board', 30);",
          "    sim.advance('1s');",
          `    expect(sim.console).toContainLine('${s.turned}');`,
          '  });',
        ]),
    '',
    "  it('counts presses of the button', async () => {",
    "    const sim = await simulate('src/main.ts');",
    "    sim.press('button', '100ms'); // pressed for 100 ms, then released",
    "    sim.advance('500ms');",
    "    sim.press('button', '100ms');",
    "    expect(sim.console).toContainLine('button: pressed 2 times');",
    "    expect(sim.console).not.toContainLine('button: pressed 3 times');",
    '  });',
    '});',
    '',
  ].join('\n');
}

function readme(o: TemplateOptions, pins: AppPins): string {
  const port = examplePort(o.board);
  return [
    `# ${o.name}`,
    '',
    `Firmware for ${o.board.name}, written in TypeScript with [Coop](https://www.npmjs.com/package/espruino-coop):`,
    `one task reads ${pins.sensor ? `a sensor on ${pins.sensor}` : "the chip's temperature"} every second and flashes ${pins.led}, another counts presses of ${pins.button}.`,
    '',
    '```sh',
    'npm install',
    `npm run sim                            # run src/main.ts for 10 s on a simulated ${o.board.name}`,
    'npm test                               # the scenarios in scenarios/, then the tests in test/',
    'npm run build                          # the bundle, in out/main.js, and how much of the board it needs',
    `npm run flash -- --port ${port.padEnd(14)} # send it to the board (npx coop ports lists serial ports)`,
    '```',
    '',
    '| file | what it is |',
    '| --- | --- |',
    '| `src/main.ts` | the firmware |',
    `| \`coop.json\` | what \`coop\` builds (\`entry\`), for which board (\`board\`), wired how (\`diagram\`), checked by which \`scenarios\` |`,
    '| `diagram.json` | the parts wired to the simulated board: the LED, the button' + (pins.sensor ? ', a potentiometer' : '') + ' |',
    '| `scenarios/*.yaml` | steps run in the simulator: press the button, expect a line, wait for a pin |',
    '| `test/*.test.ts` | vitest tests driving the simulated board from code (`espruino-coop/test`) |',
    `| \`coop-env.d.ts\` | ${o.board.name}'s pins, Espruino's globals and \`coop\`, for your editor (\`npm run typings\` writes it again) |`,
    '',
    'To use another board, change `board` in coop.json and diagram.json and run `npm run typings`;',
    '`npx coop boards` lists them. `npx coop <command> --help` explains each command.',
    '',
  ].join('\n');
}
