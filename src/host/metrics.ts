// Metrics as Envoy keeps them: ids carry the type in their low 2 bits (abi §1.5), counters only
// go up, gauges go both ways, histograms record samples (Envoy `context.cc` *Metric).
import { MetricType, Status } from "./abi.js";

/**
 * A metric the plugin defined (proxy_define_metric): its name, type, current value and, for a
 * histogram, every recorded sample.
 */
export interface Metric {
  readonly id: number;
  readonly name: string;
  readonly type: MetricType;
  /** Counter or gauge value; for a histogram the last sample. */
  value: bigint;
  /** Histogram samples in order. */
  readonly samples: bigint[];
}

export class Metrics {
  private byId = new Map<number, Metric>();
  private byName = new Map<string, Metric>();
  private next = 1;

  /** The id for (type, name), the same one on a repeat; undefined for an unknown type. */
  define(type: number, name: string): number | undefined {
    if (type !== MetricType.Counter && type !== MetricType.Gauge && type !== MetricType.Histogram)
      return undefined;
    const key = `${type}:${name}`;
    const existing = this.byName.get(key);
    if (existing) return existing.id;
    const id = ((this.next++ << 2) | type) >>> 0;
    const metric: Metric = { id, name, type: type as MetricType, value: 0n, samples: [] };
    this.byId.set(id, metric);
    this.byName.set(key, metric);
    return id;
  }

  increment(id: number, delta: bigint): Status {
    const m = this.byId.get(id);
    if (!m) return Status.NotFound;
    if (m.type === MetricType.Counter) {
      if (delta <= 0n) return Status.BadArgument;
      m.value = BigInt.asUintN(64, m.value + delta);
    } else if (m.type === MetricType.Gauge) m.value = BigInt.asIntN(64, m.value + delta);
    else return Status.BadArgument;
    return Status.Ok;
  }

  record(id: number, value: bigint): Status {
    const m = this.byId.get(id);
    if (!m) return Status.NotFound;
    if (m.type === MetricType.Counter) m.value = BigInt.asUintN(64, m.value + value);
    else if (m.type === MetricType.Gauge) m.value = BigInt.asUintN(64, value);
    else {
      m.samples.push(BigInt.asUintN(64, value));
      m.value = BigInt.asUintN(64, value);
    }
    return Status.Ok;
  }

  get(id: number): bigint | Status {
    const m = this.byId.get(id);
    if (!m) return Status.NotFound;
    if (m.type === MetricType.Histogram) return Status.BadArgument;
    return m.value;
  }

  /** By name; when a name is defined with several types, the first defined. */
  find(name: string): Metric | undefined {
    for (const m of this.byId.values()) if (m.name === name) return m;
    return undefined;
  }

  all(): Metric[] {
    return [...this.byId.values()];
  }
}
