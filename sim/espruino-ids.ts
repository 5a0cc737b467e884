/**
 * Ids as Espruino hands them out for timers and watches: items live in an
 * array and a new one gets (last id + 1), or 1 when the array is empty
 * (src/jsvar.c jsvArrayAddToEnd). So ids are reused: clearing a timer that
 * already fired can clear a newer one that got the same id — as on a board.
 */
export class EspruinoIds<T> {
  private readonly items = new Map<number, T>();
  private last = 0;

  add(item: T): number {
    const id = this.items.size === 0 ? 1 : this.last + 1;
    this.items.set(id, item);
    this.last = id;
    return id;
  }

  get(id: number): T | undefined {
    return this.items.get(id);
  }

  delete(id: number): boolean {
    if (!this.items.delete(id)) return false;
    if (id === this.last) {
      let max = 0;
      for (const k of this.items.keys()) if (k > max) max = k;
      this.last = max;
    }
    return true;
  }

  clear(): void {
    this.items.clear();
    this.last = 0;
  }

  get size(): number {
    return this.items.size;
  }

  entries(): IterableIterator<[number, T]> {
    return this.items.entries();
  }

  values(): IterableIterator<T> {
    return this.items.values();
  }
}
