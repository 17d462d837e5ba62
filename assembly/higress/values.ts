// Typed per-request (and per-plugin) values: wasm-go's SetContext/GetContext hold
// `interface{}`; here a value is boxed with its static type and read back only as that type,
// so the GC sees every value and nothing is a raw pointer kept across callbacks.

/** @internal A boxed value of any type. */
export class Box {}

/** @internal A boxed value of type T. */
export class TypedBox<T> extends Box {
  constructor(public value: T) {
    super();
  }
}

/** A small string-keyed store of typed values (linear search: a request holds a handful). */
export class ValueStore {
  private keys: string[] = [];
  private values: Box[] = [];

  /** Stores `value` under `key`, replacing what was there (of any type). */
  set<T>(key: string, value: T): void {
    const box = new TypedBox<T>(value);
    const keys = this.keys;
    for (let i = 0, n = keys.length; i < n; i++) {
      if (unchecked(keys[i]) == key) {
        unchecked((this.values[i] = box));
        return;
      }
    }
    keys.push(key);
    this.values.push(box);
  }

  /** Whether a value of any type is stored under `key`. */
  has(key: string): bool {
    return this.find(key) >= 0;
  }

  /** Whether the value under `key` was stored as a T. */
  hasOfType<T>(key: string): bool {
    const i = this.find(key);
    // @ts-ignore: AssemblyScript tests instanceof against a generic class's instance
    return i >= 0 && unchecked(this.values[i]) instanceof TypedBox<T>;
  }

  /** The value under `key` if it was stored as a T, else `fallback`. */
  get<T>(key: string, fallback: T): T {
    const i = this.find(key);
    if (i < 0) return fallback;
    const box = unchecked(this.values[i]);
    // @ts-ignore: AssemblyScript tests instanceof against a generic class's instance
    if (box instanceof TypedBox<T>) return (<TypedBox<T>>box).value;
    return fallback;
  }

  /** Removes `key`; true if it was there. */
  delete(key: string): bool {
    const i = this.find(key);
    if (i < 0) return false;
    this.keys.splice(i, 1);
    this.values.splice(i, 1);
    return true;
  }

  /** The keys, in the order they were first set. */
  get keyList(): string[] {
    return this.keys;
  }

  /** Forgets every value. */
  clear(): void {
    this.keys.length = 0;
    this.values.length = 0;
  }

  private find(key: string): i32 {
    const keys = this.keys;
    for (let i = 0, n = keys.length; i < n; i++) if (unchecked(keys[i]) == key) return i;
    return -1;
  }
}
