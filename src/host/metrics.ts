// Metrics as Envoy keeps them. Ids are per VM and per type: each type has its own counter that
// starts at the type's number and steps by 4, so the low 2 bits of an id are its type
// (proxy-wasm-cpp-host include/proxy-wasm/wasm.h:158-171, counters at :303-305). Every
// proxy_define_metric call takes a fresh id, even for a name already defined; the ids of one
// name point at the same stat, which lives in Envoy's stats scope by name, outside the VM
// (envoy source/extensions/common/wasm/context.cc `Context::defineMetric`). Counters only go up,
// gauges go both ways, histograms record samples (same file, `incrementMetric`/`recordMetric`).
import { MetricType, Status } from "./abi.js";

/**
 * A metric the plugin defined (proxy_define_metric): its name, type, current value and, for a
 * histogram, every recorded sample.
 */
export interface Metric {
  /** The id the first proxy_define_metric of this (type, name) answered. */
  readonly id: number;
  readonly name: string;
  readonly type: MetricType;
  /** Counter or gauge value; for a histogram the last sample. */
  value: bigint;
  /** Histogram samples in order. */
  readonly samples: bigint[];
}

/** cpp-host `kMetricIdIncrement` (wasm.h:159). */
const kMetricIdIncrement = 4;

/** The stats scope: one stat per (type, name), shared by the VMs that run one plugin. */
export class MetricStore {
  private byKey = new Map<string, Metric>();

  /** @internal The stat for (type, name), made on first use with `id`. */
  statFor(type: MetricType, name: string, id: number): Metric {
    const key = `${type}:${name}`;
    let metric = this.byKey.get(key);
    if (!metric) this.byKey.set(key, (metric = { id, name, type, value: 0n, samples: [] }));
    return metric;
  }

  /** By name; when a name is defined with several types, the first defined. */
  find(name: string): Metric | undefined {
    for (const m of this.byKey.values()) if (m.name === name) return m;
    return undefined;
  }

  all(): Metric[] {
    return [...this.byKey.values()];
  }
}

/** One VM's metric ids over a (possibly shared) store. */
export class Metrics {
  private byId = new Map<number, Metric>();
  /** next_{counter,gauge,histogram}_metric_id_, starting at the type's number (wasm.h:303-305). */
  private lastId = new Map<number, number>([
    [MetricType.Counter, MetricType.Counter],
    [MetricType.Gauge, MetricType.Gauge],
    [MetricType.Histogram, MetricType.Histogram],
  ]);

  constructor(readonly store = new MetricStore()) {}

  /** A new id for (type, name) (counters 4, 8…; gauges 5, 9…; histograms 6, 10…); undefined
   * for an unknown type (BAD_ARGUMENT). */
  define(type: number, name: string): number | undefined {
    const last = this.lastId.get(type);
    if (last === undefined) return undefined;
    const id = (last + kMetricIdIncrement) >>> 0;
    this.lastId.set(type, id);
    this.byId.set(id, this.store.statFor(type as MetricType, name, id));
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
    return this.store.find(name);
  }

  all(): Metric[] {
    return this.store.all();
  }
}
