// The projects page: create a project from a script, settings and element-set files.
"use strict";

document.getElementById("new-project").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData();
  const script = document.getElementById("script").files[0];
  const settingsFile = document.getElementById("settings-file").files[0];
  const settingsText = document.getElementById("settings-text").value;
  if (script) form.append("script", script);
  if (settingsFile) form.append("settings", settingsFile);
  else if (settingsText.trim()) form.append("settings_toml", settingsText);
  for (const file of document.getElementById("extra-files").files) form.append("files", file);
  const button = document.getElementById("create");
  button.disabled = true;
  Sky.message("Reading the script and checking the settings…", "info");
  const answer = await Sky.api("POST", "/api/projects", form);
  button.disabled = false;
  if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
  window.location = "/projects/" + answer.data.id;
});
