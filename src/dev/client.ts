// The script the preview server adds to every HTML page it serves (never written to disk): listens to
// the event stream, reloads the page or swaps its stylesheets, and shows build errors over the page.

import { CLIENT_PATH, EVENTS_PATH } from "./reload.js";

/** The tag inserted before `</body>`, with the count of builds the page was served at (see ReloadHub). */
export const clientTag = (generation: number): string => `<script src="${CLIENT_PATH}" data-since="${generation}" defer></script>`;

/** Browser code; problems are set with textContent, so a title full of markup stays text. */
export const CLIENT_SCRIPT = `// broadsheet dev: live reload and error overlay
(() => {
  const since = document.currentScript?.dataset.since ?? "";
  const events = new EventSource(${JSON.stringify(EVENTS_PATH)} + "?page=" + encodeURIComponent(location.pathname) + "&since=" + since);
  let session;
  events.addEventListener("hello", (event) => {
    const id = JSON.parse(event.data).session;
    if (session && session !== id) location.reload();
    session = id;
  });
  events.addEventListener("reload", () => location.reload());
  events.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      if (url.origin !== location.origin) continue;
      url.searchParams.set("broadsheet-reload", String(Date.now()));
      const fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.addEventListener("load", () => link.remove());
      fresh.addEventListener("error", () => link.remove());
      link.after(fresh);
    }
  });
  events.addEventListener("overlay", (event) => show(JSON.parse(event.data).problems));

  function show(problems) {
    document.getElementById("broadsheet-overlay")?.remove();
    if (!problems.length) return;
    const overlay = document.createElement("div");
    overlay.id = "broadsheet-overlay";
    overlay.setAttribute("role", "alert");
    overlay.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#f3f3f3;font:14px/1.5 ui-monospace,Menlo,Consolas,monospace;padding:2em";
    const head = document.createElement("div");
    head.style.cssText = "display:flex;justify-content:space-between;align-items:center;color:#ff8a80;font-weight:bold;margin-bottom:1em";
    head.textContent = "broadsheet: the last build has errors (the page shows the last good version)";
    const close = document.createElement("button");
    close.type = "button";
    close.textContent = "×";
    close.setAttribute("aria-label", "Close");
    close.style.cssText = "font:inherit;font-size:20px;background:none;border:0;color:inherit;cursor:pointer";
    close.addEventListener("click", () => overlay.remove());
    head.append(close);
    const text = document.createElement("pre");
    text.style.cssText = "white-space:pre-wrap;margin:0";
    text.textContent = problems.join("\\n\\n");
    overlay.append(head, text);
    document.body.append(overlay);
  }
})();
`;

/** The page with the script tag added (before the last `</body>`, or at the end). */
export function injectClient(html: string, generation: number): string {
  const tag = clientTag(generation);
  const at = Math.max(html.lastIndexOf("</body>"), html.lastIndexOf("</BODY>"));
  return at === -1 ? html + tag : html.slice(0, at) + tag + html.slice(at);
}
