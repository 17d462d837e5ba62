import { parseArgs, type ParseArgsConfig } from "node:util";

type Options = NonNullable<ParseArgsConfig["options"]>;

export interface Parsed {
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

/** node:util parseArgs, strict; a bad option becomes a one-line message instead of a throw. */
export function parseCommandArgs(
  args: string[],
  options: Options,
): { ok: true; parsed: Parsed } | { ok: false; message: string } {
  try {
    const { values, positionals } = parseArgs({
      args,
      options,
      allowPositionals: true,
      strict: true,
    });
    return { ok: true, parsed: { values: values as Parsed["values"], positionals } };
  } catch (error) {
    return { ok: false, message: (error as Error).message };
  }
}
