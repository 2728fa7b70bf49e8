// The breakdown view: save one scene's pages, minutes, needs and elements.
"use strict";

function parseElements(text) {
  const elements = {};
  for (const part of text.split(";")) {
    const at = part.indexOf(":");
    if (at < 0) continue;
    const category = part.slice(0, at).trim();
    const items = part.slice(at + 1).split(",").map((s) => s.trim()).filter(Boolean);
    if (category && items.length) elements[category] = items;
  }
  return elements;
}

for (const row of document.querySelectorAll("tr[data-scene]")) {
  row.querySelector(".save-scene").addEventListener("click", async () => {
    const status = row.querySelector(".row-status");
    const minutes = row.querySelector(".minutes").value;
    const body = {
      eighths: Number(row.querySelector(".eighths").value),
      elements: parseElements(row.querySelector(".elements").value),
      duration_minutes: minutes ? Number(minutes) : null,
      needs: row.querySelector(".needs").value.trim() || null,
    };
    status.textContent = "saving…";
    const answer = await Sky.api("PATCH",
      "/api/projects/" + Sky.page.project + "/scenes/" + encodeURIComponent(row.dataset.scene), body);
    status.textContent = answer.ok ? "saved" : "";
    if (!answer.ok) Sky.message(Sky.errorText(answer.data));
  });
}
