// What a participant's own browser can send over the page's kernel websocket.
//
// `RECORD_SOCKETS` runs before the page's scripts (Playwright add_init_script)
// and remembers every WebSocket the page opens. `SEND_ON_PAGE_SOCKET` then
// sends hand-made kernel messages on the page's own /api/kernels/<id>/channels
// socket, in whichever wire protocol the page negotiated (v1 binary or JSON),
// or with `fresh: true` on a new socket to the same kernel in the JSON format,
// and collects, for `waitMs` milliseconds, every reply whose parent is one of
// them: {msg_id: [{channel, msg_type, content}]}.

// @@RECORD_SOCKETS
(() => {
  const Native = window.WebSocket;
  window.__samskapingSockets = [];
  window.WebSocket = class extends Native {
    constructor(...args) {
      super(...args);
      window.__samskapingSockets.push(this);
    }
  };
})();

// @@SEND_ON_PAGE_SOCKET
async ({ messages, waitMs, fresh }) => {
  const own = window.__samskapingSockets.find(
    (s) => s.url.includes("/channels") && s.readyState === WebSocket.OPEN
  );
  if (!own) throw new Error("the page has no open kernel websocket");
  let ws = own;
  if (fresh) {
    // A second socket to the same kernel, without a subprotocol: the legacy JSON wire format.
    const url = new URL(own.url);
    url.searchParams.set("session_id", "forged-" + Math.random().toString(16).slice(2));
    ws = new WebSocket(url.toString());
    await new Promise((resolve, reject) => {
      ws.addEventListener("open", resolve);
      ws.addEventListener("error", () => reject(new Error("could not open " + url)));
    });
  }
  const v1 = ws.protocol === "v1.kernel.websocket.jupyter.org";
  const encoder = new TextEncoder();
  const decoder = new TextDecoder();
  const session = "forged-" + Math.random().toString(16).slice(2);
  const replies = {};

  const encode = (channel, msg) => {
    if (!v1) return JSON.stringify({ channel, ...msg });
    const parts = [channel, msg.header, msg.parent_header, msg.metadata, msg.content].map((p, i) =>
      encoder.encode(i === 0 ? p : JSON.stringify(p))
    );
    const count = parts.length + 1;
    const head = 8 * (count + 1);
    const total = head + parts.reduce((n, p) => n + p.length, 0);
    const buffer = new ArrayBuffer(total);
    const view = new DataView(buffer);
    view.setBigUint64(0, BigInt(count), true);
    let offset = head;
    parts.forEach((p, i) => {
      view.setBigUint64(8 * (i + 1), BigInt(offset), true);
      new Uint8Array(buffer, offset, p.length).set(p);
      offset += p.length;
    });
    view.setBigUint64(8 * count, BigInt(offset), true);
    return buffer;
  };

  const decode = async (data) => {
    if (typeof data === "string") {
      const m = JSON.parse(data);
      return { channel: m.channel, header: m.header, parent: m.parent_header, content: m.content };
    }
    const buffer = data instanceof Blob ? await data.arrayBuffer() : data;
    const view = new DataView(buffer);
    const count = Number(view.getBigUint64(0, true));
    const offsets = [];
    for (let i = 0; i < count; i++) offsets.push(Number(view.getBigUint64(8 * (i + 1), true)));
    const part = (i) => decoder.decode(new Uint8Array(buffer, offsets[i], offsets[i + 1] - offsets[i]));
    return { channel: part(0), header: JSON.parse(part(1)), parent: JSON.parse(part(2)), content: JSON.parse(part(4)) };
  };

  const listen = async (event) => {
    const msg = await decode(event.data);
    const parent = msg.parent && msg.parent.msg_id;
    if (parent && parent in replies) {
      replies[parent].push({ channel: msg.channel, msg_type: msg.header.msg_type, content: msg.content });
    }
  };
  ws.addEventListener("message", listen);

  const ids = [];
  for (const { channel, msg_type, content, metadata } of messages) {
    const msg_id = session + "-" + ids.length;
    replies[msg_id] = [];
    ids.push(msg_id);
    const header = { msg_id, msg_type, session, username: "", date: new Date().toISOString(), version: "5.3" };
    ws.send(encode(channel, { header, parent_header: {}, metadata: metadata || {}, content }));
  }
  await new Promise((resolve) => setTimeout(resolve, waitMs));
  ws.removeEventListener("message", listen);
  if (fresh) ws.close();
  return { protocol: ws.protocol, ids, replies };
}
