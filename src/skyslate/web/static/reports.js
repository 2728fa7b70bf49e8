// Reports: write them for the board's current revision (a job), then list them to view or download.
"use strict";

(() => {
  const { project, board, revision } = Sky.page;
  const list = document.getElementById("report-files");
  const status = document.getElementById("reports-status");

  const load = async () => {
    const answer = await Sky.api("GET", "/api/projects/" + project + "/reports?board=" + board + "&revision=" + revision);
    if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
    list.innerHTML = "";
    if (!answer.data.files.length) { list.innerHTML = "<li class=empty>No reports written for this revision yet.</li>"; return; }
    // The index links every document and shows the plots: it goes first.
    const files = [...answer.data.files].sort((a, b) => (b.name === "index.html") - (a.name === "index.html"));
    for (const file of files) {
      const item = document.createElement("li");
      const view = document.createElement("a");
      view.href = file.url; view.textContent = file.name; view.target = "_blank";
      const download = document.createElement("a");
      download.href = file.url + "?download=true"; download.textContent = "download";
      item.append(view, " (" + Math.ceil(file.bytes / 1024) + " KB) · ", download);
      list.append(item);
    }
  };

  const button = document.getElementById("write-reports");
  button.addEventListener("click", async () => {
    button.disabled = true;
    const answer = await Sky.api("POST", "/api/projects/" + project + "/reports", { board: Number(board), revision: Number(revision) });
    if (!answer.ok) { status.textContent = Sky.errorText(answer.data); button.disabled = false; return; }
    const poll = async () => {
      const job = await Sky.api("GET", answer.data.url);
      status.textContent = job.data.state + (job.data.message ? " — " + job.data.message : "");
      if (job.data.state === "queued" || job.data.state === "running") { setTimeout(poll, 500); return; }
      if (job.data.state === "failed") status.textContent = "failed — " + Sky.errorText(job.data.error);
      button.disabled = false;
      load();
    };
    poll();
  });
  load();
})();
