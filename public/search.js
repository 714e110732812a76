// The search page: queries this site's Pagefind index (pagefind/, built with the site) in the
// browser. Results are built as DOM nodes from text, never from HTML strings, so a title or body
// that holds markup shows as text. No request leaves the site.

const PAGE_SIZE = 20;
const TYPING_PAUSE = 200;

const form = document.getElementById("search");
if (form) start(form);

async function start(form) {
  const input = form.elements.namedItem("q");
  const category = form.elements.namedItem("category");
  const sort = form.elements.namedItem("sort");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  const more = document.getElementById("search-more");

  const params = new URLSearchParams(location.search);
  input.value = params.get("q") ?? "";
  sort.value = params.get("sort") === "newest" ? "newest" : "";
  const wanted = params.get("category") ?? "";
  form.querySelector(".search-options").hidden = false;
  document.getElementById("search-needs-js").hidden = true;

  let pagefind;
  let everyCategory = {};
  try {
    pagefind = await import(form.dataset.bundle);
    await pagefind.options({ excerptLength: 40 });
    everyCategory = (await pagefind.filters()).category ?? {};
  } catch {
    status.textContent = "搜索索引暂时无法加载，请稍后再试。";
    return;
  }
  fillCategories(category, everyCategory, wanted);

  let generation = 0;
  let results = [];
  let shown = 0;

  const showMore = async (run) => {
    const next = results.slice(shown, shown + PAGE_SIZE);
    const pages = await Promise.all(next.map((result) => result.data()));
    if (run !== generation) return;
    list.append(...pages.map(resultItem));
    shown += next.length;
    more.hidden = shown >= results.length;
  };

  const search = async () => {
    const run = ++generation;
    const query = input.value.trim();
    form.setAttribute("aria-busy", "true");
    remember(query, category.value, sort.value);
    if (!query) {
      results = [];
      list.replaceChildren();
      more.hidden = true;
      status.textContent = "";
      fillCategories(category, everyCategory, category.value);
      form.setAttribute("aria-busy", "false");
      return;
    }
    status.textContent = "正在搜索…";
    const options = {};
    if (category.value) options.filters = { category: category.value };
    if (sort.value === "newest") options.sort = { date: "desc" };
    const found = await pagefind.search(query, options);
    if (run !== generation) return;
    fillCategories(category, found.totalFilters?.category ?? {}, category.value);
    results = found.results;
    shown = 0;
    list.replaceChildren();
    await showMore(run);
    if (run !== generation) return;
    status.textContent = results.length ? `找到 ${results.length} 条结果` : `没有找到与“${query}”相关的结果`;
    form.setAttribute("aria-busy", "false");
  };

  let typing;
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(search, TYPING_PAUSE);
  });
  category.addEventListener("change", search);
  sort.addEventListener("change", search);
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    clearTimeout(typing);
    search();
  });
  more.addEventListener("click", () => showMore(generation));
  search();
}

/** Keeps the address bar in step, so a search can be reloaded, shared and gone back to. */
function remember(query, category, sort) {
  const params = new URLSearchParams();
  if (query) params.set("q", query);
  if (category) params.set("category", category);
  if (sort) params.set("sort", sort);
  const search = params.toString();
  history.replaceState(null, "", search ? `?${search}` : location.pathname);
}

/** The category choices: name → number of results, most first; the current choice always stays. */
function fillCategories(select, counts, current) {
  const names = Object.entries(counts)
    .filter(([, count]) => count > 0)
    .sort(([a, x], [b, y]) => y - x || a.localeCompare(b, "zh-CN"));
  const options = [new Option("全部分类", "")];
  for (const [name, count] of names) options.push(new Option(`${name}（${count}）`, name));
  if (current && !(current in counts)) options.push(new Option(current, current));
  select.replaceChildren(...options);
  select.value = current;
}

/** One result: title, date, categories and the excerpt with the words found marked. */
function resultItem(page) {
  const item = element("li", "search-result");
  const heading = element("h2", "search-result-title");
  const link = element("a");
  link.href = /^\/(?!\/)/.test(page.url) ? page.url : "#";
  link.textContent = page.meta?.title || page.url;
  heading.append(link);

  const meta = element("p", "search-result-meta");
  const date = page.meta?.date;
  if (date) {
    const time = element("time");
    time.dateTime = date;
    time.textContent = /^\d{4}-\d\d-\d\dT\d\d:\d\d/.test(date) ? `${date.slice(0, 10)} ${date.slice(11, 16)}` : date;
    meta.append(time);
  }
  for (const name of page.filters?.category ?? []) meta.append(" ", element("span", "category", name));

  const excerpt = element("p", "search-result-excerpt");
  // Pagefind's excerpt is text with < and > escaped and the hits inside <mark>…</mark>.
  String(page.excerpt ?? "")
    .split(/<mark>|<\/mark>/)
    .forEach((part, i) => {
      const text = part.replace(/\u200b/g, "").replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      if (text) excerpt.append(i % 2 ? element("mark", "", text) : text);
    });
  item.append(heading, meta, excerpt);
  return item;
}

function element(tag, className = "", text = "") {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text) node.textContent = text;
  return node;
}
