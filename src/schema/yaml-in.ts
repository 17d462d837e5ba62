import { parse } from "yaml";

/**
 * Parses one YAML (or JSON) document. Duplicate keys are an error here (Go's yaml.v3 refuses
 * them too, and a repeated `required:` silently drops the first one). `what` names the file in
 * the message.
 */
export function parseYamlText(text: string, what: string): unknown {
  try {
    return parse(text, { uniqueKeys: true, prettyErrors: true });
  } catch (e) {
    throw new Error(`${what}: not valid YAML: ${(e as Error).message.split("\n")[0]}`);
  }
}
