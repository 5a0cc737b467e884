import { formatTime } from './duration.js';
import type { Scenario, ScenarioStep } from './scenario.js';
import type { Simulation } from './simulation.js';
import { matches, type BrokerMessage } from './net/mqtt-broker.js';

export interface StepFailure {
  /** 1-based step number. */
  number: number;
  /** The step as written. */
  step: string;
  expected: string;
  seen: string;
  /** Virtual time (ms) when it failed. */
  t: number;
}

export interface ScenarioResult {
  ok: boolean;
  name: string;
  /** Steps that passed. */
  passed: number;
  failure?: StepFailure;
  /** One paragraph for people: what passed, or which step failed and why. */
  message: string;
}

export interface RunScenarioOptions {
  /** Called before each step. */
  onStep?: (step: ScenarioStep, t: number) => void;
  /**
   * Called before the simulation moves to virtual time `t` (ms); what it
   * returns is awaited. `coop sim --realtime` uses it to pace virtual time to
   * the wall clock.
   */
  pace?: (t: number) => Promise<void> | void;
}

class Failed extends Error {
  constructor(readonly expected: string, readonly seen: string) {
    super(expected);
  }
}

/**
 * Run `scenario`'s steps on `sim`, in order. Console checks move through the
 * output: a wait-console or expect-console that matches a line moves past it,
 * so the next one looks only at later lines. The first failing step stops the
 * run; its message names the step, what was expected, what was seen and the
 * virtual time.
 */
export async function runScenario(sim: Simulation, scenario: Scenario, options: RunScenarioOptions = {}): Promise<ScenarioResult> {
  let cursor = 0;
  const mqttCursor = new Map<string, number>();
  let passed = 0;
  /** Per phone: notifications already matched by an expect-notify (the next one looks after them). */
  const notifyCursor = new Map<string, number>();
  const h = sim.harness;
  const lines = () => h.console;

  const findLine = (s: { text?: string; match?: RegExp }): number => {
    const all = lines();
    for (let i = cursor; i < all.length; i++) {
      const text = all[i].text;
      if (s.match ? s.match.test(text) : text.includes(s.text!)) return i;
    }
    return -1;
  };
  const want = (s: { text?: string; match?: RegExp }) => (s.match ? `a console line matching /${s.match.source}/` : `a console line containing ${JSON.stringify(s.text)}`);
  const recent = (from: number): string => {
    const all = lines().slice(from);
    if (all.length === 0) return from === 0 ? 'no console output at all' : 'no console output since the previous console step';
    const tail = all.slice(-5).map((l) => `  [${formatTime(l.t)}] ${l.text}`);
    return `${all.length} line${all.length === 1 ? '' : 's'} since then${all.length > 5 ? ', the last 5' : ''}:\n${tail.join('\n')}`;
  };
  /** Advance to `deadline` (ms) or until `done`, pacing if asked. */
  const waitUntil = async (done: () => boolean, deadlineMs: number): Promise<boolean> => {
    if (!options.pace) return sim.waitFor(done, Math.max(0, deadlineMs - sim.now));
    const deadline = Math.round(deadlineMs * 1000);
    for (;;) {
      if (done()) return true;
      const next = h.clock.nextDue();
      const target = next === undefined || next > deadline ? deadline : next;
      await options.pace(target / 1000);
      h.runUntilUs(target);
      if (target === deadline) return done();
    }
  };

  for (const s of scenario.steps) {
    options.onStep?.(s, sim.now);
    const step = s.step;
    try {
      switch (step.kind) {
        case 'wait-console': {
          let found = -1;
          const from = cursor;
          const ok = await waitUntil(() => (found = findLine(step)) >= 0, sim.now + step.timeout);
          if (!ok) throw new Failed(`${want(step)} within ${formatTime(step.timeout)}`, recent(from));
          cursor = found + 1;
          break;
        }
        case 'expect-console': {
          const found = findLine(step);
          if (found < 0) throw new Failed(`${want(step)} by now`, recent(cursor));
          cursor = found + 1;
          break;
        }
        case 'write-console':
          sim.writeConsole(step.text);
          break;
        case 'press':
          sim.press(step.part);
          break;
        case 'release':
          sim.release(step.part);
          break;
        case 'click':
          sim.click(step.part, step.hold);
          break;
        case 'set-voltage':
          sim.setVoltage(step.target, step.volts);
          break;
        case 'set-temperature':
          sim.setTemperature(step.part, step.celsius);
          break;
        case 'set-humidity':
          sim.setHumidity(step.part, step.percent);
          break;
        case 'uart-send':
          sim.uartSend(step.part, step.text);
          break;
        case 'expect-uart': {
          const got = sim.uartReceived(step.part);
          const ok = step.match ? step.match.test(got) : got.includes(step.text!);
          if (!ok) throw new Failed(`${step.part} to have received ${step.match ? `text matching /${step.match.source}/` : JSON.stringify(step.text)}`, got ? `it received ${JSON.stringify(got.length > 300 ? '…' + got.slice(-300) : got)}` : 'it received nothing');
          break;
        }
        case 'expect-pin': {
          const v = sim.pin(step.pin);
          if (v !== step.value) throw new Failed(`${step.pin} to be ${step.value}`, `${step.pin} is ${v}${lastChange(sim, step.pin)}`);
          break;
        }
        case 'wait-pin': {
          const ok = await waitUntil(() => sim.pin(step.pin) === step.value, sim.now + step.timeout);
          if (!ok) throw new Failed(`${step.pin} to become ${step.value} within ${formatTime(step.timeout)}`, `${step.pin} stayed ${sim.pin(step.pin)}${lastChange(sim, step.pin)}`);
          break;
        }
        case 'advance':
          if (options.pace) await waitUntil(() => false, sim.now + step.ms);
          else sim.advance(step.ms);
          break;
        case 'reset':
          h.reboot();
          break;
        case 'expect-advert':
          sim.phone(step.part).waitForAdvert(step.match, step.timeout);
          break;
        case 'ble-connect':
          sim.phone(step.part).connect(step.timeout);
          break;
        case 'ble-disconnect':
          sim.phone(step.part).disconnect();
          break;
        case 'ble-write':
          sim.phone(step.part).write(step.service, step.characteristic, step.data);
          break;
        case 'ble-read': {
          const got = sim.phone(step.part).read(step.service, step.characteristic);
          const want = step.expect === undefined ? undefined : typeof step.expect === 'string' ? [...Buffer.from(step.expect, 'latin1')] : step.expect;
          if (want && (got.length !== want.length || got.some((b, i) => b !== want[i]))) throw new Failed(`${step.service}/${step.characteristic} to read [${want.join(',')}]`, `it read [${got.join(',')}]`);
          break;
        }
        case 'ble-subscribe':
          sim.phone(step.part).subscribe(step.service, step.characteristic);
          break;
        case 'expect-notify': {
          const phone = sim.phone(step.part);
          const from = notifyCursor.get(step.part) ?? 0;
          const i = phone.waitForNotify(step.service, step.characteristic, step.data, step.timeout, from);
          notifyCursor.set(step.part, i + 1);
          break;
        }
        case 'wait-mqtt': {
          // Like wait-console: a match moves past the message, so the next wait-mqtt looks at later ones.
          const broker = sim.broker(step.part);
          const from = mqttCursor.get(step.part) ?? 0;
          let found = -1;
          const hit = () => (found = broker.messages.findIndex((m, i) => i >= from && mqttMatches(step, m))) >= 0;
          if (!(await waitUntil(hit, sim.now + step.timeout))) throw new Failed(`${mqttWant(step)} within ${formatTime(step.timeout)}`, mqttSeen(broker.messages.slice(from)));
          mqttCursor.set(step.part, found + 1);
          break;
        }
        case 'expect-mqtt': {
          const all = sim.broker(step.part).messages;
          const n = all.filter((m) => mqttMatches(step, m)).length;
          if (step.count !== undefined ? n !== step.count : n === 0) throw new Failed(`${step.count !== undefined ? step.count + ' of ' : ''}${mqttWant(step)} by now`, `${n} such; ${mqttSeen(all)}`);
          break;
        }
        case 'wifi-down':
        case 'wifi-up':
          sim.net.setAccessPoint(step.part, step.kind === 'wifi-up');
          break;
      }
    } catch (e) {
      const failure: StepFailure = e instanceof Failed
        ? { number: s.number, step: s.source, expected: e.expected, seen: e.seen, t: sim.now }
        : { number: s.number, step: s.source, expected: 'the step to run', seen: `error: ${(e as Error).message ?? String(e)}`, t: sim.now };
      return { ok: false, name: scenario.name, passed, failure, message: failureMessage(scenario, failure) };
    }
    passed++;
  }
  return { ok: true, name: scenario.name, passed, message: `scenario "${scenario.name}" passed: ${passed} step${passed === 1 ? '' : 's'} in ${formatTime(sim.now)} of virtual time` };
}

export function failureMessage(scenario: Scenario, f: StepFailure): string {
  return [
    `scenario "${scenario.name}" failed at step ${f.number} of ${scenario.steps.length} (${f.step}) at ${formatTime(f.t)} virtual time`,
    `  expected: ${f.expected}`,
    `  seen:     ${f.seen.split('\n').join('\n            ')}`,
  ].join('\n');
}

function lastChange(sim: Simulation, pin: string): string {
  const name = sim.harness.pins.byName(pin, 'pin').name;
  const log = sim.harness.pinLog;
  for (let i = log.length - 1; i >= 0; i--) if (log[i].pin === name) return ` (last changed at ${formatTime(log[i].t)})`;
  return ' (it never changed)';
}

type MqttStep = { topic: string; text?: string; match?: RegExp };
/** Is `m` on the step's topic (a filter: + and # work) with a payload it matches? */
function mqttMatches(step: MqttStep, m: BrokerMessage): boolean {
  return matches(step.topic, m.topic) && (step.match ? step.match.test(m.payload) : step.text === undefined || m.payload.includes(step.text));
}
function mqttWant(step: MqttStep): string {
  return `a message on ${step.topic}${step.match ? ` matching /${step.match.source}/` : step.text !== undefined ? ` containing ${JSON.stringify(step.text)}` : ''}`;
}
function mqttSeen(ms: BrokerMessage[]): string {
  if (ms.length === 0) return 'the broker received no messages';
  return `the broker received ${ms.length}${ms.length > 5 ? ', the last 5' : ''}:\n${ms.slice(-5).map((m) => `  [${formatTime(m.t)}] ${m.topic} ${m.payload}`).join('\n')}`;
}
