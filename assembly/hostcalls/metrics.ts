// Metrics (proxy_define_metric / increment / record / get): counters, gauges and histograms
// the host exports as stats. Values cross the ABI as i64 (reference abi §1.1). Ids are opaque
// (cpp-host puts the type in the low 2 bits, so the first counter's id is 0): define each
// metric once, in onPluginStart, and keep the object.
import {
  proxy_define_metric,
  proxy_get_metric,
  proxy_increment_metric,
  proxy_record_metric,
} from "../abi/imports";
import { MetricType, Status } from "../abi/types";
import { RETURN_EXTRA, utf8, utf8Size } from "../runtime/memory";
import { recordStatus } from "./status";

/** Defines (or finds) the metric `name` of `metricType`; its id, or -1 (see `getLastStatus()`). */
export function defineMetric(metricType: MetricType, name: string): i64 {
  const namePtr = utf8(0, name);
  store<u32>(RETURN_EXTRA, 0);
  const status = proxy_define_metric(metricType, namePtr, utf8Size, RETURN_EXTRA);
  return recordStatus(status) == Status.Ok ? <i64>load<u32>(RETURN_EXTRA) : -1;
}

/** Adds `delta` (negative: subtracts; gauges and counters). */
export function incrementMetric(metricId: u32, delta: i64): Status {
  return proxy_increment_metric(metricId, delta);
}

/** Sets a gauge, or records a histogram sample. */
export function recordMetric(metricId: u32, value: u64): Status {
  return proxy_record_metric(metricId, value);
}

/** The metric's value, or 0 (see `getLastStatus()`: NotFound for an unknown id). */
export function getMetric(metricId: u32): u64 {
  store<u64>(RETURN_EXTRA, 0);
  const status = proxy_get_metric(metricId, RETURN_EXTRA);
  return recordStatus(status) == Status.Ok ? load<u64>(RETURN_EXTRA) : 0;
}

/** A monotonically increasing count (the Go SDK's MetricCounter). */
export class MetricCounter {
  constructor(public metricId: u32) {}

  increment(delta: u64 = 1): Status {
    return proxy_increment_metric(this.metricId, <i64>delta);
  }

  value(): u64 {
    return getMetric(this.metricId);
  }
}

/** A value that goes up and down (the Go SDK's MetricGauge). */
export class MetricGauge {
  constructor(public metricId: u32) {}

  add(delta: i64): Status {
    return proxy_increment_metric(this.metricId, delta);
  }

  set(value: i64): Status {
    return proxy_record_metric(this.metricId, <u64>value);
  }

  value(): i64 {
    return <i64>getMetric(this.metricId);
  }
}

/** A distribution of recorded samples (the Go SDK's MetricHistogram). */
export class MetricHistogram {
  constructor(public metricId: u32) {}

  record(value: u64): Status {
    return proxy_record_metric(this.metricId, value);
  }

  value(): u64 {
    return getMetric(this.metricId);
  }
}

/** Defines a counter; null on failure (see `getLastStatus()`). */
export function defineCounterMetric(name: string): MetricCounter | null {
  const id = defineMetric(MetricType.Counter, name);
  return id < 0 ? null : new MetricCounter(<u32>id);
}

/** Defines a gauge; null on failure. */
export function defineGaugeMetric(name: string): MetricGauge | null {
  const id = defineMetric(MetricType.Gauge, name);
  return id < 0 ? null : new MetricGauge(<u32>id);
}

/** Defines a histogram; null on failure. */
export function defineHistogramMetric(name: string): MetricHistogram | null {
  const id = defineMetric(MetricType.Histogram, name);
  return id < 0 ? null : new MetricHistogram(<u32>id);
}
