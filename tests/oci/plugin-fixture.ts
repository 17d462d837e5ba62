// Plugin modules for the OCI tests: a small hand-written module that passes the validator,
// and a real plugin compiled with the SDK into a throwaway project folder.
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { compilePlugin } from "proxy-wasm-ts/build";
import wabtInit from "wabt";

const wabt = await wabtInit();

export function watToWasm(text: string): Uint8Array {
  const module = wabt.parseWat("fixture.wat", text);
  try {
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** Loads on the envoy profile; `salt` changes the bytes so that two modules differ. */
export function minimalPlugin(salt = 0): Uint8Array {
  return watToWasm(`(module
    (memory (export "memory") 1)
    (func $alloc (param i32) (result i32) i32.const ${1024 + salt})
    (func (export "proxy_abi_version_0_2_1"))
    (func (export "_initialize"))
    (export "malloc" (func $alloc))
    (export "proxy_on_memory_allocate" (func $alloc))
    (func (export "proxy_on_context_create") (param i32 i32))
    (func (export "proxy_on_vm_start") (param i32 i32) (result i32) i32.const 1)
    (func (export "proxy_on_configure") (param i32 i32) (result i32) i32.const 1))`);
}

/** Imports env.abort, which no host provides: the validator refuses it. */
export function invalidPlugin(): Uint8Array {
  return watToWasm(`(module
    (import "env" "abort" (func (param i32 i32 i32 i32)))
    (memory (export "memory") 1)
    (func (export "proxy_abi_version_0_2_1")))`);
}

/** A plugin project folder (package.json, assembly/index.ts) built with the real SDK. */
export async function compiledProject(name = "add-header", version = "1.0.0"): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "pwts-oci-project-"));
  mkdirSync(join(dir, "assembly"));
  writeFileSync(join(dir, "package.json"), JSON.stringify({ name, version, private: true }));
  writeFileSync(
    join(dir, "assembly", "index.ts"),
    `import { HttpContext, setHttpContext } from "proxy-wasm-ts";
class AddHeader extends HttpContext {}
setHttpContext((id: u32): HttpContext => new AddHeader());
`,
  );
  const result = await compilePlugin({
    entry: join(dir, "assembly", "index.ts"),
    outFile: join(dir, "build", "plugin.wasm"),
  });
  if (!result.ok) throw new Error(`fixture plugin does not compile:\n${result.diagnostics}`);
  return dir;
}
