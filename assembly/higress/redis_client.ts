// The Redis client on a Higress cluster, as wasm-go's `RedisClusterClient`
// (higress-group/wasm-go `pkg/wrapper/redis_wrapper.go` @ d153aa4, reference higress.md §1.6):
// `init` appends the options to the cluster name as query parameters and calls
// proxy_redis_init; every command is a RESP array of bulk strings with the name in lower case,
// as wasm-go writes it; the handler gets the decoded reply (`RespValue`). A non-zero callout
// status is the error reply `cannot connect to redis cluster`; a `NOAUTH Authentication
// required` reply re-initialises the client and resends the command once. A client whose init
// failed initialises again before its next command; a command never traps: it returns the
// dispatch status (NotFound before any `init`, else the host's status).
import { Status, logError, logWarn } from "../index";
import {
  RespType,
  RespValue,
  decodeResp,
  encodeRespCommand,
  encodeRespCommandBytes,
} from "../codec/resp";
import { Cluster, TargetCluster } from "./cluster";
import { RedisArgs } from "./redis_args";
import {
  RedisCallResponseHandler,
  dispatchRedisCall,
  getRedisCallResponse,
  redisInit,
} from "./redis";

/** Receives one decoded Redis reply. Subclass it; its fields carry your state. */
export class RedisReplyHandler {
  /**
   * The reply. `reply.isError` covers a Redis error (`-ERR …`), a callout the host could not
   * complete (error `cannot connect to redis cluster`) and a reply that is not RESP
   * (`RespType.Malformed`, the reason in `reply.text`).
   */
  onRedisReply(reply: RespValue): void {}
}

/** The top-level function form of a reply callback; `value` is what you passed along. */
export type RedisReplyFunction<T> = (reply: RespValue, value: T) => void;

class FunctionReply<T> extends RedisReplyHandler {
  constructor(
    public fn: RedisReplyFunction<T>,
    public value: T,
  ) {
    super();
  }

  onRedisReply(reply: RespValue): void {
    this.fn(reply, this.value);
  }
}

/** A handler that calls the top-level function `fn` with `value` (kept alive for the GC until the reply). */
export function redisReplyFunction<T>(fn: RedisReplyFunction<T>, value: T): RedisReplyHandler {
  return new FunctionReply<T>(fn, value);
}

/** wasm-go's message for a callout answered with a non-zero status. */
export const REDIS_CONNECT_ERROR = "cannot connect to redis cluster";
/** The reply text (a substring) that makes the client re-initialise and resend once. */
export const REDIS_NOAUTH = "NOAUTH Authentication required";

// Turns the raw callout answer into a decoded reply for the user's handler.
class ReplyDecoder extends RedisCallResponseHandler {
  constructor(
    public client: RedisClient,
    public query: ArrayBuffer,
    public handler: RedisReplyHandler | null,
    public retried: bool,
  ) {
    super();
  }

  onRedisCallResponse(status: i32, responseSize: usize): void {
    let reply: RespValue;
    if (status != 0) {
      reply = new RespValue(RespType.Error, String.UTF8.encode(REDIS_CONNECT_ERROR));
    } else {
      const bytes = getRedisCallResponse(0, <u32>responseSize);
      reply =
        bytes != null
          ? decodeResp(bytes)
          : new RespValue(RespType.Malformed, String.UTF8.encode("cannot get redis response"));
    }
    if (!this.retried && reply.type == RespType.Error && reply.text.includes(REDIS_NOAUTH)) {
      const client = this.client;
      client.markNotReady();
      if (client.checkReady() == Status.Ok) {
        const again = new ReplyDecoder(client, this.query, this.handler, true);
        if (dispatchRedisCall(client.cluster.clusterName(), this.query, again) == Status.Ok) return;
        logError("redis retry dispatch failed");
      }
    }
    const handler = this.handler;
    if (handler != null) handler.onRedisReply(reply);
  }
}

/**
 * How the host's client for the cluster behaves (wasm-go's `WithDataBase`,
 * `WithBufferFlushTimeout`, `WithMaxBufferSizeBeforeFlush`, `WithDisableBuffer`).
 */
export class RedisOptions {
  /** SELECT this database; 0 (the default) writes no `db` parameter. */
  database: i32 = 0;
  /** Flush buffered commands after this many ms (default 3; 0: no timed flush). */
  bufferFlushTimeoutMilliseconds: i32 = 3;
  /** …or once this many bytes are buffered (default 1024; 0: send at once). */
  maxBufferSizeBeforeFlush: i32 = 1024;

  /** Sets `database`. */
  withDataBase(database: i32): RedisOptions {
    this.database = database;
    return this;
  }

  /** Sets `bufferFlushTimeoutMilliseconds`. */
  withBufferFlushTimeout(milliseconds: i32): RedisOptions {
    this.bufferFlushTimeoutMilliseconds = milliseconds;
    return this;
  }

  /** Sets `maxBufferSizeBeforeFlush`. */
  withMaxBufferSizeBeforeFlush(bytes: i32): RedisOptions {
    this.maxBufferSizeBeforeFlush = bytes;
    return this;
  }

  /** No buffering: both the flush timeout and the buffer size are 0 (latency-sensitive use). */
  withDisableBuffer(): RedisOptions {
    this.bufferFlushTimeoutMilliseconds = 0;
    this.maxBufferSizeBeforeFlush = 0;
    return this;
  }

  /** The query wasm-go appends to the cluster name: `[db=N&]buffer_flush_timeout=N&max_buffer_size_before_flush=N`. */
  query(): string {
    let out = "";
    if (this.database != 0) out = "db=" + this.database.toString() + "&";
    return (
      out +
      "buffer_flush_timeout=" +
      this.bufferFlushTimeoutMilliseconds.toString() +
      "&max_buffer_size_before_flush=" +
      this.maxBufferSizeBeforeFlush.toString()
    );
  }
}

/**
 * Commands on one Redis cluster (wasm-go `NewRedisClusterClient(cluster)`). Create it in the
 * plugin context (or in config parsing), `init` it once, then send commands from any context:
 * the reply comes back to the context that sent the command.
 */
export class RedisClient {
  private initName: string | null = null;
  private username: string = "";
  private password: string = "";
  private timeoutMilliseconds: u32 = 0;
  private isReady: bool = false;

  constructor(public cluster: Cluster) {}

  /** A client for a cluster named verbatim (a `TargetCluster`). */
  static forCluster(name: string): RedisClient {
    return new RedisClient(new TargetCluster(name));
  }

  /**
   * Sets up the host's client: proxy_redis_init on `<cluster name>?<options.query()>` with the
   * credentials and timeout. On failure (e.g. BadArgument: no such cluster) it logs at warn
   * `failed to init redis: <status>, will retry later`, as wasm-go does, and returns the status;
   * the next command tries `init` again.
   */
  init(
    username: string,
    password: string,
    timeoutMilliseconds: i64,
    options: RedisOptions = new RedisOptions(),
  ): Status {
    this.initName = this.cluster.clusterName() + "?" + options.query();
    this.username = username;
    this.password = password;
    this.timeoutMilliseconds = <u32>timeoutMilliseconds;
    const status = this.initOnce();
    if (status != Status.Ok)
      logWarn("failed to init redis: status " + status.toString() + ", will retry later");
    return status;
  }

  /** Whether the last init succeeded (wasm-go `Ready()`). */
  ready(): bool {
    return this.isReady;
  }

  /** Ok when ready, else initialises again: NotFound if `init` never ran, else the host's status. */
  checkReady(): Status {
    if (this.isReady) return Status.Ok;
    if (this.initName == null) return Status.NotFound;
    const status = this.initOnce();
    if (status != Status.Ok)
      logError("failed to re-authenticate redis: status " + status.toString());
    return status;
  }

  /** @internal After a NOAUTH reply: the next command initialises again. */
  markNotReady(): void {
    this.isReady = false;
  }

  private initOnce(): Status {
    const status = redisInit(
      <string>this.initName,
      this.username,
      this.password,
      this.timeoutMilliseconds,
    );
    this.isReady = status == Status.Ok;
    return status;
  }

  private dispatch(query: ArrayBuffer, handler: RedisReplyHandler | null): Status {
    const ready = this.checkReady();
    if (ready != Status.Ok) return ready;
    return dispatchRedisCall(
      this.cluster.clusterName(),
      query,
      new ReplyDecoder(this, query, handler, false),
    );
  }

  /** Sends a command built with `RedisArgs`. */
  send(args: RedisArgs, handler: RedisReplyHandler | null): Status {
    return this.dispatch(encodeRespCommandBytes(args.parts), handler);
  }

  /** Any command as redis-cli words, e.g. `["hset", "h", "f", "v"]` (wasm-go `Command`). */
  command(args: string[], handler: RedisReplyHandler | null): Status {
    return this.dispatch(encodeRespCommand(args), handler);
  }

  /** Any command as byte arguments (binary-safe). */
  commandBytes(args: ArrayBuffer[], handler: RedisReplyHandler | null): Status {
    return this.dispatch(encodeRespCommandBytes(args), handler);
  }

  /** `eval script numkeys keys… args…` (wasm-go `Eval`). */
  eval(
    script: string,
    numkeys: i32,
    keys: string[],
    args: string[],
    handler: RedisReplyHandler | null,
  ): Status {
    return this.send(
      new RedisArgs("eval").add(script).add(numkeys).addAll(keys).addAll(args),
      handler,
    );
  }

  // ---- keys ----

  /** `del key`. */
  del(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("del").add(key), handler);
  }

  /** `exists key`. */
  exists(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("exists").add(key), handler);
  }

  /** `expire key ttl` (seconds). */
  expire(key: string, ttl: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("expire").add(key).add(ttl), handler);
  }

  /** `persist key`. */
  persist(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("persist").add(key), handler);
  }

  // ---- strings ----

  /** `get key`. */
  get(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("get").add(key), handler);
  }

  /** `set key value`. */
  set<T>(key: string, value: T, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("set").add(key).add<T>(value), handler);
  }

  /** `set key value ex ttl` (as wasm-go: SET with EX, not SETEX). */
  setEx<T>(key: string, value: T, ttl: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("set").add(key).add<T>(value).add("ex").add(ttl), handler);
  }

  /** `set key value nx`, plus `ex ttl` when ttl > 0: a lock or a first write. */
  setNX<T>(key: string, value: T, ttl: i64, handler: RedisReplyHandler | null): Status {
    const args = new RedisArgs("set").add(key).add<T>(value).add("nx");
    if (ttl > 0) args.add("ex").add(ttl);
    return this.send(args, handler);
  }

  /** `mget key…`. */
  mGet(keys: string[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("mget").addAll(keys), handler);
  }

  /** `mset key value…` in the map's insertion order. */
  mSet<V>(kv: Map<string, V>, handler: RedisReplyHandler | null): Status {
    return this.send(addPairs<V>(new RedisArgs("mset"), kv, false), handler);
  }

  /** `incr key`. */
  incr(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("incr").add(key), handler);
  }

  /** `decr key`. */
  decr(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("decr").add(key), handler);
  }

  /** `incrby key delta`. */
  incrBy(key: string, delta: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("incrby").add(key).add(delta), handler);
  }

  /** `decrby key delta`. */
  decrBy(key: string, delta: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("decrby").add(key).add(delta), handler);
  }

  // ---- lists ----

  /** `llen key`. */
  lLen(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("llen").add(key), handler);
  }

  /** `rpush key value…`. */
  rPush<T>(key: string, values: T[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("rpush").add(key).addAll<T>(values), handler);
  }

  /** `rpop key`. */
  rPop(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("rpop").add(key), handler);
  }

  /** `lpush key value…`. */
  lPush<T>(key: string, values: T[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("lpush").add(key).addAll<T>(values), handler);
  }

  /** `lpop key`. */
  lPop(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("lpop").add(key), handler);
  }

  /** `lindex key index`. */
  lIndex(key: string, index: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("lindex").add(key).add(index), handler);
  }

  /** `lrange key start stop`. */
  lRange(key: string, start: i64, stop: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("lrange").add(key).add(start).add(stop), handler);
  }

  /** `lrem key count value`. */
  lRem<T>(key: string, count: i64, value: T, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("lrem").add(key).add(count).add<T>(value), handler);
  }

  /** `linsert key before pivot value`. */
  lInsertBefore<T>(key: string, pivot: T, value: T, handler: RedisReplyHandler | null): Status {
    return this.send(
      new RedisArgs("linsert").add(key).add("before").add<T>(pivot).add<T>(value),
      handler,
    );
  }

  /** `linsert key after pivot value`. */
  lInsertAfter<T>(key: string, pivot: T, value: T, handler: RedisReplyHandler | null): Status {
    return this.send(
      new RedisArgs("linsert").add(key).add("after").add<T>(pivot).add<T>(value),
      handler,
    );
  }

  // ---- hashes ----

  /** `hexists key field`. */
  hExists(key: string, field: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hexists").add(key).add(field), handler);
  }

  /** `hdel key field…`. */
  hDel(key: string, fields: string[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hdel").add(key).addAll(fields), handler);
  }

  /** `hlen key`. */
  hLen(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hlen").add(key), handler);
  }

  /** `hget key field`. */
  hGet(key: string, field: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hget").add(key).add(field), handler);
  }

  /** `hset key field value`. */
  hSet<T>(key: string, field: string, value: T, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hset").add(key).add(field).add<T>(value), handler);
  }

  /** `hmget key field…`. */
  hMGet(key: string, fields: string[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hmget").add(key).addAll(fields), handler);
  }

  /** `hmset key field value…` in the map's insertion order. */
  hMSet<V>(key: string, kv: Map<string, V>, handler: RedisReplyHandler | null): Status {
    return this.send(addPairs<V>(new RedisArgs("hmset").add(key), kv, false), handler);
  }

  /** `hkeys key`. */
  hKeys(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hkeys").add(key), handler);
  }

  /** `hvals key`. */
  hVals(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hvals").add(key), handler);
  }

  /** `hgetall key`. */
  hGetAll(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hgetall").add(key), handler);
  }

  /** `hincrby key field delta`. */
  hIncrBy(key: string, field: string, delta: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hincrby").add(key).add(field).add(delta), handler);
  }

  /** `hincrbyfloat key field delta` (delta written as Go's `%v`). */
  hIncrByFloat(key: string, field: string, delta: f64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("hincrbyfloat").add(key).add(field).add(delta), handler);
  }

  // ---- sets ----

  /** `scard key`. */
  sCard(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("scard").add(key), handler);
  }

  /** `sadd key member…`. */
  sAdd<T>(key: string, values: T[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("sadd").add(key).addAll<T>(values), handler);
  }

  /** `srem key member…`. */
  sRem<T>(key: string, values: T[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("srem").add(key).addAll<T>(values), handler);
  }

  /** `sismember key member`. */
  sIsMember<T>(key: string, value: T, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("sismember").add(key).add<T>(value), handler);
  }

  /** `smembers key`. */
  sMembers(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("smembers").add(key), handler);
  }

  /** `sdiff key1 key2`. */
  sDiff(key1: string, key2: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("sdiff").add(key1).add(key2), handler);
  }

  /** `sdiffstore destination key1 key2`. */
  sDiffStore(
    destination: string,
    key1: string,
    key2: string,
    handler: RedisReplyHandler | null,
  ): Status {
    return this.send(new RedisArgs("sdiffstore").add(destination).add(key1).add(key2), handler);
  }

  /** `sinter key1 key2`. */
  sInter(key1: string, key2: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("sinter").add(key1).add(key2), handler);
  }

  /** `sinterstore destination key1 key2`. */
  sInterStore(
    destination: string,
    key1: string,
    key2: string,
    handler: RedisReplyHandler | null,
  ): Status {
    return this.send(new RedisArgs("sinterstore").add(destination).add(key1).add(key2), handler);
  }

  /** `sunion key1 key2`. */
  sUnion(key1: string, key2: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("sunion").add(key1).add(key2), handler);
  }

  /** `sunionstore destination key1 key2`. */
  sUnionStore(
    destination: string,
    key1: string,
    key2: string,
    handler: RedisReplyHandler | null,
  ): Status {
    return this.send(new RedisArgs("sunionstore").add(destination).add(key1).add(key2), handler);
  }

  // ---- sorted sets ----

  /** `zcard key`. */
  zCard(key: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zcard").add(key), handler);
  }

  /** `zadd key score member…` from member → score, in the map's insertion order. */
  zAdd<S>(key: string, memberScores: Map<string, S>, handler: RedisReplyHandler | null): Status {
    return this.send(addPairs<S>(new RedisArgs("zadd").add(key), memberScores, true), handler);
  }

  /** `zcount key min max` (numbers, or strings such as `-inf`, `(1`). */
  zCount<T>(key: string, min: T, max: T, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zcount").add(key).add<T>(min).add<T>(max), handler);
  }

  /** `zincrby key delta member`. */
  zIncrBy<T>(key: string, member: string, delta: T, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zincrby").add(key).add<T>(delta).add(member), handler);
  }

  /** `zscore key member`. */
  zScore(key: string, member: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zscore").add(key).add(member), handler);
  }

  /** `zrank key member`. */
  zRank(key: string, member: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zrank").add(key).add(member), handler);
  }

  /** `zrevrank key member`. */
  zRevRank(key: string, member: string, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zrevrank").add(key).add(member), handler);
  }

  /** `zrem key member…`. */
  zRem(key: string, members: string[], handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zrem").add(key).addAll(members), handler);
  }

  /** `zrange key start stop`. */
  zRange(key: string, start: i64, stop: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zrange").add(key).add(start).add(stop), handler);
  }

  /** `zrevrange key start stop`. */
  zRevRange(key: string, start: i64, stop: i64, handler: RedisReplyHandler | null): Status {
    return this.send(new RedisArgs("zrevrange").add(key).add(start).add(stop), handler);
  }
}

// key value… (or value key… when `valueFirst`, as zadd writes score member) in map order.
function addPairs<V>(args: RedisArgs, kv: Map<string, V>, valueFirst: bool): RedisArgs {
  const keys = kv.keys();
  for (let i = 0; i < keys.length; i++) {
    const key = unchecked(keys[i]);
    if (valueFirst) args.add<V>(kv.get(key)).add(key);
    else args.add(key).add<V>(kv.get(key));
  }
  return args;
}
