/**
 * The Coop board simulator, for tests and tools:
 *
 *     import { createSim, loadScenario, runScenario, toVcd } from '../sim/index.js';
 *     const sim = await createSim({ board: 'puckjs', diagram: 'examples/blink.diagram.json', bundle });
 *     sim.press('btn1');
 *     sim.advance(500);
 *     expect(sim.pin('D5')).toBe(1);
 *     const result = await runScenario(sim, await loadScenario('examples/blink.scenario.yaml'));
 *     writeFileSync('out.vcd', toVcd(sim));
 */
import { Harness } from './harness.js';
import { Simulation } from './simulation.js';
import { toTimeline as timelineOf, type TimelineOptions } from './timeline.js';
import { toVcd as vcdOf, type TraceSource, type VcdOptions } from './vcd.js';

export { createSim, Simulation, type SimOptions } from './simulation.js';
export { Harness, type HarnessOptions, type PinEvent, type AnalogEvent, type SimNote, type ConsoleLine } from './harness.js';
export { loadDiagram, parseDiagram, PART_TYPES, type Diagram, type PartSpec } from './diagram.js';
export { loadScenario, parseScenario, STEP_KINDS, type Scenario, type ScenarioStep, type Step } from './scenario.js';
export { runScenario, type ScenarioResult, type StepFailure, type RunScenarioOptions } from './run-scenario.js';
export { parseDuration, formatTime } from './duration.js';
export { stamp, type TimelineOptions } from './timeline.js';
export type { VcdOptions } from './vcd.js';
export type { MemoryEstimate } from './memory-estimate.js';
export * from './parts/index.js';
export { Network, parseHostPort, type HttpHandler, type HttpReply, type HttpRequestIn, type TcpHandler, type TcpPeer } from './net/network.js';
export { MqttBroker, type BrokerMessage } from './net/mqtt-broker.js';
export { ScenarioRecorder, type RecordedInput } from './scenario-recorder.js';
export { tasksOf, type TaskRow } from './task-list.js';

type Traceable = Simulation | Harness | TraceSource;

function traceOf(x: Traceable) {
  const h = x instanceof Simulation ? x.harness : x instanceof Harness ? x : null;
  if (!h) return x as TraceSource & { console?: never; notes?: never };
  return { board: h.board, pinLog: h.pinLog, analogLog: h.analogLog, console: h.console, notes: h.notes, now: h.clock.now, events: h.ble.log };
}

/** The pin trace as VCD text (GTKWave, PulseView). For a Simulation, pins wired to the diagram's parts are always included. */
export function toVcd(source: Traceable, options: VcdOptions = {}): string {
  const extra = source instanceof Simulation ? [...source.parts.values()].filter((p) => !source.builtInParts.has(p.id)).flatMap((p) => p.pins) : [];
  return vcdOf(traceOf(source), { ...options, extra: [...(options.extra ?? []), ...extra] });
}

/** A short text timeline of what happened, then a summary per pin. */
export function toTimeline(source: Simulation | Harness, options: TimelineOptions = {}): string {
  const t = traceOf(source) as ReturnType<typeof traceOf> & { console: Harness['console']; notes: Harness['notes'] };
  return timelineOf(t, options);
}
