const as = await import("assemblyscript");
console.log(Object.keys(as).filter(k=>/iagnost|format/i.test(k)).join(" "));
const program = as.newProgram(as.newOptions());
as.parse(program, `class A { x: i32 = -1; y: string = "a"; z: f64 = 1.5; w: string[] = ["a"]; b: bool = true; big: i64 = 5; q!: Map<string,B>; r: string | null = null; }
const p = higress.definePlugin<A>("x");
class B {
`, "a.ts", true);
let d; while ((d = as.nextDiagnostic(program))) console.log("diag", as.getDiagnosticCategory(d), as.getDiagnosticMessage(d), d.range && d.range.start, String(d));
const src = program.sources.find((s) => s.normalizedPath === "a.ts");
for (const m of src.statements[0].members) { const i = m.initializer; console.log(m.name.text, m.type.name.identifier.text, m.type.isNullable, m.type.typeArguments?.length, i && i.kind, i && i.literalKind, i && (i.value ?? i.operand?.value), typeof (i && i.value), m.flags & as.CommonFlags.DefinitelyAssigned); }
console.log(as.LiteralKind);
