import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { relative, resolve } from "node:path";
import { SchemaError } from "../../schema/class-schema.js";
import { specFromProject, type SpecFromSourceOptions } from "../../schema/spec-from-source.js";
import { isDeepStrictEqual } from "node:util";
import { parse } from "yaml";
import { parseCommandArgs } from "../args.js";
import { ExitCode, type Command } from "../command.js";
import { FlagError, failure } from "./oci-flags.js";

const usage = `usage: build-plugin spec [dir] [options]

Writes the plugin's spec.yaml (Higress plugin metadata: info, phase, priority and
spec.configSchema.openAPIV3Schema) from the AssemblyScript config class, the one named by
definePlugin<Config>(…) in assembly/. Fields become properties: a field with no initializer and
a non-nullable type is required, one with an initializer or a \`T | null\` type is optional
(\`@required\`/\`@optional\` override). Doc comments give title and description; tags
@example @default @enum @minimum @maximum @minLength @maxLength @minItems @maxItems @pattern
@format @scope @key @ignore refine a field (docs/config-schema.md).

options:
  -o, --output <file>    default <dir>/spec.yaml; - for standard output
  --check                write nothing; exit 2 when the file differs from what would be written
  --class <name>         the config class (default: package.json "higress.configClass", else
                         definePlugin's type argument, or the class its @configClass tag names)
  --name, --title, --description, --category, --version, --icon-url, --phase, --priority
                         info and spec fields (default: package.json "higress" key, then tags
                         on the class's doc comment, then package.json name/version/description)

exit codes: 0 ok, 2 spec.yaml is stale (--check), 3 usage or a class the spec cannot describe`;

export const specCommand: Command = {
  name: "spec",
  summary: "write spec.yaml (Higress plugin metadata and config schema) from the config class",
  usage,
  async run(args, io) {
    const parsed = parseCommandArgs(args, {
      output: { type: "string", short: "o" },
      check: { type: "boolean" },
      class: { type: "string" },
      name: { type: "string" },
      title: { type: "string" },
      description: { type: "string" },
      category: { type: "string" },
      version: { type: "string" },
      "icon-url": { type: "string" },
      phase: { type: "string" },
      priority: { type: "string" },
    });
    if (!parsed.ok) return failure("spec", new FlagError(parsed.message), io);
    const { values: v, positionals } = parsed.parsed;
    try {
      if (positionals.length > 1) throw new FlagError(`unexpected argument ${positionals[1]}`);
      const dir = resolve(io.cwd, positionals[0] ?? ".");
      const s = (k: string) => v[k] as string | undefined;
      const priority = s("priority");
      if (priority !== undefined && !/^-?\d+$/.test(priority)) {
        throw new FlagError(`--priority must be a whole number, got ${priority}`);
      }
      const options: SpecFromSourceOptions = {
        className: s("class"),
        name: s("name"),
        title: s("title"),
        description: s("description"),
        category: s("category"),
        version: s("version"),
        iconUrl: s("icon-url"),
        phase: s("phase"),
        priority: priority === undefined ? undefined : Number(priority),
      };
      let spec;
      try {
        spec = await specFromProject(dir, options);
      } catch (e) {
        if (e instanceof SchemaError) throw new FlagError(e.message);
        throw e;
      }
      const output = s("output") ?? resolve(dir, "spec.yaml");
      if (output === "-") {
        for (const line of spec.yaml.trimEnd().split("\n")) io.out(line);
        return ExitCode.ok;
      }
      const file = resolve(io.cwd, output);
      const shown = relative(io.cwd, file) || file;
      if (v.check === true) {
        const current = existsSync(file) ? readFileSync(file, "utf8") : null;
        // the same document, however it is formatted (prettier may have touched the file)
        if (current !== null && sameDocument(current, spec.doc)) {
          io.err(`${shown} is up to date with ${spec.className} (${spec.file})`);
          return ExitCode.ok;
        }
        io.err(
          `${shown} ${current === null ? "is missing" : "differs from"} what ${spec.className} (${spec.file}) gives: run build-plugin spec`,
        );
        return ExitCode.validationError;
      }
      writeFileSync(`${file}.tmp-${process.pid}`, spec.yaml);
      renameSync(`${file}.tmp-${process.pid}`, file);
      io.err(`wrote ${shown} from ${spec.className} (${spec.file})`);
      return ExitCode.ok;
    } catch (error) {
      return failure("spec", error, io);
    }
  },
};

function sameDocument(text: string, doc: unknown): boolean {
  try {
    return isDeepStrictEqual(parse(text), JSON.parse(JSON.stringify(doc)));
  } catch {
    return false;
  }
}
