const t0 = Date.now();
const as = await import("assemblyscript");
const t1 = Date.now();
const program = as.newProgram(as.newOptions());
as.parse(program, `
/** The config.
 * @example {"a":1}
 */
export class Config {
  /** Allowed origins.
   * More text. @minItems 1 */
  allow_origins: string[] = [];
  max_age: i32 = 0;
  ratio: f64;
  name: string | null = null;
  @inline static X: i32 = 1;
  private hidden: bool = false;
  nested: Inner = new Inner();
  m: Map<string, string> = new Map();
}
class Inner { host!: string; }
definePlugin<Config>("hello").parseConfig(p);
`, "assembly/index.ts", true);
const t2 = Date.now();
const src = program.sources.find((s) => s.normalizedPath === "assembly/index.ts");
console.log(t1 - t0, t2 - t1, Object.keys(as).filter(k=>/^(new|parse|next|get)/.test(k)).join(" "));
const cls = src.statements[0];
console.log(cls.constructor.name, cls.kind, cls.name.text, cls.range.start, cls.members.length);
for (const m of cls.members) console.log(m.constructor.name, m.name.text, m.type && m.type.constructor.name, m.flags, m.initializer && m.initializer.constructor.name, m.decorators && m.decorators.map(d=>d.name.text));
console.log(src.text.slice(0, cls.range.start).slice(-40));
const stmt = src.statements[2];
console.log(stmt.constructor.name, stmt.expression.constructor.name);
