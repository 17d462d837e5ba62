// A small Redis client on Higress's Redis callouts (higress.md §1.6): commands go out as RESP
// arrays of bulk strings and the handler gets the decoded reply. No closures: pass a handler
// object whose fields carry what the reply needs (the context, a key, …).
import { Status } from "../abi/types";
import { RespType, RespValue, decodeResp, encodeRespCommand } from "../codec/resp";
import {
  RedisCallResponseHandler,
  dispatchRedisCall,
  getRedisCallResponse,
  redisInit,
} from "./redis";

/** Receives one decoded Redis reply. */
export class RedisReplyHandler {
  /**
   * The reply. `reply.isError` covers a Redis error (`-ERR …`), a reply that is not RESP and
   * a cluster the host could not reach (Malformed, with the reason in `reply.text`).
   */
  onRedisReply(reply: RespValue): void {}
}

// Turns the raw callout answer into a decoded reply for the user's handler. A NOAUTH reply
// (the Redis connection was re-established without credentials) re-initialises the client
// and sends the command once more, as Higress's wasm-go client does.
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
      reply = new RespValue(
        RespType.Malformed,
        String.UTF8.encode("cannot reach the Redis cluster (status " + status.toString() + ")"),
      );
    } else {
      const bytes = getRedisCallResponse(0, <u32>responseSize);
      reply =
        bytes != null
          ? decodeResp(bytes)
          : new RespValue(RespType.Malformed, String.UTF8.encode("no Redis reply to read"));
    }
    if (!this.retried && reply.type == RespType.Error && reply.text.startsWith("NOAUTH")) {
      if (this.client.reinit() == Status.Ok) {
        const again = new ReplyDecoder(this.client, this.query, this.handler, true);
        if (dispatchRedisCall(this.client.cluster, this.query, again) == Status.Ok) return;
      }
    }
    const handler = this.handler;
    if (handler != null) handler.onRedisReply(reply);
  }
}

/** How the host's client for the cluster behaves (Higress's defaults). */
export class RedisOptions {
  /** SELECT this database. */
  database: i32 = 0;
  /** Flush buffered commands after this many ms. */
  bufferFlushTimeoutMilliseconds: i32 = 3;
  /** …or once this many bytes are buffered. */
  maxBufferSizeBeforeFlush: i32 = 1024;
}

/** Commands on one Redis cluster. Create it in the plugin context and `init` it in onPluginStart. */
export class RedisClient {
  private initName: string | null = null;
  private username: string = "";
  private password: string = "";
  private timeoutMilliseconds: u32 = 0;

  constructor(public cluster: string) {}

  /**
   * Sets up the host's client; the options ride on the cluster name as Higress expects
   * (`<cluster>?db=…&buffer_flush_timeout=…&max_buffer_size_before_flush=…`).
   */
  init(
    username: string,
    password: string,
    timeoutMilliseconds: u32,
    options: RedisOptions = new RedisOptions(),
  ): Status {
    const name =
      this.cluster +
      "?db=" +
      options.database.toString() +
      "&buffer_flush_timeout=" +
      options.bufferFlushTimeoutMilliseconds.toString() +
      "&max_buffer_size_before_flush=" +
      options.maxBufferSizeBeforeFlush.toString();
    this.initName = name;
    this.username = username;
    this.password = password;
    this.timeoutMilliseconds = timeoutMilliseconds;
    return redisInit(name, username, password, timeoutMilliseconds);
  }

  /** Initialises again with what `init` was given (NotFound if `init` never ran). */
  reinit(): Status {
    const name = this.initName;
    if (name == null) return Status.NotFound;
    return redisInit(name, this.username, this.password, this.timeoutMilliseconds);
  }

  /** Any command, e.g. `["HSET", "h", "f", "v"]`; `handler` null ignores the reply. */
  command(args: string[], handler: RedisReplyHandler | null): Status {
    const query = encodeRespCommand(args);
    return dispatchRedisCall(this.cluster, query, new ReplyDecoder(this, query, handler, false));
  }

  get(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["GET", key], handler);
  }

  set(key: string, value: string, handler: RedisReplyHandler | null): Status {
    return this.command(["SET", key, value], handler);
  }

  /** SET with an expiry in seconds. */
  setEx(key: string, value: string, seconds: i64, handler: RedisReplyHandler | null): Status {
    return this.command(["SETEX", key, seconds.toString(), value], handler);
  }

  /** SET only if absent, with an expiry in seconds (0: none): a lock or a first write. */
  setNX(key: string, value: string, seconds: i64, handler: RedisReplyHandler | null): Status {
    if (seconds > 0)
      return this.command(["SET", key, value, "NX", "EX", seconds.toString()], handler);
    return this.command(["SET", key, value, "NX"], handler);
  }

  del(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["DEL", key], handler);
  }

  exists(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["EXISTS", key], handler);
  }

  expire(key: string, seconds: i64, handler: RedisReplyHandler | null): Status {
    return this.command(["EXPIRE", key, seconds.toString()], handler);
  }

  persist(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["PERSIST", key], handler);
  }

  incr(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["INCR", key], handler);
  }

  incrBy(key: string, delta: i64, handler: RedisReplyHandler | null): Status {
    return this.command(["INCRBY", key, delta.toString()], handler);
  }

  decr(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["DECR", key], handler);
  }

  decrBy(key: string, delta: i64, handler: RedisReplyHandler | null): Status {
    return this.command(["DECRBY", key, delta.toString()], handler);
  }

  mGet(keys: string[], handler: RedisReplyHandler | null): Status {
    const args = ["MGET"];
    for (let i = 0; i < keys.length; i++) args.push(keys[i]);
    return this.command(args, handler);
  }

  hGet(key: string, field: string, handler: RedisReplyHandler | null): Status {
    return this.command(["HGET", key, field], handler);
  }

  hSet(key: string, field: string, value: string, handler: RedisReplyHandler | null): Status {
    return this.command(["HSET", key, field, value], handler);
  }

  hDel(key: string, field: string, handler: RedisReplyHandler | null): Status {
    return this.command(["HDEL", key, field], handler);
  }

  hGetAll(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["HGETALL", key], handler);
  }

  hIncrBy(key: string, field: string, delta: i64, handler: RedisReplyHandler | null): Status {
    return this.command(["HINCRBY", key, field, delta.toString()], handler);
  }

  lPush(key: string, value: string, handler: RedisReplyHandler | null): Status {
    return this.command(["LPUSH", key, value], handler);
  }

  rPush(key: string, value: string, handler: RedisReplyHandler | null): Status {
    return this.command(["RPUSH", key, value], handler);
  }

  lPop(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["LPOP", key], handler);
  }

  rPop(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["RPOP", key], handler);
  }

  lRange(key: string, start: i64, stop: i64, handler: RedisReplyHandler | null): Status {
    return this.command(["LRANGE", key, start.toString(), stop.toString()], handler);
  }

  lLen(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["LLEN", key], handler);
  }

  sAdd(key: string, member: string, handler: RedisReplyHandler | null): Status {
    return this.command(["SADD", key, member], handler);
  }

  sRem(key: string, member: string, handler: RedisReplyHandler | null): Status {
    return this.command(["SREM", key, member], handler);
  }

  sIsMember(key: string, member: string, handler: RedisReplyHandler | null): Status {
    return this.command(["SISMEMBER", key, member], handler);
  }

  sMembers(key: string, handler: RedisReplyHandler | null): Status {
    return this.command(["SMEMBERS", key], handler);
  }

  zAdd(key: string, score: f64, member: string, handler: RedisReplyHandler | null): Status {
    return this.command(["ZADD", key, score.toString(), member], handler);
  }

  zScore(key: string, member: string, handler: RedisReplyHandler | null): Status {
    return this.command(["ZSCORE", key, member], handler);
  }

  zRange(key: string, start: i64, stop: i64, handler: RedisReplyHandler | null): Status {
    return this.command(["ZRANGE", key, start.toString(), stop.toString()], handler);
  }

  /** EVAL a Lua script with `keys` and `args`. */
  eval(script: string, keys: string[], args: string[], handler: RedisReplyHandler | null): Status {
    const command = ["EVAL", script, keys.length.toString()];
    for (let i = 0; i < keys.length; i++) command.push(keys[i]);
    for (let i = 0; i < args.length; i++) command.push(args[i]);
    return this.command(command, handler);
  }
}
