import { describe, expect, it } from 'vitest';
import { boards, defaultBoardId, findBoard } from '../../boards/index.js';
import type { BoardDefinition, PinCapability } from '../../boards/board-definition.js';

const ALL_CAPS: PinCapability[] = ['digital', 'analog', 'dac', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch'];
const ids = Object.keys(boards);

function caps(board: BoardDefinition, pin: string): PinCapability[] {
  const def = board.pins[pin];
  if (!def) throw new Error(`${board.id} has no pin ${pin}`);
  return def.caps;
}

describe('every board definition', () => {
  it('has the seven boards', () => {
    expect(ids.sort()).toEqual(['banglejs2', 'esp32', 'linux', 'mdbt42q', 'pico', 'pixljs', 'puckjs']);
  });

  describe.each(ids)('%s', (id) => {
    const board = boards[id];

    it('is keyed by its own id and names its Espruino source', () => {
      expect(board.id).toBe(id);
      expect(board.name.length).toBeGreaterThan(0);
      expect(board.chip.length).toBeGreaterThan(0);
      expect(board.espruinoBoard).toMatch(/^[A-Z0-9_]+$/);
      expect(board.source).toContain(`boards/${board.espruinoBoard}.py`);
      expect(board.source).toMatch(/commit [0-9a-f]{40}/);
    });

    it('has positive integer jsVars and flashBytes', () => {
      expect(Number.isInteger(board.jsVars) && board.jsVars > 0).toBe(true);
      expect(Number.isInteger(board.flashBytes) && board.flashBytes > 0).toBe(true);
    });

    it('keys each pin by its name, with known capabilities, no duplicates', () => {
      expect(Object.keys(board.pins).length).toBeGreaterThan(0);
      for (const [key, pin] of Object.entries(board.pins)) {
        expect(pin.name).toBe(key);
        expect(key).toMatch(/^[A-Z][0-9]+$/);
        for (const cap of pin.caps) expect(ALL_CAPS).toContain(cap);
        expect(new Set(pin.caps).size).toBe(pin.caps.length);
        // A pin that can do anything at all can be read digitally.
        if (pin.caps.length > 0) expect(pin.caps).toContain('digital');
        // Output-only capabilities imply the pin is an output.
        if (pin.caps.includes('pwm') || pin.caps.includes('dac')) expect(pin.caps).toContain('digital');
        if (pin.caps.length === 0) expect(pin.note, `${id} ${key} has no caps, so needs a note`).toBeTruthy();
      }
    });

    it('points every LED and button at a usable pin it defines', () => {
      for (const [alias, pin] of Object.entries({ ...board.leds, ...board.buttons })) {
        expect(board.pins[pin], `${id} ${alias} → ${pin}`).toBeDefined();
        expect(caps(board, pin)).toContain('digital');
        // Aliases must not shadow a pin name.
        expect(board.pins[alias]).toBeUndefined();
      }
      for (const alias of Object.keys(board.leds)) expect(alias).toMatch(/^LED\d$/);
      for (const alias of Object.keys(board.buttons)) expect(alias).toMatch(/^BTN\d$/);
    });
  });
});

describe('facts read from Espruino board files', () => {
  it('Puck.js (PUCKJS.py)', () => {
    const b = boards.puckjs;
    expect(b).toMatchObject({ espruinoBoard: 'PUCKJS', chip: 'nRF52832', jsVars: 2630, flashBytes: 10 * 4096 });
    expect(b.leds).toEqual({ LED1: 'D5', LED2: 'D4', LED3: 'D3' });
    expect(b.buttons).toEqual({ BTN1: 'D0' });
    expect(Object.keys(b.pins)).toEqual(Array.from({ length: 32 }, (_, i) => 'D' + i));
    // get_pins() gives ADC1_IN0..7 to D2-D5 and D28-D31 (so LED1, D5, is an analog input too).
    const analog = Object.keys(b.pins).filter((p) => caps(b, p).includes('analog'));
    expect(analog).toEqual(['D2', 'D3', 'D4', 'D5', 'D28', 'D29', 'D30', 'D31']);
    expect(caps(b, 'D0')).not.toContain('analog');
    expect(caps(b, 'D1')).toEqual(['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch']);
    for (const pin of Object.values(b.pins)) expect(pin.caps).not.toContain('dac');
    expect(b.pins.D9.note).toMatch(/NFC/);
  });

  it('MDBT42Q (MDBT42Q.py)', () => {
    const b = boards.mdbt42q;
    expect(b).toMatchObject({ espruinoBoard: 'MDBT42Q', chip: 'nRF52832', jsVars: 2950, flashBytes: 10 * 4096 });
    expect(b.leds).toEqual({ LED1: 'D1', LED2: 'D2' });
    expect(b.buttons).toEqual({ BTN1: 'D0' });
    expect(caps(b, 'D2')).toContain('analog');
    expect(caps(b, 'D6')).toContain('uart');
    expect(caps(b, 'D6')).not.toContain('analog');
  });

  it('Pixl.js (PIXLJS.py)', () => {
    const b = boards.pixljs;
    expect(b).toMatchObject({ espruinoBoard: 'PIXLJS', chip: 'nRF52832', jsVars: 2950, flashBytes: 9 * 4096 });
    expect(b.leds).toEqual({ LED1: 'H0' });
    expect(b.buttons).toEqual({ BTN1: 'H1', BTN2: 'H2', BTN3: 'H3', BTN4: 'H4' });
    expect(Object.keys(b.pins)).toHaveLength(14 + 6 + 10);
    for (const p of ['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'D3', 'D4']) expect(caps(b, p)).toContain('analog');
    for (const p of ['D0', 'D13', 'H5']) expect(caps(b, p)).not.toContain('analog');
    expect(b.pins.D14).toBeUndefined();
  });

  it('Bangle.js 2 (BANGLEJS2.py)', () => {
    const b = boards.banglejs2;
    expect(b).toMatchObject({ espruinoBoard: 'BANGLEJS2', chip: 'nRF52840', jsVars: 12000, flashBytes: 2048 * 4096 });
    // LED1 (D8) is 'novariable' in the board file: Bangle.js 2's LED1/LED2 are fake, on-screen.
    expect(b.leds).toEqual({});
    expect(b.buttons).toEqual({ BTN1: 'D17' });
    expect(Object.keys(b.pins)).toHaveLength(48);
    expect(caps(b, 'D3')).toContain('analog');
    expect(caps(b, 'D17')).not.toContain('analog');
    expect(b.pins.D47).toBeDefined();
    expect(b.pins.D48).toBeUndefined();
  });

  it('ESP32 (ESP32.py, targets/esp32/jshardware.c)', () => {
    const b = boards.esp32;
    expect(b).toMatchObject({ espruinoBoard: 'ESP32', chip: 'ESP32', jsVars: 16383, flashBytes: 224 * 4096 });
    expect(b.leds).toEqual({ LED1: 'D2' });
    expect(b.buttons).toEqual({ BTN1: 'D0' });
    // ADC only on ADC1: D32-D39. ADC2 pins (e.g. D4, D12-D15, D25-D27) have none.
    const analog = Object.keys(b.pins).filter((p) => caps(b, p).includes('analog'));
    expect(analog).toEqual(['D32', 'D33', 'D34', 'D35', 'D36', 'D37', 'D38', 'D39']);
    // D34-D39 are input only: no output, no pull resistors.
    for (const p of ['D34', 'D35', 'D36', 'D39']) {
      expect(caps(b, p)).toContain('analog');
      expect(caps(b, p)).toContain('digital');
      expect(caps(b, p)).toContain('watch');
      for (const c of ['pwm', 'dac', 'i2c', 'pullup', 'pulldown'] as const) expect(caps(b, p)).not.toContain(c);
    }
    // D25/D26 are the DAC: analogWrite there is a voltage, not PWM.
    expect(caps(b, 'D25')).toContain('dac');
    expect(caps(b, 'D25')).not.toContain('pwm');
    expect(caps(b, 'D26')).toContain('dac');
    expect(caps(b, 'D27')).toContain('pwm');
    // SPI flash pins and pins the chip lacks can do nothing; jshCanWatch refuses D6-D12.
    for (const p of ['D6', 'D11', 'D20', 'D24', 'D28', 'D31']) expect(caps(b, p)).toEqual([]);
    expect(caps(b, 'D12')).not.toContain('watch');
    expect(caps(b, 'D13')).toContain('watch');
    expect(caps(b, 'D2')).toEqual(['digital', 'pwm', 'i2c', 'spi', 'uart', 'pullup', 'pulldown', 'watch']);
  });

  it('Espruino Pico (PICO_R1_3.py, stm32f401.csv, stm32f401_af.csv)', () => {
    const b = boards.pico;
    expect(b).toMatchObject({ espruinoBoard: 'PICO_R1_3', chip: 'STM32F401CDU6', jsVars: 5100, flashBytes: 3 * 16384 });
    expect(b.leds).toEqual({ LED1: 'B2', LED2: 'B12' });
    expect(b.buttons).toEqual({ BTN1: 'C13' });
    const analog = Object.keys(b.pins).filter((p) => caps(b, p).includes('analog'));
    expect(analog).toEqual(['A0', 'A1', 'A2', 'A3', 'A4', 'A5', 'A6', 'A7', 'B0', 'B1']);
    expect(caps(b, 'A5')).toEqual(['digital', 'analog', 'pwm', 'spi', 'pullup', 'pulldown', 'watch']);
    // A4 has only TIM-less functions (SPI NSS, USART CK): no hardware PWM.
    expect(caps(b, 'A4')).not.toContain('pwm');
    // B6/B7: I2C1 and USART1 (the console serial).
    expect(caps(b, 'B6')).toEqual(expect.arrayContaining(['i2c', 'uart', 'pwm']));
    expect(caps(b, 'B2')).not.toContain('pwm');
    // UQFN48 has no B11; no DAC on the F401.
    expect(b.pins.B11).toBeUndefined();
    for (const pin of Object.values(b.pins)) expect(pin.caps).not.toContain('dac');
  });

  it('Linux (LINUX.py)', () => {
    const b = boards.linux;
    expect(b).toMatchObject({ espruinoBoard: 'LINUX', jsVars: 4096, flashBytes: 256 * 1024 });
    expect(Object.keys(b.pins)).toEqual(Array.from({ length: 33 }, (_, i) => 'D' + i));
    expect(b.leds).toEqual({});
    expect(b.buttons).toEqual({});
    for (const pin of Object.values(b.pins)) {
      expect(pin.caps).toEqual(expect.arrayContaining(['digital', 'pwm', 'watch']));
      expect(pin.caps).not.toContain('analog');
    }
  });
});

describe('findBoard', () => {
  it('finds each board by id', () => {
    for (const id of ids) expect(findBoard(id)).toBe(boards[id]);
  });

  it("accepts Espruino's board names and human names, in any case", () => {
    expect(findBoard('PUCKJS')).toBe(boards.puckjs);
    expect(findBoard('Puck.js')).toBe(boards.puckjs);
    expect(findBoard('puck.js')).toBe(boards.puckjs);
    expect(findBoard('PuckJS')).toBe(boards.puckjs);
    expect(findBoard('PICO_R1_3')).toBe(boards.pico);
    expect(findBoard('Espruino Pico')).toBe(boards.pico);
    expect(findBoard('Bangle.js 2')).toBe(boards.banglejs2);
    expect(findBoard('BANGLEJS2')).toBe(boards.banglejs2);
    expect(findBoard('Pixl.js')).toBe(boards.pixljs);
    expect(findBoard('ESP32')).toBe(boards.esp32);
    expect(findBoard('mdbt42q')).toBe(boards.mdbt42q);
    expect(findBoard('LINUX')).toBe(boards.linux);
  });

  it('gives every spelling to one board only', () => {
    const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
    const owner = new Map<string, string>();
    for (const b of Object.values(boards)) {
      for (const n of [b.id, b.espruinoBoard, b.name]) {
        const prev = owner.get(norm(n));
        expect(prev === undefined || prev === b.id, `${n} is claimed by ${prev} and ${b.id}`).toBe(true);
        owner.set(norm(n), b.id);
      }
    }
  });

  it('names an unknown id and lists the valid ones', () => {
    expect(() => findBoard('arduino')).toThrow(/arduino/);
    try {
      findBoard('arduino');
      expect.unreachable();
    } catch (e) {
      const msg = (e as Error).message;
      expect(e).toBeInstanceOf(Error);
      for (const id of ids) expect(msg).toContain(id);
    }
  });

  it('does not mistake Object.prototype names or empty input for boards', () => {
    expect(() => findBoard('constructor')).toThrow(/constructor/);
    expect(() => findBoard('toString')).toThrow(/Valid boards/);
    expect(() => findBoard('')).toThrow(/Valid boards/);
  });

  it('defaults to Puck.js', () => {
    expect(defaultBoardId).toBe('puckjs');
    expect(findBoard(defaultBoardId).name).toBe('Puck.js');
  });
});
