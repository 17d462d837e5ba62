// AssemblyScript resolves `import … from "proxy-wasm-ts"` to this file (asc 0.27/0.28 read
// no ascMain): it is the SDK's public surface, kept in assembly/index.ts.
export * from "./assembly/index";
