// Bench: what running async functions at all costs to load: Coop's helpers
// and the executor core they need, with one async function that has finished.
async function answer() {
  return 42;
}
answer();

setTimeout(() => {
  print('BENCH ' + JSON.stringify({ what: 'footprint', usage: process.memory().usage }));
  print('BENCH-DONE');
}, 100);
