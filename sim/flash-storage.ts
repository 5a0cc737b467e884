/**
 * The board's Storage area (require('Storage')), in memory, sized like the
 * board's flash for saved code. It survives a simulated reset, as flash does.
 *
 * Space is counted as Espruino's jsflash.c lays files out: a 32-byte header
 * (size + 28-byte name) and the data padded to 4 bytes. Erased files free
 * their space at once (the board frees it when it compacts, which it does by
 * itself when a write would not fit, so the free space a write sees is the
 * same). Unwritten bytes of a file read as "\xFF", as erased flash does.
 */
export const HEADER_BYTES = 32;
export const MAX_NAME = 28;

export interface StoredFile {
  /** Bytes as a binary string (char codes 0..255). */
  data: string;
}

export class StorageFullError extends Error {}
export class StorageError extends Error {}

export class FlashStorage {
  readonly files = new Map<string, StoredFile>();

  constructor(readonly capacity: number) {}

  static cost(size: number): number {
    return HEADER_BYTES + Math.ceil(size / 4) * 4;
  }

  used(): number {
    let n = 0;
    for (const f of this.files.values()) n += FlashStorage.cost(f.data.length);
    return n;
  }

  free(): number {
    return this.capacity - this.used();
  }

  read(name: string, offset = 0, length = 0): string | undefined {
    const f = this.files.get(name);
    if (!f) return undefined;
    const len = f.data.length;
    let o = Math.max(0, offset | 0);
    let l = length | 0;
    if (l <= 0) l = len;
    if (o > len) o = len;
    if (o + l > len) l = len - o;
    return l <= 0 ? '' : f.data.slice(o, o + l);
  }

  /**
   * Write as jsfWriteFile does: offset 0 (re)creates the file, sized `size`
   * or the data's length; a later offset fills in part of an existing file,
   * which must still be erased there.
   */
  write(name: string, data: string, offset = 0, size = 0): void {
    checkName(name);
    if (offset < 0 || size < 0) throw new StorageError(`offset ${offset} and size ${size} must not be negative`);
    let file = this.files.get(name);
    const total = size || data.length;
    if (offset === 0) {
      if (!total) throw new StorageError(`Can't create zero length file '${name}'`);
      if (file && file.data.length === total && file.data === data) return; // same content: nothing to do
      const existing = file ? FlashStorage.cost(file.data.length) : 0;
      const need = FlashStorage.cost(total);
      const free = this.free() + existing;
      if (need > free) {
        throw new StorageFullError(`Unable to find or create file: Storage is full — '${name}' needs ${need} bytes (${total} of data + header and padding) but ${free} of ${this.capacity} bytes are free`);
      }
      file = { data: '\xFF'.repeat(total) };
      this.files.set(name, file);
    } else if (!file) {
      throw new StorageError(`Unable to find or create file: '${name}' does not exist, so it cannot be written at offset ${offset} (write at offset 0 first, with a size)`);
    }
    if (offset + data.length > file.data.length) {
      throw new StorageError(`Too much data for file size: '${name}' is ${file.data.length} bytes; writing ${data.length} at offset ${offset} would end at ${offset + data.length}`);
    }
    const region = file.data.slice(offset, offset + data.length);
    for (let i = 0; i < region.length; i++) {
      if (region.charCodeAt(i) !== 0xff && region[i] !== data[i]) {
        throw new StorageError(`File already written with different data: '${name}' at byte ${offset + i} (flash can only be written once between erases; write at offset 0 to rewrite the file)`);
      }
    }
    file.data = file.data.slice(0, offset) + data + file.data.slice(offset + data.length);
  }

  erase(name: string): void {
    this.files.delete(name);
  }

  list(): string[] {
    return [...this.files.keys()];
  }
}

function checkName(name: string): void {
  if (name.length === 0) throw new StorageError('a Storage file needs a name');
  if (name.length > MAX_NAME) {
    throw new StorageError(`Storage file name '${name}' is ${name.length} characters; the most is ${MAX_NAME} (Espruino would silently cut it to '${name.slice(0, MAX_NAME)}')`);
  }
}
