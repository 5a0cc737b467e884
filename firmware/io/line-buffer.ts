/**
 * The bounded receive buffer shared by line readers (Uart, TcpSocket): bytes
 * go in as they arrive; past the limit the oldest lines are dropped whole,
 * and a line longer than the limit is dropped entirely, up to its
 * delimiter, so every line a reader gets is complete and every byte lost is
 * counted (the next read throws saying how many, never silently).
 *
 * One copy for both readers (they had the same 25 lines each): a bundle
 * with one of them is the same size, one with both is smaller.
 */

/** What a line reader keeps; short names, as the board reads them at run time. */
export interface LineBuffer {
  /** The delimiter that ends a line. */
  d: string;
  /** The limit, bytes. */
  m: number;
  /** Received, not yet read. */
  b: string;
  /** Bytes dropped since the reader last heard of it. */
  lost: number;
  /** 1: dropping the rest of a line longer than the limit, up to its delimiter; absent otherwise. */
  sk?: 1;
}

/**
 * `data` arrived for `r`: append it, dropping whole lines from the front while over the
 * limit. Returns false when all of it went to the line being dropped (nothing new to read,
 * so readers are not woken, not even to hear of the loss: that waits for the next line).
 */
export const takeBytes = function (r: LineBuffer, data: string): boolean {
  const d = r.d;
  let b = data;
  if (r.sk !== undefined) {
    const i = b.indexOf(d);
    if (i < 0) {
      r.lost += b.length;
      return false;
    }
    delete r.sk;
    r.lost += i + d.length;
    b = b.slice(i + d.length);
  }
  b = r.b + b;
  while (b.length > r.m) {
    const i = b.indexOf(d);
    if (i < 0) {
      r.lost += b.length;
      b = '';
      r.sk = 1;
    } else {
      r.lost += i + d.length;
      b = b.slice(i + d.length);
    }
  }
  r.b = b;
  return true;
};
