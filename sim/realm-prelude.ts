/**
 * ES5 source that runs first in every simulated board's realm, shaping it
 * like Espruino's interpreter where a bundle could tell the difference:
 *
 * - Promise is Espruino's (src/jswrap_promise.c, 2v29), not V8's: resolve()
 *   and reactions are queued as *events* that run after all the timers due
 *   at an instant, an already-settled promise's reaction loses its kind
 *   (`Promise.resolve(1).catch(f)` rejects — as on the board), a rejection
 *   with no handler is reported at once as "Unhandled promise rejection", and
 *   there is no finally/race/allSettled/any. It also means no V8 microtask is
 *   ever queued, so the host calls into the realm directly, which is what
 *   makes the simulator fast.
 * - `obj.on/emit/removeListener/removeAllListeners` exist on every object and
 *   `emit` queues its listeners as events, as Espruino does.
 * - Pins are objects of class Pin (Espruino's are numbers that print as
 *   "D5"; the methods are the same).
 * - Date and Math.random are deterministic: time is the virtual clock, the
 *   time zone is UTC, and random numbers come from a seeded generator.
 *
 * The function takes the host's callbacks and returns what the host needs.
 */
export const REALM_PRELUDE = String.raw`(function (host) {
  var global = this;
  var ObjectDefineProperty = Object.defineProperty;
  function hide(obj, name, value) {
    ObjectDefineProperty(obj, name, { value: value, writable: true, configurable: true, enumerable: false });
  }

  // ---- Espruino's event queue (jsiQueueEvents / jsiExecuteEvents) ----------
  var events = [];
  var head = 0;
  function queueEvent(fn, self, args) { events.push(fn, self, args); }
  function runEvents() {
    while (head < events.length) {
      var fn = events[head], self = events[head + 1], args = events[head + 2];
      events[head] = events[head + 1] = events[head + 2] = undefined;
      head += 3;
      try { fn.apply(self, args); } catch (e) { host.uncaught(e); }
    }
    events.length = 0;
    head = 0;
  }

  // ---- Promise, as src/jswrap_promise.c ------------------------------------
  var THN = '\xFFthn', CAT = '\xFFcat', VAL = '\xFFval', RES = '\xFFres', NUM = '\xFFn';
  function Promise(executor) {
    if (!executor) throw new Error('Function required in promise constructor');
    this.state = 0;
    var box = { prom: this };
    var resolve = function (v) { queueEvent(settleEvent, box, [v, true]); };
    var reject = function (v) { queueEvent(settleEvent, box, [v, false]); };
    try { executor.call(this, resolve, reject); } catch (e) { queueEvent(settleEvent, box, [e, false]); }
  }
  function pending() {
    var p = Object.create(Promise.prototype);
    p.state = 0;
    return p;
  }
  function isObject(v) { return v !== null && typeof v === 'object' && !(v instanceof Array); }
  function settleEvent(data, resolving) { settle(this, data, resolving); }
  function settle(box, data, resolving) {
    if (box.resl) return;
    box.resl = true;
    var promise = box.prom;
    if (!promise) return;
    if (data === promise) { host.uncaught(new Error('Illegal resolving to self')); return; }
    promise[VAL] = data;
    if (!resolving || !isObject(data)) { seal(promise, data, resolving); return; }
    // Espruino adopts a Promise, or a thenable whose own property (not an inherited one) is 'then'.
    var then = Object.prototype.hasOwnProperty.call(data, 'then') ? data.then : undefined;
    var isProm = data instanceof Promise;
    if (typeof then !== 'function' && !isProm) { seal(promise, data, resolving); return; }
    var box2 = { prom: promise, resl: false };
    var res = function (v) { settle(box2, v, true); };
    var rej = function (v) { settle(box2, v, false); };
    if (typeof then !== 'function') then = Promise.prototype.then;
    try { then.call(data, res, rej); } catch (e) { settle(box2, e, false); }
  }
  function seal(promise, data, resolving) {
    promise.state = resolving ? 2 : 1;
    var reactions = promise[resolving ? THN : CAT];
    if (!reactions) {
      if (!resolving) host.uncaught(new Error('Unhandled promise rejection: ' + host.text(data)));
      return;
    }
    for (var i = 0; i < reactions.length; i++) queueEvent(reactionCall, promise, [reactions[i], data, resolving]);
  }
  function reactionCall(reaction, data, isThen) {
    var next = reaction.next;
    var nextProm = next && next.prom;
    if (!nextProm) return;
    var threw = false, ret;
    var cb = reaction.cb;
    if (cb) {
      try { ret = cb.call(this, data); } catch (e) { threw = true; ret = e; }
    } else {
      if (!isThen) threw = true; // Espruino 2v29: a pass-through of a settled promise always rejects
      ret = data;
    }
    settle(next, ret, !threw);
  }
  function addReaction(promise, box, cb, name) {
    var reaction = { next: box };
    if (cb) reaction.cb = cb;
    var list = promise[name];
    if (list) list.push(reaction); else promise[name] = [reaction];
  }
  Promise.prototype.then = function (onFulfilled, onRejected) {
    var next = pending();
    var box = { prom: next };
    if (typeof onFulfilled !== 'function') onFulfilled = 0;
    if (typeof onRejected !== 'function') onRejected = 0;
    if (this.state === 0) {
      addReaction(this, box, onFulfilled, THN);
      addReaction(this, box, onRejected, CAT);
    } else {
      var reaction = { next: box };
      var cb = this.state === 2 ? onFulfilled : onRejected;
      if (cb) reaction.cb = cb;
      queueEvent(reactionCall, this, [reaction, this[VAL], false]);
    }
    return next;
  };
  Promise.prototype['catch'] = function (onRejected) { return this.then(0, onRejected); };
  Promise.resolve = function (data) {
    if (data instanceof Promise) return data;
    if (isObject(data) && Object.prototype.hasOwnProperty.call(data, 'then') && typeof data.then === 'function') return new Promise(data.then);
    var p = pending();
    queueEvent(settleEvent, { prom: p }, [data, true]);
    return p;
  };
  Promise.reject = function (data) {
    var p = pending();
    queueEvent(settleEvent, { prom: p }, [data, false]);
    return p;
  };
  Promise.all = function (arr) {
    if (arr === null || (typeof arr !== 'object' && typeof arr !== 'string')) {
      throw new TypeError('Expecting something iterable, got ' + host.typeName(arr));
    }
    var promise = pending();
    var box = { prom: promise };
    var results = [];
    var index = 0, complete = 0;
    var reject = function (data) {
      if (promise[RES]) { delete promise[RES]; queueEvent(settleEvent, box, [data, false]); }
    };
    var add = function (p, i) {
      if (p instanceof Promise) {
        p.then(function (data) {
          var res = promise[RES];
          if (!res) return;
          res[i] = data;
          if (--promise[NUM] === 0) queueEvent(settleEvent, box, [res, true]);
        }, reject);
      } else {
        results[i] = p;
        complete++;
      }
    };
    if (arr instanceof Array) { for (var i = 0; i < arr.length; i++) add(arr[i], index++); }
    else { for (var k in arr) add(arr[k], index++); }
    if (complete === index) return Promise.resolve(results);
    promise[NUM] = index - complete;
    promise[RES] = results;
    return promise;
  };
  hide(global, 'Promise', Promise);

  // ---- JSON.stringify escapes as Espruino's %Q does (src/jsutils.c escapeCharacter): every
  // character from 127 up as \\uHHHH, and hex digits in capitals: '\xFF' is "\\u00FF".
  var stringify = JSON.stringify;
  hide(JSON, 'stringify', function (value, replacer, space) {
    var s = stringify.apply(JSON, arguments);
    if (typeof s !== 'string') return s;
    return s.replace(/\\(u[0-9a-fA-F]{4}|[^u])|[\u007f-\uffff]/g, function (m, esc) {
      if (esc !== undefined) return esc.charAt(0) === 'u' ? '\\u' + esc.slice(1).toUpperCase() : m;
      return '\\u' + ('000' + m.charCodeAt(0).toString(16).toUpperCase()).slice(-4);
    });
  });

  // ---- Events on every object (Object.prototype.on/emit, src/jswrap_object.c)
  var EV = '#on';
  // A listener given as a string is code Espruino runs in the global scope when the event comes.
  function listenerOf(listener) {
    if (typeof listener === 'string') return function () { (0, eval)(listener); };
    if (typeof listener !== 'function') throw new Error('Expecting a function as the second argument');
    return listener;
  }
  function addListener(obj, event, listener, first) {
    var name = EV + event, cur = obj[name];
    if (cur === undefined) hide(obj, name, listener);
    else if (cur instanceof Array) { if (first) cur.unshift(listener); else cur.push(listener); }
    else obj[name] = first ? [listener, cur] : [cur, listener];
    host.listenerAdded(obj, String(event));
    return obj;
  }
  hide(Object.prototype, 'on', function (event, listener) { return addListener(this, event, listenerOf(listener), false); });
  hide(Object.prototype, 'addListener', Object.prototype.on);
  hide(Object.prototype, 'prependListener', function (event, listener) { return addListener(this, event, listenerOf(listener), true); });
  hide(Object.prototype, 'emit', function (event) {
    var args = Array.prototype.slice.call(arguments, 1);
    var cur = this[EV + event];
    if (cur === undefined) return;
    if (cur instanceof Array) { for (var i = 0; i < cur.length; i++) queueEvent(cur[i], this, args); }
    else queueEvent(cur, this, args);
  });
  hide(Object.prototype, 'removeListener', function (event, listener) {
    var name = EV + event, cur = this[name];
    if (cur === listener) delete this[name];
    else if (cur instanceof Array) {
      var i = cur.indexOf(listener);
      if (i >= 0) cur.splice(i, 1);
      if (cur.length === 0) delete this[name];
    }
  });
  hide(Object.prototype, 'removeAllListeners', function (event) {
    if (event !== undefined) { delete this[EV + event]; return; }
    var names = Object.getOwnPropertyNames(this);
    for (var i = 0; i < names.length; i++) if (names[i].indexOf(EV) === 0) delete this[names[i]];
  });
  // Call the listeners of an event now (for data arriving from hardware).
  function callListeners(obj, event, args) {
    var cur = obj[EV + event];
    if (cur === undefined) return false;
    if (cur instanceof Array) { for (var i = 0; i < cur.length; i++) cur[i].apply(obj, args); }
    else cur.apply(obj, args);
    return true;
  }

  // ---- Pins -----------------------------------------------------------------
  var pins = {};
  function Pin(value) {
    // new Pin() with no argument is an empty object of class Pin on Espruino; Pin() is undefined.
    if (arguments.length === 0) return this instanceof Pin ? this : undefined;
    var p = host.pinFromValue(value);
    return p;
  }
  // A Pin made by new Pin() names no pin: Espruino finds none of a pin's methods on it.
  function pinOf(p, method) {
    if (p.__name === undefined) throw new Error('Function "' + method + '" not found!');
    return p;
  }
  Pin.prototype.read = function () { return !!host.pinRead(pinOf(this, 'read'), 'Pin.read'); };
  Pin.prototype.write = function (v) { host.pinWrite(pinOf(this, 'write'), v, 'Pin.write'); };
  Pin.prototype.set = function () { host.pinWrite(pinOf(this, 'set'), 1, 'Pin.set'); };
  Pin.prototype.reset = function () { host.pinWrite(pinOf(this, 'reset'), 0, 'Pin.reset'); };
  Pin.prototype.toggle = function () { return host.pinToggle(pinOf(this, 'toggle')); };
  Pin.prototype.mode = function (mode) { host.pinMode(pinOf(this, 'mode'), mode, 'Pin.mode'); };
  Pin.prototype.getMode = function () { return host.getPinMode(pinOf(this, 'getMode')); };
  Pin.prototype.analog = function () { return host.analogRead(pinOf(this, 'analog')); };
  Pin.prototype.getInfo = function () { return host.pinInfo(pinOf(this, 'getInfo')); };
  Pin.prototype.toString = function () { return this.__name !== undefined ? this.__name : Object.prototype.toString.call(this); };
  Pin.prototype.toJSON = function () { return this.__name; };
  function makePin(name) {
    var p = Object.create(Pin.prototype);
    hide(p, '__name', name);
    pins[name] = p;
    return p;
  }
  hide(global, 'Pin', Pin);

  // ---- InternalError (Espruino has it; V8 does not) -------------------------
  function InternalError(message) {
    if (!(this instanceof InternalError)) return new InternalError(message);
    this.message = message === undefined ? '' : String(message);
  }
  InternalError.prototype = Object.create(Error.prototype);
  InternalError.prototype.name = 'InternalError';
  InternalError.prototype.constructor = InternalError;
  hide(global, 'InternalError', InternalError);

  // ---- Deterministic time and randomness ------------------------------------
  var RealDate = Date;
  function SimDate(a, b, c, d, e, f, g) {
    var n = arguments.length;
    var date = n === 0 ? new RealDate(host.dateNow())
      : n === 1 ? new RealDate(typeof a === 'string' && /^\d{4}-\d\d-\d\dT[\d:.]+$/.test(a) ? a + 'Z' : a)
      : new RealDate(RealDate.UTC(a, b, c === undefined ? 1 : c, d || 0, e || 0, f || 0, g || 0));
    if (!(this instanceof SimDate)) return date.toString();
    return date;
  }
  SimDate.prototype = RealDate.prototype;
  SimDate.now = function () { return host.dateNow(); };
  SimDate.parse = RealDate.parse;
  SimDate.UTC = RealDate.UTC;
  var dp = RealDate.prototype;
  // Espruino's time zone is UTC unless E.setTimeZone is called.
  var utc = ['FullYear', 'Month', 'Date', 'Day', 'Hours', 'Minutes', 'Seconds', 'Milliseconds'];
  for (var i = 0; i < utc.length; i++) {
    hide(dp, 'get' + utc[i], dp['getUTC' + utc[i]]);
    if (utc[i] !== 'Day') hide(dp, 'set' + utc[i], dp['setUTC' + utc[i]]);
  }
  hide(dp, 'getTimezoneOffset', function () { return 0; });
  var DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  var MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  function two(n) { return n < 10 ? '0' + n : '' + n; }
  hide(dp, 'toString', function () {
    return DAYS[this.getUTCDay()] + ' ' + MONTHS[this.getUTCMonth()] + ' ' + this.getUTCDate() + ' ' + this.getUTCFullYear() + ' ' +
      two(this.getUTCHours()) + ':' + two(this.getUTCMinutes()) + ':' + two(this.getUTCSeconds()) + ' GMT+0000';
  });
  hide(global, 'Date', SimDate);
  hide(Math, 'random', function () { return host.random(); });

  return {
    runEvents: runEvents,
    hasEvents: function () { return events.length > head; },
    queueEvent: queueEvent,
    callListeners: callListeners,
    makePin: makePin,
    pins: pins,
    Pin: Pin,
    Promise: Promise,
    Error: Error,
    TypeError: TypeError,
    InternalError: InternalError,
    Uint8Array: Uint8Array,
    ArrayBuffer: ArrayBuffer,
    events: events,
    listenerName: function (event) { return EV + event; }
  };
})`;

/**
 * What Espruino 2v29 lacks that V8 has, found by asking the Linux build
 * (`typeof X` for each name). They are removed after the prelude runs, so a
 * bundle that uses one fails in the simulator as it would on the board.
 */
export const ABSENT_MEMBERS: Record<string, string[]> = {
  Array: ['from', 'of'],
  'Array.prototype': ['flat', 'flatMap', 'copyWithin', 'entries', 'keys', 'values'],
  'String.prototype': ['trimStart', 'trimEnd', 'at', 'normalize', 'codePointAt', 'localeCompare', 'matchAll'],
  Number: ['isInteger', 'isFinite', 'isNaN', 'isSafeInteger', 'EPSILON', 'MAX_SAFE_INTEGER', 'MIN_SAFE_INTEGER'],
  Math: ['clz32', 'trunc', 'log2', 'log10', 'hypot', 'cbrt', 'fround', 'imul', 'expm1'],
  Object: ['freeze', 'isFrozen', 'seal', 'is'],
  'Object.prototype': ['isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString'],
  'Date.prototype': ['toLocaleString'],
};
