// Revisions: compare two (cost and moved scenes), restore one.
"use strict";

(() => {
  const base = "/api/projects/" + Sky.page.project + "/boards/" + Sky.page.board;
  const compare = document.getElementById("compare");
  if (compare) compare.addEventListener("submit", async (event) => {
    event.preventDefault();
    const a = document.getElementById("compare-a").value;
    const b = document.getElementById("compare-b").value;
    const answer = await Sky.api("GET", base + "/compare?a=" + a + "&b=" + b);
    const box = document.getElementById("comparison");
    if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
    const d = answer.data;
    const change = d.cost_change.total;
    // Built from text nodes: scene numbers come from uploaded scripts and are never markup.
    const el = (tag, text) => { const node = document.createElement(tag); if (text !== undefined) node.textContent = text; return node; };
    const bold = (text) => el("b", text);
    const summary = el("p");
    summary.append("Revision " + a + " cost ", bold(Sky.money(d.a.cost.total)), ", revision " + b + " cost ",
      bold(Sky.money(d.b.cost.total)), " (" + (change > 0 ? "+" : "") + Sky.money(change) + ")");
    const count = el("p", d.moved.length + " scene(s) moved to another day" +
      (d.reordered_days.length ? "; order changed within day(s) " + d.reordered_days.join(", ") : ""));
    const list = el("ul");
    for (const m of d.moved) {
      const item = el("li");
      item.append("scene ", bold(m.number), ": day " + (m.from_day ?? "–") + " → day " + (m.to_day ?? "–"));
      list.append(item);
    }
    box.replaceChildren(summary, count, list);
    box.hidden = false;
  });
  for (const button of document.querySelectorAll("button.restore")) {
    button.addEventListener("click", async () => {
      const answer = await Sky.api("POST", base + "/restore",
        { revision: Number(button.dataset.revision), base_revision: Number(Sky.page.revision) });
      if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
      window.location.reload();
    });
  }
})();
