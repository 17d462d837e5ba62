// proxy-wasm-ts/dev: the local dev gateway behind `build-plugin run`.
export { startGateway, parseLogLevel } from "./gateway.js";
export type { Gateway, GatewayOptions } from "./gateway.js";
