import ts from 'typescript';
import type { Diagnostic } from './build-error.js';
import { displayPath } from './display-path.js';
import { userSourceFiles } from './user-files.js';

/**
 * `class X extends <built-in>` that cannot mean on Espruino what it means in TypeScript.
 *
 * A subclass instance is made by calling the parent as a function and giving what it returns
 * the subclass's prototype (toolchain/builtin-subclass.ts, `__superCall`). Espruino 2v29 can
 * do that for Error and its kind (and `Object`), but not for the rest: an Array, typed array,
 * Promise, String, Date… keeps its own prototype (`Object.setPrototypeOf` does nothing to it),
 * so the subclass's methods are missing and `instanceof X` is false on the board, silently:
 *
 *     class Stack extends Array<number> { top() { return this[this.length - 1]; } }
 *     new Stack().top   // undefined on Espruino (checked on the 2v29 Linux build)
 *
 * The build refuses them at the class's line, naming the fix (a field holding the built-in).
 */
const REFUSED = new Set([
  'Array', 'ArrayBuffer', 'DataView', 'Int8Array', 'Uint8Array', 'Uint8ClampedArray', 'Int16Array', 'Uint16Array',
  'Int32Array', 'Uint32Array', 'Float32Array', 'Float64Array', 'Promise', 'String', 'Number', 'Boolean', 'Date',
  'RegExp', 'Function',
]);

/** Classes in the user's code in `program` whose parent is a built-in Espruino cannot subclass. */
export function checkBuiltinParents(program: ts.Program): Diagnostic[] {
  const checker = program.getTypeChecker();
  const problems: Diagnostic[] = [];
  for (const { sf, file } of userSourceFiles(program)) {
    const visit = (node: ts.Node) => {
      if ((ts.isClassDeclaration(node) || ts.isClassExpression(node)) && node.heritageClauses) {
        for (const clause of node.heritageClauses) {
          if (clause.token !== ts.SyntaxKind.ExtendsKeyword) continue;
          const parent = clause.types[0]?.expression;
          if (!parent || !ts.isIdentifier(parent) || !REFUSED.has(parent.text)) continue;
          // The global built-in, not a class of the user's that happens to share its name.
          const declarations = checker.getSymbolAtLocation(parent)?.declarations ?? [];
          if (!declarations.every((d) => d.getSourceFile().isDeclarationFile)) continue;
          const name = node.name ? node.name.text : 'a class';
          const { line, character } = sf.getLineAndCharacterOfPosition(parent.getStart(sf));
          problems.push({
            file: displayPath(file), line: line + 1, column: character + 1,
            message: `class ${name} extends ${parent.text}: on Espruino a built-in ${parent.text} cannot become an instance of a subclass ` +
              `(only Error and its kind can), so ${name}'s methods and instanceof ${name} would be missing on the board; ` +
              `hold the ${parent.text} in a field of a plain class instead`,
          });
        }
      }
      ts.forEachChild(node, visit);
    };
    visit(sf);
  }
  return problems;
}
