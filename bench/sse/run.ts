// What the SSE framer (assembly/higress/sse.ts) costs per event, in wasm instructions (the
// bench/ counter): OpenAI-style `data: {…}` events of ~120 bytes, each arriving in two chunks
// split mid-line, fed to a framer (assembly/feed.ts) or only read (assembly/read.ts); the
// difference per event is the framer's own work. Run from the repository root:
//   node --conditions=source --import tsx bench/sse/run.ts
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { compilePlugin } from "../../src/build/index.js";
import { loadBareHost } from "../lib/bare-host.js";
import { instrumentModule } from "../lib/instruction-count.js";

const here = dirname(fileURLToPath(import.meta.url));
const EVENTS = 1000;
const event = (i: number) =>
  `data: {"id":"chatcmpl-123","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"token ${i} ü"}}]}\n\n`;

const perEvent: Record<string, number> = {};
let bytes = 0;
for (const mode of ["read", "feed"]) {
  const built = await compilePlugin({
    entry: join(here, "assembly", `${mode}.ts`),
    outFile: join(here, "build", `${mode}.wasm`),
  });
  if (!built.ok || !built.wasm) throw new Error(built.diagnostics);
  const loaded = await loadBareHost(await instrumentModule(built.wasm), {
    rootId: "",
    pluginConfiguration: "{}",
  });
  const stream = loaded.host.newHttpStream();
  stream.requestHeaders([[":path", "/"]], { endOfStream: false });
  const before = loaded.instructions();
  bytes = 0;
  for (let i = 0; i < EVENTS; i++) {
    const text = event(i);
    bytes += Buffer.byteLength(text);
    stream.requestBody(text.slice(0, 40), { endOfStream: false });
    stream.requestBody(text.slice(40), { endOfStream: i === EVENTS - 1 });
  }
  perEvent[mode] = (loaded.instructions() - before) / EVENTS;
}
console.log(
  `${(bytes / EVENTS).toFixed(0)}-byte events in two chunks: read ${perEvent.read.toFixed(0)}, ` +
    `framed ${perEvent.feed.toFixed(0)} instructions per event; the framer ≈ ${(perEvent.feed - perEvent.read).toFixed(0)}`,
);
