import type { Program } from '../programs.js';
import { closures } from './closures.js';
import { control } from './control.js';
import { expressions } from './expressions.js';
import { interop } from './interop.js';
import { regressions } from './regressions.js';
import { tasks } from './tasks.js';

/** Every hand-written program of the differential catalogue, by theme (one file each). */
export const catalogue: Program[] = [...interop, ...closures, ...expressions, ...control, ...tasks, ...regressions];
