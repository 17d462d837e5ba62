// metrics: counts requests per value of the request header `my-custom-header`, one counter
// per value. Envoy's stats have no labels of their own: the value goes into the counter's
// name, and the `stats_tags` rules in envoy.yaml cut it back out as Prometheus tags:
// custom_header_value_counts{value="foo",reporter="wasmtssdk"}.
import {
  Action,
  HttpContext,
  MetricCounter,
  defineCounterMetric,
  getHttpRequestHeader,
  logCritical,
  setHttpContext,
} from "proxy-wasm-ts";

const CUSTOM_HEADER_KEY = "my-custom-header";

// Defined once per value, then reused: defining is a host call plus a name to build.
const counters = new Map<string, MetricCounter>();

class MetricHttpContext extends HttpContext {
  onHttpRequestHeaders(numHeaders: usize, endOfStream: bool): Action {
    const value = getHttpRequestHeader(CUSTOM_HEADER_KEY);
    if (value == null) return Action.Continue;
    let counter: MetricCounter | null = counters.has(value) ? counters.get(value) : null;
    if (counter == null) {
      counter = defineCounterMetric(
        "custom_header_value_counts_value=" + value + "_reporter=wasmtssdk",
      );
      if (counter == null) {
        logCritical("failed to define a counter for " + CUSTOM_HEADER_KEY + ": " + value);
        return Action.Continue;
      }
      counters.set(value, counter);
    }
    counter.increment(1);
    return Action.Continue;
  }
}

setHttpContext((contextId: u32): HttpContext => new MetricHttpContext());
