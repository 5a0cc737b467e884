// Bench baseline: an empty program, to subtract from the footprint.
setTimeout(() => {
  print('BENCH ' + JSON.stringify({ what: 'footprint', usage: process.memory().usage }));
  print('BENCH-DONE');
}, 100);
