// The inspector page: one self-contained HTML document (no framework), filled from
// /_inspect/events. Placeholder until the timeline view lands.
export const inspectorPage = `<!doctype html><html><head><meta charset="utf-8"><title>build-plugin inspector</title></head>
<body><main id="app"></main><script>
const app = document.getElementById("app");
const es = new EventSource("events");
es.onmessage = (m) => { const r = JSON.parse(m.data); app.textContent += r.method + " " + r.path + "\\n"; };
</script></body></html>`;
