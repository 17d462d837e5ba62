// Higress: inject response (encode-direction) data into the filter chain while the response
// body is being processed (proxy_inject_encoded_data_to_filter_chain, reference abi §2.3),
// e.g. to stream server-sent events the plugin produces itself.
import { Status } from "../abi/types";
import { bytesPtr, bytesSize, utf8, utf8Size } from "../runtime/memory";
import { proxy_inject_encoded_data_to_filter_chain } from "./imports";

/**
 * Higress: injects `body` as response (encode-direction) data into the filter chain while the
 * response body is being processed, e.g. to stream server-sent events the plugin produces;
 * `endOfStream` marks the last piece. Returns the host's status. Higress only: a module that
 * calls it imports it, and a host without it refuses to load the module. Wraps
 * proxy_inject_encoded_data_to_filter_chain.
 */
export function injectEncodedDataToFilterChain(
  body: ArrayBuffer | null,
  endOfStream: bool,
): Status {
  return proxy_inject_encoded_data_to_filter_chain(
    bytesPtr(body),
    bytesSize(body),
    endOfStream ? 1 : 0,
  );
}

/**
 * `injectEncodedDataToFilterChain` for text: `body` is encoded as UTF-8. Returns the host's
 * status. Wraps proxy_inject_encoded_data_to_filter_chain.
 */
export function injectEncodedDataToFilterChainString(body: string, endOfStream: bool): Status {
  const ptr = utf8(0, body);
  return proxy_inject_encoded_data_to_filter_chain(ptr, utf8Size, endOfStream ? 1 : 0);
}
