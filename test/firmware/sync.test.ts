import { describe, expect, it } from 'vitest';
import { runOnSimulatedBoard } from '../support/device.js';

describe('Channel', () => {
  it('applies backpressure: send waits while the channel is full', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Channel } from 'coop';
      const ch = new Channel<number>(2);
      spawn(async () => {
        for (let i = 1; i <= 5; i++) { await ch.send(i); print('sent ' + i + ' at ' + getTime()); }
      }, { name: 'producer' });
      spawn(async () => {
        await sleep(100);
        for (let i = 0; i < 5; i++) { print('recv ' + (await ch.recv()) + ' at ' + getTime()); await sleep(100); }
      }, { name: 'consumer' });
    `);
    board.advance(1000);
    expect(board.output()).toEqual([
      'sent 1 at 0', 'sent 2 at 0',
      'recv 1 at 0.1', 'sent 3 at 0.1',
      'recv 2 at 0.2', 'sent 4 at 0.2',
      'recv 3 at 0.3', 'sent 5 at 0.3',
      'recv 4 at 0.4', 'recv 5 at 0.5',
    ]);
  });

  it('trySend/tryRecv never wait', async () => {
    const board = await runOnSimulatedBoard(`
      import { Channel } from 'coop';
      const ch = new Channel<string>(1);
      print([ch.trySend('a'), ch.trySend('b'), ch.tryRecv(), ch.tryRecv(), ch.length].join());
    `);
    expect(board.output()).toEqual(['true,false,a,,0']);
  });

  it('receivers cancelled while waiting leave no waiter behind', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Channel, type Task } from 'coop';
      const ch = new Channel<number>(1);
      (globalThis as any).ch = ch;
      const waiting: Task<void>[] = [];
      for (let i = 0; i < 100; i++) waiting.push(spawn(async () => { await ch.recv(); print('wrong receiver'); }, { name: 'r' + i }));
      spawn(async () => {
        await sleep(10);
        for (const t of waiting) t.cancel();
        spawn(async () => print('right receiver got ' + (await ch.recv())), { name: 'live' });
        await sleep(10);
        ch.trySend(42);
      }, { name: 'main' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['right receiver got 42']);
    expect((board.realm.context as any).ch.rq.length).toBe(0);
  });

  it('rejects a capacity that makes no sense', async () => {
    const board = await runOnSimulatedBoard(`
      import { Channel } from 'coop';
      try { new Channel(0); } catch (e) { print((e as Error).message); }
    `);
    expect(board.output()).toEqual(['new Channel(capacity): capacity must be a whole number >= 1, got 0']);
  });
});

describe('Signal, Event, Mutex, Semaphore', () => {
  it('Signal keeps only the latest value', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Signal } from 'coop';
      const temp = new Signal<number>();
      temp.signal(20); temp.signal(21); temp.signal(22);
      spawn(async () => { print('latest ' + (await temp.wait())); print('next ' + (await temp.wait())); }, { name: 't' });
      spawn(async () => { await sleep(50); temp.signal(23); }, { name: 's' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['latest 22', 'next 23']);
  });

  it('Event wakes every waiter and stays set', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Event } from 'coop';
      const ready = new Event();
      for (const n of ['a', 'b']) spawn(async () => { await ready.wait(); print(n + ' at ' + getTime()); }, { name: n });
      spawn(async () => { await sleep(30); ready.set(); await sleep(10); await ready.wait(); print('already set: ' + ready.isSet); }, { name: 's' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['a at 0.03', 'b at 0.03', 'already set: true']);
  });

  it('Mutex: one holder at a time, first come first served, released on cancellation', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Mutex } from 'coop';
      const bus = new Mutex();
      for (const n of ['a', 'b', 'c']) {
        spawn(async () => bus.withLock(async () => { print(n + ' in at ' + getTime()); await sleep(10); print(n + ' out'); }), { name: n });
      }
      const d = spawn(async () => { await sleep(5); await bus.withLock(async () => { print('d in'); await sleep(100); }); }, { name: 'd' });
      spawn(async () => { await sleep(35); d.cancel(); await sleep(1); print('locked after cancel: ' + bus.locked); }, { name: 'ui' });
    `);
    board.advance(500);
    expect(board.output()).toEqual([
      'a in at 0', 'a out', 'b in at 0.01', 'b out', 'c in at 0.02', 'c out', 'd in', 'locked after cancel: false',
    ]);
  });

  it('Semaphore limits how many run at once', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Semaphore } from 'coop';
      const slots = new Semaphore(2);
      let inside = 0, most = 0;
      for (let i = 0; i < 6; i++) spawn(async () => slots.with(async () => { inside++; most = Math.max(most, inside); await sleep(10); inside--; }), { name: 'w' + i });
      spawn(async () => { await sleep(100); print('most at once ' + most + ', free ' + slots.available); }, { name: 'check' });
    `);
    board.advance(200);
    expect(board.output()).toEqual(['most at once 2, free 2']);
  });

  it('waiters cancelled on an Event, a Signal or a Semaphore leave no waiter behind', async () => {
    const board = await runOnSimulatedBoard(`
      import { spawn, sleep, Event, Signal, Semaphore, type Task } from 'coop';
      const ev = new Event();
      const sig = new Signal<number>();
      const sem = new Semaphore(0);
      Object.assign(globalThis as any, { ev, sig, sem });
      const waiting: Task<void>[] = [];
      for (let i = 0; i < 50; i++) {
        waiting.push(spawn(async () => { await ev.wait(); }, { name: 'e' + i }));
        waiting.push(spawn(async () => { await sig.wait(); }, { name: 's' + i }));
        waiting.push(spawn(async () => { await sem.acquire(); }, { name: 'm' + i }));
      }
      spawn(async () => {
        await sleep(10);
        for (const t of waiting) t.cancel();
        await sleep(10);
        sem.release();
        print('permits back: ' + sem.available + ', tasks done: ' + waiting.filter((t) => t.done).length);
      }, { name: 'main' });
    `);
    board.advance(100);
    expect(board.output()).toEqual(['permits back: 1, tasks done: 150']);
    const ctx = board.realm.context as any;
    expect([ctx.ev.ws.length, ctx.sig.ws.length, ctx.sem.ws.length]).toEqual([0, 0, 0]);
  });
});

