/**
 * Coop's public API, as firmware imports it: `import { spawn, sleep } from 'coop'`.
 */
export { sleep, spawn } from './time.js';
