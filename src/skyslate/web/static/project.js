// The project overview: boards, optimise, settings import/export.
"use strict";

(() => {
  const projectId = Sky.page.project;
  const boardId = Sky.page.board;
  Sky.optimisePanel(projectId, boardId, (job) => {
    if (job.state === "done") window.location = "/projects/" + projectId + "/board?board=" + boardId;
  });

  document.getElementById("new-board").addEventListener("submit", async (event) => {
    event.preventDefault();
    const data = new FormData(event.target);
    const body = { name: data.get("name") };
    if (data.get("copy")) body.copy_from = Number(boardId);
    const answer = await Sky.api("POST", "/api/projects/" + projectId + "/boards", body);
    if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
    window.location = "/projects/" + projectId + "/board?board=" + answer.data.id;
  });

  document.getElementById("import-toml").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (file) document.getElementById("settings").value = await file.text();
    Sky.message("Imported " + file.name + ": press Save settings to keep it.", "info");
  });

  document.getElementById("save-settings").addEventListener("click", async () => {
    const text = document.getElementById("settings").value;
    const answer = await Sky.api("PUT", "/api/projects/" + projectId + "/settings", { settings_toml: text });
    if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
    Sky.message("Settings saved (version " + answer.data.version + ").", "info");
  });

  document.getElementById("add-files").addEventListener("change", async (event) => {
    const form = new FormData();
    for (const file of event.target.files) form.append("files", file);
    const answer = await Sky.api("POST", "/api/projects/" + projectId + "/files", form);
    if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
    Sky.message("Files saved: " + answer.data.files.join(", "), "info");
  });
})();
