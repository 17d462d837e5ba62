import { outlineSources } from "./src/schema/as-outline.ts";
const t = Date.now();
const o = await outlineSources([{ path: "assembly/index.ts", text: `
/** Config. */
export class Config extends Base { x: i32 = -1; y: string = "a"; w: string[] = ["a", "b"]; q!: Map<string,B>; r: string | null = null; static s: i32 = 1; private p: i32 = 0; n: B = new B(); }
class Base { id: u16 = 3; }
definePlugin<Config>("x").parseConfig(parse);
function f(): void { const d = higress.definePlugin<Other>("y"); }
` }]);
console.log(Date.now() - t, JSON.stringify(o, null, 1).slice(0, 3000));
