import { describe, expect, it } from 'vitest';
import { findBoard } from '../../boards/index.js';
import { CliError } from '../../cli/cli-error.js';
import { boardForConnected, checkFits, checkSameBoard } from '../../cli/espruino/board-check.js';
import { consoleLines, errorLines } from '../../cli/espruino/console-lines.js';
import { progressBar } from '../../cli/io.js';
import { formatTable } from '../../cli/table.js';

describe('consoleLines', () => {
  it('keeps what the program printed and drops prompts, escape codes and the banner', () => {
    // As the Linux build of Espruino sent it after reset() and an upload.
    const raw = '>\r\n>\r\n ____                 _ \r\n|  __|___ ___ ___ _ _|_|___ ___ \r\n|  __|_ -| . |  _| | | |   | . |\r\n' +
      '|____|___|  _|_| |___|_|_|_|___|\r\n         |_| espruino.com\r\n 2v29.277 (c) 2026 G.Williams\r\n\r\n' +
      'Espruino is Open Source. Our work is supported\r\nonly by sales of official boards and donations:\r\nhttp://espruino.com/Donate\r\n\r\n' +
      '>\r\ntick 1\r\n>\r\x1b[Jtick 2\r\n>\r\x1b[Jtick 3\r\n>';
    expect(consoleLines(raw)).toEqual(['tick 1', 'tick 2', 'tick 3']);
  });

  it('picks out the lines where Espruino reports an error', () => {
    const lines = consoleLines('tick 1\r\nUncaught Error: boom\r\n at line 1 col 5\r\n>\r\x1b[JERROR: Out of Memory!\r\n' +
      ">\r\x1b[Jcoop: task 'reader' failed: Error: Can't read property 'reading' of undefined\r\n");
    expect(errorLines(lines)).toEqual(['Uncaught Error: boom', 'ERROR: Out of Memory!', "coop: task 'reader' failed: Error: Can't read property 'reading' of undefined"]);
  });
});

describe('board checks', () => {
  const puck = findBoard('puckjs');
  const linux = findBoard('linux');

  it('accepts a bundle built for the board that answered', () => {
    expect(() => checkSameBoard(linux, 'LINUX', 'tcp://127.0.0.1:2323')).not.toThrow();
  });

  it('refuses a bundle built for another board, naming both and the fix', () => {
    expect(() => checkSameBoard(puck, 'LINUX', 'tcp://127.0.0.1:2323')).toThrow(new CliError(
      'wrong board: the bundle was built for Puck.js (PUCKJS) but the board on tcp://127.0.0.1:2323 is Linux (LINUX; coop board "linux"); ' +
      'build for it with --board linux, or connect a Puck.js'));
    expect(() => checkSameBoard(puck, 'MICROBIT2', '/dev/ttyACM0')).toThrow('the board on /dev/ttyACM0 is MICROBIT2, which coop has no board definition for');
  });

  it('maps Espruino board names to coop boards', () => {
    expect(boardForConnected('PUCKJS', 'p').id).toBe('puckjs');
    expect(boardForConnected('PICO_R1_3', 'p').id).toBe('pico');
    expect(() => boardForConnected('MICROBIT2', '/dev/ttyACM0')).toThrow(/BOARD=MICROBIT2, which coop has no definition for; coop knows .*puckjs \(PUCKJS\)/);
  });

  it('refuses a bundle the board has not the JsVars to load', () => {
    const bundle = { jsVarsEstimate: 2000 };
    expect(() => checkFits(bundle, 2630, 'Puck.js')).not.toThrow();
    expect(() => checkFits(bundle, 1500, 'Puck.js'))
      .toThrow('too big for the board: the bundle needs about 2000 JsVars to load but the Puck.js has 1500 (process.memory().total)');
  });
});

describe('output helpers', () => {
  it('draws a progress bar', () => {
    expect(progressBar(0, 100, 10)).toBe('[----------]   0%');
    expect(progressBar(45, 100, 10)).toBe('[####------]  45%');
    expect(progressBar(100, 100, 10)).toBe('[##########] 100%');
  });

  it('lines up a table, numbers to the right', () => {
    expect(formatTable(['id', 'JsVars'], [['puckjs', '2630'], ['esp32', '16383']], [1])).toEqual([
      'id      JsVars',
      '------  ------',
      'puckjs    2630',
      'esp32    16383',
    ]);
  });
});

describe('sinceReset', () => {
  it('keeps only what was printed after the last banner', async () => {
    const { sinceReset } = await import('../../cli/espruino/console-lines.js');
    expect(sinceReset('tick 31\r\ntick 32\r\n ____\r\nhttp://espruino.com/Donate\r\n\r\n>ram 1\r\n')).toBe('\r\n>ram 1\r\n');
    expect(sinceReset('ram 1\r\n')).toBe('ram 1\r\n');
  });
});
