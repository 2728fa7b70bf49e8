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
    const rows = d.moved.map((m) => "<li>scene <b>" + m.number + "</b>: day " + (m.from_day ?? "–") + " → day " + (m.to_day ?? "–") + "</li>").join("");
    box.innerHTML = "<p>Revision " + a + " cost <b>" + Sky.money(d.a.cost.total) + "</b>, revision " + b +
      " cost <b>" + Sky.money(d.b.cost.total) + "</b> (" + (change > 0 ? "+" : "") + Sky.money(change) + ")</p>" +
      "<p>" + d.moved.length + " scene(s) moved to another day" +
      (d.reordered_days.length ? "; order changed within day(s) " + d.reordered_days.join(", ") : "") + "</p><ul>" + rows + "</ul>";
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
