/**
 * Coop's build API, what `import … from 'espruino-coop'` gives a Node.js
 * program (the firmware API is `coop`, see firmware/index.ts):
 *
 *     import { build } from 'espruino-coop';
 *     const { code, bytes } = await build('src/main.ts', { board: 'puckjs' });
 *
 * The simulator is `espruino-coop/sim`.
 */
export { build, type BuildOptions, type BuildResult } from './build.js';
export { BuildError, formatDiagnostic, type Diagnostic } from './build-error.js';
export { boardTypings, editorTypings } from './board-typings.js';
export { boards, defaultBoardId, findBoard, type BoardDefinition, type PinCapability, type PinDefinition } from '../boards/index.js';
