/**
 * Writes what a person did to a simulation as a scenario file that replays
 * it exactly. Each input is kept with the virtual time (µs) it happened at;
 * between two inputs the scenario advances by the difference, so the replay
 * applies every input at the same instant, before the events due then run,
 * exactly as the live run did:
 *
 *     live (coop sim --ui):  run to 1.234567s · button pressed · run to 1.5s · released · run to 3s
 *     recorded:              - advance: 1234.567  - press: btn  - advance: 265.433  - release: btn  - advance: 1500
 *
 * Advances count from where the run started (after the bundle's top level
 * ran) and are written in ms as plain numbers (µs resolution: the clock's
 * own), not rounded to "1.2s", which would move the inputs.
 */
import { stringify } from 'yaml';

/** One input as a scenario step (the YAML object, e.g. { press: 'btn' }), at virtual time `us`. */
export interface RecordedInput {
  us: number;
  step: Record<string, unknown>;
}

export class ScenarioRecorder {
  readonly inputs: RecordedInput[] = [];

  /**
   * `startUs`: the virtual time the replay's first step starts at, which is
   * where loading the bundle left the clock (its top level may take board
   * time), not 0.
   */
  constructor(readonly startUs = 0) {}

  /** Note `step` (a scenario step object) as done at virtual time `us`. */
  add(us: number, step: Record<string, unknown>): void {
    const last = this.inputs[this.inputs.length - 1];
    if (last && us < last.us) throw new Error(`recorder: input at ${us} µs is before the previous one at ${last.us} µs`);
    this.inputs.push({ us, step });
  }

  /**
   * The scenario text: the inputs, then an advance to `endUs` so the replay
   * reaches the same end. `diagram` is written as given (make it relative to
   * where the file is saved).
   */
  toYaml(options: { name: string; board?: string; diagram?: string; endUs: number; comment?: string }): string {
    const steps: Record<string, unknown>[] = [];
    let at = this.startUs;
    const advanceTo = (us: number) => {
      if (us > at) steps.push({ advance: (us - at) / 1000 });
      at = Math.max(at, us);
    };
    for (const input of this.inputs) {
      advanceTo(input.us);
      steps.push(input.step);
    }
    advanceTo(options.endUs);
    if (steps.length === 0) steps.push({ advance: 0 });
    const doc: Record<string, unknown> = { name: options.name };
    if (options.board !== undefined) doc.board = options.board;
    if (options.diagram !== undefined) doc.diagram = options.diagram;
    doc.steps = steps;
    const head = options.comment ? options.comment.split('\n').map((l) => `# ${l}`).join('\n') + '\n' : '';
    return head + stringify(doc, { lineWidth: 0 });
  }
}
