// EspruinoTools is loaded as a library and kept off the network: coop answers its
// board-JSON look-ups from boards/ and refuses every other URL.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureConsole } from '../../cli/espruino/quiet-console.js';
import { loadEspruinoTools, offlineConfig, type LoadedTools } from '../../cli/espruino/tools.js';
import { uploadCode } from '../../cli/espruino/upload-code.js';

let tools: LoadedTools;
let restore: () => void;

beforeAll(async () => {
  restore = captureConsole(() => {});
  tools = await loadEspruinoTools();
});

afterAll(() => restore());

const getURL = (url: string) =>
  new Promise<string | undefined>((resolve) => (tools.Espruino.Core.Utils as unknown as { getURL(u: string, cb: (d?: string) => void): void }).getURL(url, resolve));

describe('EspruinoTools, offline', () => {
  it('runs with the settings that keep it off the network', () => {
    for (const [key, value] of Object.entries(offlineConfig)) expect(tools.Espruino.Config[key], key).toEqual(value);
  });

  it('answers board JSON from coop’s own board definitions', async () => {
    const json = JSON.parse((await getURL(`${tools.Espruino.Config.BOARD_JSON_URL}/PUCKJS.json`))!);
    expect(json.info).toEqual({ name: 'Puck.js', id: 'PUCKJS' });
    expect(json.coop).toMatchObject({ id: 'puckjs', jsVars: 2630, flashBytes: 40960 });
    expect(await getURL(`${tools.Espruino.Config.BOARD_JSON_URL}/MICROBIT2.json`)).toBeUndefined();
  });

  it('fetches nothing from the network, and records what it was asked for', async () => {
    const before = tools.blockedUrls.length;
    expect(await getURL('https://www.espruino.com/json/PUCKJS.json')).toBeUndefined();
    expect(tools.blockedUrls.slice(before)).toEqual(['https://www.espruino.com/json/PUCKJS.json']);
  });

  it('does not look modules up online when the code calls require()', async () => {
    const before = tools.blockedUrls.length;
    const code = 'var s = require("Storage"); var g = require("GPS");';
    expect(await uploadCode(tools.Espruino, code, { ram: true }, '2v29')).toMatch(/^\n*var s = require\("Storage"\); var g = require\("GPS"\);$/);
    expect(tools.blockedUrls.slice(before)).toEqual([]);
  });
});

describe('uploadCode', () => {
  it('a Storage file: Storage.write chunks of the program file, not run yet (the boot code comes after a check)', async () => {
    const code = await uploadCode(tools.Espruino, 'console.log("hi")', { file: 'coop-0123abcd.js' }, '2v29');
    expect(code).toBe('require("Storage").write("coop-0123abcd.js","console.log(\\"hi\\")",0,17);\n');
  });

  it('a preamble goes after the reset, before the program', async () => {
    expect(await uploadCode(tools.Espruino, 'x()', { ram: true }, '2v29', 'E.setPassword("pw");\n')).toBe('E.setPassword("pw");\nx()');
  });

  it('ram: the code as built', async () => {
    expect(await uploadCode(tools.Espruino, 'console.log("hi")', { ram: true }, '1v95')).toBe('console.log("hi")');
  });

  it('refuses to save on firmware without Storage', async () => {
    await expect(uploadCode(tools.Espruino, 'x', { file: 'coop-0123abcd.js' }, '1v95')).rejects.toThrow(
      'saving to Storage needs Espruino 1v96 or newer, but the board runs 1v95; update its firmware, or send to RAM with --save ram');
  });
});
