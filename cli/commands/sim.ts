import { build } from '../../toolchain/build.js';
import { Harness } from '../../sim/harness.js';
import { parseArgs, parseDuration, UsageError } from '../args.js';
import type { Io } from '../io.js';

export const simUsage = 'coop sim <file.ts> [--board B] [--until 10s]';

export async function simCommand(argv: string[], io: Io): Promise<number> {
  const args = parseArgs(argv, { valued: ['board', 'until'] });
  const [entry] = args.positional;
  if (!entry) throw new UsageError(`which file? usage: ${simUsage}`);
  const until = parseDuration((args.options.until as string | undefined) ?? '10s', '--until');
  const { code, board } = await build(entry, { board: args.options.board as string | undefined });
  const stamp = (t: number) => `[${(t / 1000).toFixed(3).padStart(8)}s]`;
  const sim = new Harness({ board: board.id, onConsole: (l) => io.out(`${stamp(l.t)} ${l.text}`) });
  let shown = 0;
  const showPins = () => {
    for (; shown < sim.pinLog.length; shown++) {
      const e = sim.pinLog[shown];
      io.out(`${stamp(e.t)} ${pinLabel(board.leds, board.buttons, e.pin)} → ${e.value}`);
    }
  };
  sim.load(code);
  showPins();
  // Step timer by timer so pin changes print in time order with console lines.
  for (;;) {
    const next = sim.clock.nextDue();
    if (next === undefined || next > until * 1000) break;
    sim.runUntilUs(next);
    showPins();
  }
  sim.runUntil(until);
  io.out(`${stamp(until)} simulation ended (${board.name}, ${sim.pinLog.length} pin changes, ${sim.errors.length} uncaught errors)`);
  return sim.errors.length > 0 ? 1 : 0;
}

function pinLabel(leds: Record<string, string>, buttons: Record<string, string>, pin: string): string {
  const alias = Object.keys(leds).find((k) => leds[k] === pin) ?? Object.keys(buttons).find((k) => buttons[k] === pin);
  return alias ? `${alias} (${pin})` : pin;
}
