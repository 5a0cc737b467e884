import type { Program } from '../programs.js';
import { interop } from './interop.js';

/** Every hand-written program of the differential catalogue, by theme (one file each). */
export const catalogue: Program[] = [...interop];
