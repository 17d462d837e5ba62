// The inspector page: one self-contained HTML document (no framework, no network beyond the
// gateway), filled live from /_inspect/events. Left: the last requests; right: the selected
// one as a timeline of callbacks, host calls, logs and callouts, and its headers before and
// after the plugin with what the plugin changed marked.
const css = `
:root { --bg:#0f1117; --panel:#171a23; --line:#262a36; --text:#e6e8ee; --dim:#8a90a2;
  --cb:#5b9cff; --call:#9aa3b5; --log:#f2b84b; --callout:#c084fc; --ok:#3ecf8e; --bad:#ff6b6b;
  --mono: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; }
* { box-sizing: border-box; }
body { margin:0; background:var(--bg); color:var(--text); font:14px/1.45 system-ui, sans-serif; }
header { display:flex; align-items:center; gap:12px; padding:12px 20px; border-bottom:1px solid var(--line); }
header h1 { font-size:15px; margin:0; font-weight:600; letter-spacing:.2px; }
header .live { font-size:12px; color:var(--dim); display:flex; align-items:center; gap:6px; }
header .dot { width:8px; height:8px; border-radius:50%; background:var(--ok); box-shadow:0 0 8px var(--ok); }
header .dot.off { background:var(--bad); box-shadow:none; }
main { display:grid; grid-template-columns: 360px 1fr; height: calc(100vh - 49px); }
#list { border-right:1px solid var(--line); overflow:auto; }
.req { display:grid; grid-template-columns: 54px 1fr auto; gap:4px 10px; padding:10px 16px;
  border-bottom:1px solid var(--line); cursor:pointer; }
.req:hover { background:#1b1f2a; }
.req.sel { background:#1e2433; box-shadow: inset 3px 0 0 var(--cb); }
.method { font:600 11px var(--mono); color:var(--dim); padding-top:2px; }
.path { font:13px var(--mono); overflow:hidden; text-overflow:ellipsis; white-space:nowrap; }
.status { font:600 12px var(--mono); padding:1px 8px; border-radius:10px; background:#243; color:var(--ok); }
.status.s4 { background:#3a2a12; color:var(--log); } .status.s5 { background:#3a1717; color:var(--bad); }
.status.pending { background:#222838; color:var(--dim); }
.sub { grid-column: 2 / 4; font-size:12px; color:var(--dim); display:flex; gap:10px; }
.action { color:var(--text); }
#detail { overflow:auto; padding:20px 28px 40px; }
.empty { color:var(--dim); margin-top:40px; text-align:center; }
.title { display:flex; align-items:baseline; gap:12px; flex-wrap:wrap; }
.title .path { font-size:18px; white-space:normal; }
.facts { display:flex; gap:8px; margin:10px 0 18px; flex-wrap:wrap; }
.fact { background:var(--panel); border:1px solid var(--line); border-radius:8px; padding:6px 12px; font-size:12px; color:var(--dim); }
.fact b { color:var(--text); font-weight:600; margin-left:4px; }
h2 { font-size:12px; text-transform:uppercase; letter-spacing:.08em; color:var(--dim); margin:22px 0 8px; font-weight:600; }
.bar { height:6px; border-radius:3px; background:var(--line); overflow:hidden; margin-top:6px; }
.bar i { display:block; height:100%; background:linear-gradient(90deg,var(--cb),var(--callout)); }
.timeline { position:relative; margin-left:6px; border-left:2px solid var(--line); }
.ev { position:relative; display:grid; grid-template-columns: 84px 210px 1fr auto; gap:10px;
  padding:5px 10px 5px 16px; align-items:baseline; }
.ev::before { content:""; position:absolute; left:-6px; top:11px; width:10px; height:10px; border-radius:50%;
  background:var(--k); border:2px solid var(--bg); }
.ev.callback { --k:var(--cb); margin-top:6px; background:linear-gradient(90deg,#18233a,transparent); border-radius:6px; }
.ev.call { --k:var(--call); }
.ev.call .name { padding-left:14px; }
.ev.log { --k:var(--log); }
.ev.callout { --k:var(--callout); background:linear-gradient(90deg,#2a1f3a,transparent); border-radius:6px; }
.t { font:11px var(--mono); color:var(--dim); text-align:right; white-space:nowrap; }
.name { font:12.5px var(--mono); color:var(--k); white-space:nowrap; overflow:hidden; text-overflow:ellipsis; }
.ev.call .name { color:#c6cbd8; }
.det { font:12.5px var(--mono); color:var(--text); word-break:break-all; }
.ev.log .det { color:#f8dca0; }
.res { font:11px var(--mono); padding:0 7px; border-radius:8px; background:#1f2a22; color:var(--ok); }
.res.err { background:#3a1717; color:var(--bad); } .res.nf { background:#262a36; color:var(--dim); }
.res.cb { background:#18233a; color:var(--cb); } .res.co { background:#2a1f3a; color:var(--callout); }
.heads { display:grid; grid-template-columns: 1fr 1fr; gap:14px; }
.box { background:var(--panel); border:1px solid var(--line); border-radius:10px; padding:10px 12px; min-width:0; }
.box h3 { margin:0 0 6px; font-size:12px; color:var(--dim); font-weight:600; }
.kv { font:12px var(--mono); display:grid; grid-template-columns: minmax(90px, 35%) 1fr; gap:2px 10px; }
.kv .k { color:#a9b4ff; overflow:hidden; text-overflow:ellipsis; } .kv .v { word-break:break-all; }
.kv .add { color:var(--ok); } .kv .del { color:var(--bad); text-decoration:line-through; }
.kv .chg { color:var(--log); }
pre.body { font:12px var(--mono); margin:4px 0; padding:6px 8px; border-radius:6px; background:#12151d; white-space:pre-wrap; word-break:break-all; max-height:160px; overflow:auto; }
pre.body.del { color:#ffb3b3; border-left:3px solid var(--bad); } pre.body.add { color:#b6f0d2; border-left:3px solid var(--ok); }
.reply { background:#2a1f14; border:1px solid #4a3518; border-radius:10px; padding:10px 14px; font:13px var(--mono); }
.legend { display:flex; gap:14px; font-size:12px; color:var(--dim); margin-left:auto; }
.legend span::before { content:""; display:inline-block; width:8px; height:8px; border-radius:50%; background:var(--k); margin-right:6px; }
`;

const script = `
const records = new Map();
let selected = null, pinned = false;
const $ = (tag, cls, text) => { const e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; };
const list = document.getElementById("list"), detail = document.getElementById("detail"), dot = document.getElementById("dot"), state = document.getElementById("state");
function statusEl(r) {
  const s = $("span", "status", r.done ? String(r.status || "-") : "…");
  if (!r.done) s.classList.add("pending"); else if (r.status >= 500 || !r.status) s.classList.add("s5"); else if (r.status >= 400) s.classList.add("s4");
  return s;
}
function renderList() {
  list.textContent = "";
  const all = [...records.values()].sort((a, b) => b.id - a.id);
  for (const r of all) {
    const row = $("div", "req" + (r.id === selected ? " sel" : ""));
    row.dataset.id = r.id;
    row.append($("span", "method", r.method), $("span", "path", r.path), statusEl(r));
    const sub = $("div", "sub");
    sub.append($("span", "action", r.action || "in flight"), $("span", "", r.pluginMs.toFixed(2) + " ms in plugin"), $("span", "", "vm " + r.worker));
    row.append(sub);
    row.onclick = () => { selected = r.id; pinned = true; renderList(); renderDetail(); };
    list.append(row);
  }
}
function resultClass(ev) {
  if (ev.kind === "callback") return "res cb";
  if (ev.kind === "callout") return "res co";
  if (ev.result === "Ok" || ev.result === "") return "res";
  if (ev.result === "NotFound") return "res nf";
  return "res err";
}
function callbackResult(ev) {
  if (ev.result === "") return "";
  const names = { on_request_headers: ["Continue", "StopIteration"], on_response_headers: ["Continue", "StopIteration"], on_request_body: ["Continue", "StopIterationAndBuffer"], on_response_body: ["Continue", "StopIterationAndBuffer"] };
  const n = names[ev.name];
  return n && n[Number(ev.result)] ? n[Number(ev.result)] : "→ " + ev.result;
}
function callbackArgs(ev) {
  const a = ev.detail.split(", ").map(Number);
  const eos = (v) => (v ? ", end of stream" : "");
  switch (ev.name) {
    case "on_request_headers": case "on_response_headers": return a[1] + " headers" + eos(a[2]);
    case "on_request_body": case "on_response_body": return a[1] + " B buffered" + eos(a[2]);
    case "on_request_trailers": case "on_response_trailers": return a[1] + " trailers";
    case "on_context_create": return "context " + a[0] + " of root " + a[1];
    case "on_done": case "on_log": case "on_delete": return "context " + a[0];
    case "on_http_call_response": return "call " + a[1] + ": " + a[2] + " headers, " + a[3] + " B body, " + a[4] + " trailers";
    case "on_redis_call_response": return "call " + a[1] + ": status " + a[2] + ", " + a[3] + " B";
    case "on_grpc_receive": return "call " + a[1] + ": " + a[2] + " B";
    case "on_grpc_close": return "call " + a[1] + ": status " + a[2];
    default: return "(" + ev.detail + ")";
  }
}
function headerBox(title, before, after) {
  const box = $("div", "box"); box.append($("h3", "", title));
  const kv = $("div", "kv");
  if (!before && !after) { kv.append($("span", "k", "—"), $("span", "v", "")); box.append(kv); return box; }
  const b = new Map((before || []).map(([k, v]) => [k, v])), a = after || before || [];
  const seen = new Set();
  for (const [k, v] of a) {
    seen.add(k);
    const cls = !b.has(k) ? "add" : b.get(k) !== v ? "chg" : "";
    kv.append($("span", "k " + cls, (cls === "add" ? "+ " : cls === "chg" ? "~ " : "") + k), $("span", "v " + cls, v));
  }
  for (const [k, v] of before || []) if (after && !seen.has(k)) kv.append($("span", "k del", "− " + k), $("span", "v del", v));
  box.append(kv); return box;
}
function renderDetail() {
  const r = records.get(selected);
  detail.textContent = "";
  if (!r) { detail.append($("div", "empty", "Waiting for requests… send one through the gateway (curl it) and it appears here.")); return; }
  const title = $("div", "title"); title.append($("span", "method", r.method), $("span", "path", r.path), statusEl(r));
  detail.append(title);
  const facts = $("div", "facts");
  const fact = (k, v) => { const f = $("span", "fact", k); f.append($("b", "", v)); facts.append(f); };
  fact("action", r.action || "in flight"); fact("in plugin", r.pluginMs.toFixed(3) + " ms"); fact("total", r.totalMs + " ms");
  fact("vm", String(r.worker)); fact("context", String(r.contextId)); fact("events", String(r.events.length));
  if (r.error) fact("error", r.error);
  detail.append(facts);
  const bar = $("div", "bar"); const fill = $("i"); fill.style.width = Math.min(100, r.totalMs ? (100 * r.pluginMs) / r.totalMs : 0).toFixed(1) + "%"; bar.append(fill);
  detail.append(bar);
  if (r.localReply) {
    detail.append($("h2", "", "Local reply from the plugin"));
    detail.append($("div", "reply", r.localReply.status + " " + (r.localReply.details || "") + (r.localReply.body ? "  —  " + r.localReply.body : "")));
  }
  const th = $("h2", "", "Timeline"); detail.append(th);
  const tl = $("div", "timeline");
  for (const ev of r.events) {
    const row = $("div", "ev " + ev.kind);
    const result = ev.kind === "callback" ? callbackResult(ev) : ev.result;
    row.append($("span", "t", "+" + ev.t + " ms"), $("span", "name", ev.kind === "log" ? "log." + ev.name : ev.name), $("span", "det", ev.kind === "callback" ? callbackArgs(ev) : ev.detail));
    row.append(result ? $("span", resultClass(ev), result) : $("span"));
    tl.append(row);
  }
  detail.append(tl);
  detail.append($("h2", "", "Headers: what came in → what the plugin passed on"));
  const heads = $("div", "heads");
  heads.append(headerBox("request", r.requestIn, r.requestOut), headerBox("response", r.responseIn, r.responseOut));
  detail.append(heads);
  if (r.bodies && (r.bodies.requestIn || r.bodies.requestOut || r.bodies.responseIn || r.bodies.responseOut)) {
    detail.append($("h2", "", "Bodies: what came in → what the plugin passed on"));
    const bodies = $("div", "heads");
    bodies.append(bodyBox("request", r.bodies.requestIn, r.bodies.requestOut), bodyBox("response", r.bodies.responseIn, r.bodies.responseOut));
    detail.append(bodies);
  }
}
function bodyBox(title, before, after) {
  const box = $("div", "box"); box.append($("h3", "", title + (before === after ? " (unchanged)" : " (changed by the plugin)")));
  if (before !== after) { box.append($("pre", "body del", before || "(empty)")); box.append($("pre", "body add", after || "(empty)")); }
  else box.append($("pre", "body", before || "(empty)"));
  return box;
}
function connect() {
  const es = new EventSource("events");
  es.onopen = () => { dot.className = "dot"; state.textContent = "live"; };
  es.onerror = () => { dot.className = "dot off"; state.textContent = "reconnecting…"; };
  es.onmessage = (m) => {
    const r = JSON.parse(m.data);
    records.set(r.id, r);
    while (records.size > 50) records.delete(Math.min(...records.keys()));
    if (!pinned || selected === null) selected = Math.max(...records.keys());
    renderList();
    if (r.id === selected) renderDetail();
  };
}
renderDetail();
connect();
`;

/** The whole page, served at /_inspect/. */
export const inspectorPage = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,"><title>build-plugin run · inspector</title><style>${css}</style></head>
<body>
<header><h1>proxy-wasm-ts · build-plugin run</h1><span class="live"><span id="dot" class="dot off"></span><span id="state">connecting…</span></span>
<span class="legend"><span style="--k:var(--cb)">callback</span><span style="--k:var(--call)">host call</span><span style="--k:var(--log)">log</span><span style="--k:var(--callout)">callout</span></span></header>
<main><nav id="list"></nav><section id="detail"></section></main>
<script>${script}</script>
</body></html>`;
