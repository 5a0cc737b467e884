import { findBoard } from '../boards/index.js';
import { loadDiagram, parseDiagram, type Diagram, type PartSpec } from './diagram.js';
import { formatTime, parseDuration } from './duration.js';
import { Harness, type HarnessOptions } from './harness.js';
import type { MemoryEstimate } from './memory-estimate.js';
import { IO } from './virtual-clock.js';
import type { MqttBroker } from './net/mqtt-broker.js';
import type { Network } from './net/network.js';
import { MqttBrokerPart } from './parts/access-point.js';
import { BleDevice, Button, buildPart, Led, Phone, Sht3x, UartPeer, VoltageSource, type Part } from './parts/index.js';

export interface SimOptions extends HarnessOptions {
  /** The bundle to run (what `coop build` produces). */
  bundle: string;
  /**
   * The path of a diagram JSON file, or a diagram as that file would hold it (checked the same way, so
   * durations may be text such as "200ms").
   */
  diagram?: Diagram | Record<string, unknown> | string;
}

/**
 * A board, its parts and its firmware, on a virtual clock:
 *
 *     const sim = await createSim({ board: 'puckjs', diagram, bundle });
 *     sim.press('btn1');
 *     sim.advance(500);
 *     expect(sim.pin('D5')).toBe(1);
 *
 * The board's own LEDs and buttons are parts too, named as on the board
 * (LED1, BTN1), unless the diagram wires something else to their pins.
 */
export async function createSim(options: SimOptions): Promise<Simulation> {
  const diagram = typeof options.diagram === 'string' ? await loadDiagram(options.diagram) : options.diagram ? parseDiagram(options.diagram) : { parts: [] };
  return new Simulation(options, diagram);
}

export class Simulation {
  readonly harness: Harness;
  readonly parts = new Map<string, Part>();
  /** Ids of the parts that are the board's own LEDs and buttons (not from the diagram). */
  readonly builtInParts = new Set<string>();
  readonly diagram: Diagram;

  constructor(options: SimOptions, diagram: Diagram) {
    let board = options.board;
    if (diagram.board !== undefined) {
      const fromDiagram = findBoard(diagram.board).id;
      if (board !== undefined && findBoard(board).id !== fromDiagram) {
        throw new Error(`the diagram is for ${diagram.board} but the board asked for is ${board}; use the same board for both`);
      }
      board = fromDiagram;
    }
    this.diagram = diagram;
    this.harness = new Harness({ ...options, board });
    const h = this.harness;
    const wired = new Set<string>();
    for (const spec of diagram.parts) {
      let part: Part;
      try {
        part = buildPart(spec, h);
      } catch (e) {
        throw new Error(`diagram: part "${spec.id}" (${spec.type}): ${(e as Error).message}`);
      }
      this.parts.set(spec.id, part);
      for (const p of part.pins) wired.add(p);
    }
    // The board's own LEDs and buttons, where the diagram does not wire its own part.
    const builtIn: PartSpec[] = [
      ...Object.entries(h.board.leds).map(([id, pin]): PartSpec => ({ id, type: 'led', pin })),
      ...Object.entries(h.board.buttons).map(([id, pin]): PartSpec => ({ id, type: 'button', pin })),
    ];
    for (const spec of builtIn) {
      const pin = (spec as { pin: string }).pin;
      if (wired.has(pin) || this.parts.has(spec.id)) continue;
      this.parts.set(spec.id, buildPart(spec, h));
      this.builtInParts.add(spec.id);
    }
    h.load(options.bundle);
  }

  /**
   * The network around the board (ESP32 and Linux): access points, HTTP and
   * TCP handlers, bridges to real servers on 127.0.0.1, and `run()`, which
   * advances virtual time while waiting for real I/O (sim/net/network.ts).
   */
  get net(): Network {
    return this.harness.net;
  }

  /** The MQTT broker part `id`. */
  broker(id: string): MqttBroker {
    return this.part(id, MqttBrokerPart, 'broker').broker;
  }

  /** Virtual time in ms. */
  get now(): number {
    return this.harness.clock.now;
  }

  /** Advance virtual time by `ms` (a number of ms or text such as '500ms', '2s', '24h'). */
  advance(ms: number | string): void {
    this.harness.advance(parseDuration(ms, 'advance'));
  }

  /** Run until virtual time `ms`. */
  runUntil(ms: number | string): void {
    this.harness.runUntil(parseDuration(ms, 'runUntil'));
  }

  /**
   * Run until `done()` holds (checked after every instant something happens)
   * or `timeout` passes; returns whether it held.
   */
  waitFor(done: () => boolean, timeout: number | string): boolean {
    const h = this.harness;
    const deadline = Math.round((h.clock.now + parseDuration(timeout, 'timeout')) * 1000);
    for (;;) {
      if (done()) return true;
      const next = h.clock.nextDue();
      if (next === undefined || next > deadline) {
        h.runUntilUs(deadline);
        return done();
      }
      h.runUntilUs(next);
    }
  }

  /** Level of a pin or alias (D5, LED1). */
  pin(name: string): 0 | 1 {
    return this.harness.pin(name);
  }

  /** PWM duty (0..1) on a pin, or null when it is not doing PWM. */
  duty(name: string): number | null {
    return this.harness.pins.byName(name, 'duty').duty;
  }

  press(id: string): void {
    this.part(id, Button, 'press').press();
  }

  release(id: string): void {
    this.part(id, Button, 'release').release();
  }

  /** Press, and release `hold` later (default 100 ms); time must be advanced for the release. */
  click(id: string, hold: number | string = 100): void {
    this.part(id, Button, 'click').click(parseDuration(hold, 'click hold'));
  }

  /** Is the LED part lit? (Its brightness, 0..1, with `led(id).brightness()`.) */
  led(id: string): boolean {
    return this.part(id, Led, 'led').isOn();
  }

  /** Put `volts` on a potentiometer / voltage-source part, or on a pin directly. */
  setVoltage(idOrPin: string, volts: number): void {
    const part = this.parts.get(idOrPin);
    if (part instanceof VoltageSource) return part.setVolts(volts);
    if (part) throw new Error(`set-voltage: "${idOrPin}" is a ${part.type}, not a potentiometer or voltage-source`);
    const pin = this.harness.pins.byName(idOrPin, 'set-voltage');
    const source = new VoltageSource({ id: `voltage on ${pin.name}`, type: 'voltage-source', pin: pin.name, volts }, this.harness);
    this.parts.set(idOrPin, source);
  }

  setTemperature(id: string, celsius: number): void {
    if (id === 'board' || id === 'die') {
      this.harness.dieTemperature = celsius;
      return;
    }
    this.part(id, Sht3x, 'set-temperature').setTemperature(celsius);
  }

  setHumidity(id: string, percent: number): void {
    this.part(id, Sht3x, 'set-humidity').setHumidity(percent);
  }

  /** A uart-peer part sends `text` to the board. */
  uartSend(id: string, text: string): void {
    this.part(id, UartPeer, 'uart-send').send(text);
  }

  /** What the board sent to a uart-peer part. */
  uartReceived(id: string): string {
    return this.part(id, UartPeer, 'uart').received;
  }

  /** A phone part: it scans, connects, reads, writes and subscribes, taking the radio's time (sim/parts/phone.ts). */
  phone(id: string): Phone {
    return this.part(id, Phone, 'phone');
  }

  /** A ble-device part: what the board wrote to it (sim/parts/ble-device.ts). */
  bleDevice(id: string): BleDevice {
    return this.part(id, BleDevice, 'ble-device');
  }

  /** Type on the board's console (USB, Bluetooth or Serial1): its 'data' listeners get `text`. */
  writeConsole(text: string): void {
    const h = this.harness;
    const port = h.serial.console;
    const before = port.buffer.length;
    h.clock.at(h.clock.us, IO, () => port.receive(text));
    h.runUntilUs(h.clock.us);
    if (port.buffer.length > before) {
      h.warn(`console input ${JSON.stringify(text)} has no ${port.name}.on('data', …) listener to go to (on a board, Espruino's REPL would read it)`);
    }
  }

  /** Console lines printed so far. */
  output(): string[] {
    return this.harness.output();
  }

  /** The memory estimate (what process.memory() returns). */
  memory(): MemoryEstimate {
    return this.harness.memory.estimate();
  }

  /** The highest memory estimate sampled while the firmware ran (code saved to flash), and when (virtual ms); 0 unless made with trackMemory. */
  peakMemory(): { usage: number; at: number } {
    return { usage: this.harness.memory.peak, at: this.harness.memory.peakAt };
  }

  /** Uncaught errors so far. */
  get errors(): unknown[] {
    return this.harness.errors;
  }

  /** A part by id, checked to be of `kind`. */
  part<T extends Part>(id: string, kind: abstract new (...args: never[]) => T, action: string): T {
    const part = this.parts.get(id);
    if (!part) {
      const ids = [...this.parts.keys()];
      throw new Error(`${action}: no part "${id}" at ${formatTime(this.now)}; parts are ${ids.length ? ids.join(', ') : '(none)'}`);
    }
    if (!(part instanceof kind)) throw new Error(`${action}: part "${id}" is a ${part.type}, which cannot ${action}`);
    return part;
  }
}
