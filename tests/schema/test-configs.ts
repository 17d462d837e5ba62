// The configs a plugin's tests configure it with, read from the test source without running
// it: object literals made only of JSON values that are the config argument of
// `newTestHost(wasm, {...})` or the value of a `const …Config = {...}`. Used by the round-trip
// test of the ported Higress plugins against their spec.yaml.
import { readFileSync } from "node:fs";
import ts from "typescript";

export interface TestConfig {
  /** `const name` or `line N` */
  label: string;
  value: Record<string, unknown>;
}

type Env = Map<string, unknown>;

/** The JSON value of an expression made of literals and consts of the file, else throws. */
function jsonValue(node: ts.Expression, env: Env): unknown {
  if (ts.isParenthesizedExpression(node)) return jsonValue(node.expression, env);
  if (ts.isAsExpression(node)) return jsonValue(node.expression, env);
  if (ts.isIdentifier(node)) {
    if (!env.has(node.text)) throw new Error("not JSON");
    return structuredClone(env.get(node.text));
  }
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isNumericLiteral(node)) return Number(node.text);
  if (
    ts.isPrefixUnaryExpression(node) &&
    node.operator === ts.SyntaxKind.MinusToken &&
    ts.isNumericLiteral(node.operand)
  ) {
    return -Number(node.operand.text);
  }
  if (node.kind === ts.SyntaxKind.TrueKeyword) return true;
  if (node.kind === ts.SyntaxKind.FalseKeyword) return false;
  if (node.kind === ts.SyntaxKind.NullKeyword) return null;
  if (ts.isArrayLiteralExpression(node)) return node.elements.map((e) => jsonValue(e, env));
  if (ts.isObjectLiteralExpression(node)) {
    const out: Record<string, unknown> = {};
    for (const p of node.properties) {
      if (ts.isSpreadAssignment(p)) {
        Object.assign(out, jsonValue(p.expression, env));
        continue;
      }
      if (ts.isShorthandPropertyAssignment(p)) {
        out[p.name.text] = jsonValue(p.name, env);
        continue;
      }
      if (!ts.isPropertyAssignment(p)) throw new Error("not JSON");
      const key = ts.isIdentifier(p.name) || ts.isStringLiteral(p.name) ? p.name.text : null;
      if (key === null) throw new Error("not JSON");
      out[key] = jsonValue(p.initializer, env);
    }
    return out;
  }
  throw new Error("not JSON");
}

function tryJson(node: ts.Expression, env: Env): Record<string, unknown> | undefined {
  try {
    const v = jsonValue(node, env);
    return typeof v === "object" && v !== null && !Array.isArray(v)
      ? (v as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

/** Every JSON config literal a test file passes to newTestHost or names `…Config`/`…config`. */
export function testConfigs(file: string): TestConfig[] {
  const sf = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const out: TestConfig[] = [];
  // top-level consts with JSON values, for identifiers and spreads (`{ ...redis, timeout: 1 }`)
  const env: Env = new Map();
  for (const st of sf.statements) {
    if (!ts.isVariableStatement(st)) continue;
    for (const d of st.declarationList.declarations) {
      if (!ts.isIdentifier(d.name) || !d.initializer) continue;
      try {
        env.set(d.name.text, jsonValue(d.initializer, env));
      } catch {
        // not a JSON value: not a config
      }
    }
  }
  const visit = (node: ts.Node) => {
    if (
      ts.isVariableDeclaration(node) &&
      ts.isIdentifier(node.name) &&
      /config$/i.test(node.name.text) &&
      node.initializer
    ) {
      const v = tryJson(node.initializer, env);
      if (v) out.push({ label: `const ${node.name.text}`, value: v });
    }
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "newTestHost" &&
      node.arguments.length >= 2
    ) {
      const v = ts.isObjectLiteralExpression(node.arguments[1])
        ? tryJson(node.arguments[1], env)
        : undefined;
      const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
      if (v) out.push({ label: `newTestHost at line ${line}`, value: v });
    }
    ts.forEachChild(node, visit);
  };
  visit(sf);
  return out;
}

const matchKeys = /^_match_\w+_$/;

/**
 * A framework config (global keys + `_rules_`) as the plugin configs it holds, as a WasmPlugin
 * carries them: the global part, then each rule without its `_match_*_` keys.
 */
export function pluginConfigs(
  config: Record<string, unknown>,
): { where: string; config: unknown }[] {
  const { _rules_: rules, ...global } = config;
  const out: { where: string; config: unknown }[] = [{ where: "", config: global }];
  if (Array.isArray(rules)) {
    rules.forEach((rule, i) => {
      const own = Object.fromEntries(
        Object.entries(rule as Record<string, unknown>).filter(([k]) => !matchKeys.test(k)),
      );
      out.push({ where: `_rules_[${i}]`, config: own });
    });
  }
  return out;
}
