/**
 * The build check of the bundle's syntax level (see language-level.ts): parsed with the
 * TypeScript compiler at ES2020, the level Apps Script's V8 is held to here. Node-side only
 * (tests, tools), never loaded into an execution thread.
 */
import * as ts from 'typescript';

export interface SyntaxProblem {
  line: number;
  column: number;
  message: string;
  text: string;
}

/**
 * Syntax Apps Script's V8 refuses (class fields, documented) or that is newer than the ES2020
 * level the runtime holds the bundle to. Returns one entry per occurrence; empty when the source
 * is plain ES2020.
 */
export function syntaxAboveLevel(source: string, fileName = 'Code.js'): SyntaxProblem[] {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.ES2020, true, ts.ScriptKind.JS);
  const problems: SyntaxProblem[] = [];
  const add = (node: ts.Node, message: string): void => {
    const { line, character } = sf.getLineAndCharacterOfPosition(node.getStart(sf));
    problems.push({ line: line + 1, column: character + 1, message, text: node.getText(sf).slice(0, 80) });
  };
  for (const d of (sf as unknown as { parseDiagnostics: ts.DiagnosticWithLocation[] }).parseDiagnostics) {
    const { line, character } = sf.getLineAndCharacterOfPosition(d.start);
    problems.push({ line: line + 1, column: character + 1, message: ts.flattenDiagnosticMessageText(d.messageText, '\n'), text: source.slice(d.start, d.start + 40) });
  }
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyDeclaration(node)) add(node, 'class field (Apps Script V8 does not parse class fields)');
    else if (ts.isClassStaticBlockDeclaration(node)) add(node, 'class static block (ES2022)');
    else if (ts.isPrivateIdentifier(node)) add(node, 'private name #x (Apps Script V8 does not parse private members)');
    else if (ts.isBinaryExpression(node)) {
      const k = node.operatorToken.kind;
      if (k === ts.SyntaxKind.QuestionQuestionEqualsToken || k === ts.SyntaxKind.BarBarEqualsToken || k === ts.SyntaxKind.AmpersandAmpersandEqualsToken) add(node.operatorToken, 'logical assignment (ES2021)');
    } else if (ts.isNumericLiteral(node) && node.getText(sf).includes('_')) add(node, 'numeric separator (ES2021)');
    else if (ts.isRegularExpressionLiteral(node) && /\/[a-z]*[dv][a-z]*$/.test(node.text)) add(node, 'regular expression flag d or v (ES2022+)');
    else if (ts.isAwaitExpression(node) && !insideFunction(node)) add(node, 'top-level await (ES2022)');
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return problems;
}

function insideFunction(node: ts.Node): boolean {
  for (let p = node.parent; p; p = p.parent) if (ts.isFunctionLike(p)) return true;
  return false;
}
