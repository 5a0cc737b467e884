import type { BoardServices } from '../host.js';
import { FlashStorage, StorageError, StorageFullError } from '../flash-storage.js';

/** What require('Storage') uses of the board: its flash and the realm's values. */
export type StorageHost = Pick<BoardServices, 'board' | 'bytesOf' | 'chip' | 'describe' | 'isBytes' | 'newObject' | 'raise' | 'realm' | 'storage' | 'text' | 'toRealm' | 'toRealmArray' | 'typeName' | 'unsupported'>;

/**
 * require('Storage') as src/jswrap_storage.c: read, readJSON,
 * readArrayBuffer, write, writeJSON, erase, eraseAll, list, getFree,
 * getStats, compact, and open() for StorageFiles (chunks named name+"\x01"…,
 * each a fixed-size file filled as data is appended).
 */
export function storageModule(h: StorageHost): Record<string, unknown> {
  const flash = h.storage;
  const o = h.newObject();
  const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
  const guard = <T>(api: string, fn: () => T): T => {
    try {
      return fn();
    } catch (e) {
      if (e instanceof StorageFullError || e instanceof StorageError) h.raise('Error', `Storage.${api}: ${e.message}`);
      throw e;
    }
  };
  const nameOf = (v: unknown, api: string): string => {
    if (typeof v !== 'string') h.raise('Error', `Storage.${api}: the file name must be a string, got ${h.typeName(v)}`);
    return v;
  };
  const chunk = chunkSize(h);

  method('read', (name: unknown, offset?: unknown, length?: unknown) => flash.read(nameOf(name, 'read'), Number(offset) || 0, Number(length) || 0));
  method('readJSON', (name: unknown, noExceptions?: unknown) => {
    const text = flash.read(nameOf(name, 'readJSON'));
    if (text === undefined) return undefined;
    try {
      return (h.realm.global.JSON as JSON).parse(text);
    } catch (e) {
      if (noExceptions) return undefined;
      throw e;
    }
  });
  method('readArrayBuffer', (name: unknown) => {
    const text = flash.read(nameOf(name, 'readArrayBuffer'));
    if (text === undefined) return undefined;
    const bytes = new h.realm.api.Uint8Array(text.length);
    for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i) & 255;
    return bytes.buffer;
  });
  method('write', (name: unknown, data: unknown, offset?: unknown, size?: unknown) => {
    const n = nameOf(name, 'write');
    let text: string;
    let off = Number(offset) || 0;
    let sz = Number(size) || 0;
    if (data !== null && typeof data === 'object' && !h.isBytes(data)) {
      text = (h.realm.global.JSON as JSON).stringify(data);
      off = 0;
      sz = 0;
    } else {
      text = h.bytesOf(data, 'Storage.write');
    }
    guard('write', () => flash.write(n, text, off, sz));
    return true;
  });
  method('writeJSON', (name: unknown, data: unknown) => {
    const n = nameOf(name, 'writeJSON');
    guard('writeJSON', () => flash.write(n, (h.realm.global.JSON as JSON).stringify(data)));
    return true;
  });
  method('erase', (name: unknown) => flash.erase(nameOf(name, 'erase')));
  method('eraseAll', () => flash.files.clear());
  method('list', (pattern?: unknown, filter?: unknown) => {
    // No filter, or one without `sf`: every file, StorageFile chunks ("log\x01") included, as Espruino lists them.
    const sf = filter !== null && typeof filter === 'object' ? (filter as Record<string, unknown>).sf : undefined;
    let names = flash.list();
    if (sf === true) names = [...new Set(names.filter((n) => /[\x01-\xFE]$/.test(n) && isChunk(n)).map((n) => n.slice(0, -1)))];
    else if (sf === false) names = names.filter((n) => !isChunk(n));
    if (pattern !== undefined) {
      const test = (n: string) => (typeof pattern === 'string' ? n.includes(pattern) : (pattern as RegExp).test(n));
      names = names.filter(test);
    }
    return h.toRealmArray(names);
  });
  method('getFree', () => flash.free());
  method('getStats', () => h.toRealm({
    fileBytes: flash.used(), fileCount: flash.files.size, trashBytes: 0, trashCount: 0,
    totalBytes: flash.capacity, freeBytes: flash.free(),
  }));
  method('compact', () => undefined);
  method('debug', () => h.unsupported('Storage.debug'));
  method('hash', () => h.unsupported('Storage.hash'));
  method('optimise', () => undefined);
  method('open', (name: unknown, mode: unknown) => storageFile(h, flash, nameOf(name, 'open'), mode, chunk, guard));
  return o;

  function isChunk(n: string): boolean {
    const c = n.charCodeAt(n.length - 1);
    return c >= 1 && c <= 254 && flash.files.get(n)?.data.length === chunk;
  }
}

/** Chunk size of a StorageFile: src/jswrap_storage.c STORAGEFILE_CHUNKSIZE. */
function chunkSize(h: StorageHost): number {
  if (h.chip.family === 'linux') return 1024 - 32;
  return h.board.flashBytes >= 1_000_000 && h.chip.family !== 'esp32' ? 4096 * 10 - 32 : 4096 - 32;
}

function storageFile(
  h: StorageHost, flash: FlashStorage, name: string, modeValue: unknown, chunk: number,
  guard: <T>(api: string, fn: () => T) => T,
): Record<string, unknown> {
  const mode = String(modeValue);
  if (!['r', 'w', 'a'].includes(mode)) h.raise('Error', `Storage.open: Invalid mode ${h.describe(modeValue)}; use 'r', 'w' or 'a'`);
  if (name.length > 27) h.raise('Error', `Storage.open: StorageFile name '${name}' is ${name.length} characters; the most is 27`);
  const chunkName = (i: number) => name + String.fromCharCode(i);
  const used = (i: number) => {
    const d = flash.read(chunkName(i));
    if (d === undefined) return -1;
    const end = d.indexOf('\xFF');
    return end < 0 ? d.length : end;
  };
  const eraseAll = () => {
    for (let i = 1; i < 255; i++) flash.erase(chunkName(i));
  };
  if (mode === 'w') eraseAll();
  // Read position.
  let rChunk = 1;
  let rOffset = 0;
  const o = h.newObject();
  const method = (n: string, fn: (...a: unknown[]) => unknown) => Object.defineProperty(o, n, { value: fn, writable: true, configurable: true, enumerable: false });
  const readBytes = (len: number): string => {
    let out = '';
    while (out.length < len) {
      const n = used(rChunk);
      if (n < 0) break;
      if (rOffset >= n) {
        if (n < chunk) break;
        rChunk++;
        rOffset = 0;
        continue;
      }
      const take = Math.min(len - out.length, n - rOffset);
      out += flash.read(chunkName(rChunk), rOffset, take) ?? '';
      rOffset += take;
    }
    return out;
  };
  method('read', (len: unknown) => {
    if (mode !== 'r') h.raise('Error', "StorageFile.read: Can't read in this mode (open it with 'r')");
    const s = readBytes(Math.max(1, Number(len) || 0));
    return s.length ? s : undefined;
  });
  method('readLine', () => {
    if (mode !== 'r') h.raise('Error', "StorageFile.readLine: Can't read in this mode (open it with 'r')");
    let line = '';
    for (;;) {
      const c = readBytes(1);
      if (!c) break;
      line += c;
      if (c === '\n') break;
    }
    return line.length ? line : undefined;
  });
  method('getLength', () => {
    let total = 0;
    for (let i = 1; i < 255; i++) {
      const n = used(i);
      if (n < 0) break;
      total += n;
    }
    return total;
  });
  method('write', (data: unknown) => {
    if (mode !== 'w' && mode !== 'a') h.raise('Error', "StorageFile.write: Can't write in this mode (open it with 'w' or 'a')");
    let text = h.text(data);
    if (text.includes('\xFF')) h.raise('Error', 'StorageFile.write: data must not contain "\\xFF" (it marks the end of a StorageFile)');
    let i = 1;
    while (used(i) >= chunk) i++;
    while (text.length > 0) {
      if (i > 254) h.raise('Error', `StorageFile.write: File too big! ('${name}' has used all 254 chunks)`);
      let n = used(i);
      if (n < 0) {
        guard('open/write', () => flash.write(chunkName(i), text.slice(0, chunk), 0, chunk));
        n = Math.min(chunk, text.length);
      } else {
        const piece = text.slice(0, chunk - n);
        guard('open/write', () => flash.write(chunkName(i), piece, n));
        n = piece.length;
      }
      text = text.slice(n);
      i++;
    }
  });
  method('erase', () => eraseAll());
  return o;
}
