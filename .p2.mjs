const as = await import("assemblyscript");
const keys = Object.keys(as);
console.log(keys.length, keys.filter(k=>/^[A-Z]/.test(k)).join(" "));
console.log(as.NodeKind ? Object.entries(as.NodeKind).filter(([k,v])=>typeof v==="number").map(([k,v])=>k+"="+v).join(" ") : "no NodeKind");
console.log(as.CommonFlags ? Object.entries(as.CommonFlags).filter(([k,v])=>typeof v==="number").map(([k,v])=>k+"="+v).join(" ") : "no CommonFlags");
