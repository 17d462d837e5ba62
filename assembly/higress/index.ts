// `import … from "proxy-wasm-ts/assembly/higress"`: the Higress-only host calls. Importing this
// module is what adds the Higress imports to a plugin (only those it actually calls); a plugin
// that uses Redis also re-exports the callback in its entry file:
//   export { proxy_on_redis_call_response } from "proxy-wasm-ts/assembly/higress";
export * from "./redis";
export * from "./redis_client";
export * from "./filter_chain";
export * from "./upstream";
export * from "./cluster";
export * from "./http_client";
export * from "./sse";
export { proxy_on_redis_call_response } from "./exports";
export { RespType, RespValue, decodeResp, encodeRespCommand } from "../codec/resp";
