// The (empty) JSON config of streaming-body-example, for `build-plugin spec`: the plugin runs on
// EmptyConfig, whose definePlugin call names this class for the plugin's metadata.

/**
 * @name streaming-body-example/v1
 * @category custom
 * @phase UNSPECIFIED_PHASE
 * @priority 0
 * @title Streaming Body Example
 * @description Replaces every request and response body chunk with "test\n" as it streams (a demonstration of the streaming body hooks).
 * @iconUrl https://img.alicdn.com/imgextra/i1/O1CN018iKKih1iVx287RltL_!!6000000004419-2-tps-42-42.png
 * @version 1.0.0
 * @contact.name proxy-wasm-ts
 * @example {}
 */
export class StreamingBodySpec {}
