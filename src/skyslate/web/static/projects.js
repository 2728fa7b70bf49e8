// The projects page: create a project from a script and its settings, typed or built in a form.
"use strict";

(() => {
  const builder = document.getElementById("builder");
  const rows = {
    "f-cast": [["id", "number", "narrow"], ["characters"], ["actor"], ["rate", "number", "narrow"], ["available"], ["hold", "checkbox"], ["drop", "checkbox"]],
    "f-people": [["name"], ["roles"], ["rate", "number", "narrow"], ["available"]],
    "f-locations": [["name"], ["lat", "number", "narrow"], ["lon", "number", "narrow"], ["tz"], ["element_sets", "file"], ["sets"], ["available"]],
  };

  function addRow(tableId, values) {
    const row = document.createElement("tr");
    for (const [name, type, extra] of rows[tableId]) {
      const cell = document.createElement("td");
      const input = document.createElement("input");
      input.name = name;
      input.type = type || "text";
      if (extra) input.className = extra;
      if (type === "number") input.step = "any";
      const value = values ? values[name] : undefined;
      if (type === "checkbox") input.checked = Boolean(value);
      else if (value !== undefined && type !== "file") input.value = value;
      cell.append(input);
      row.append(cell);
    }
    const remove = document.createElement("button");
    remove.type = "button"; remove.textContent = "×"; remove.title = "remove";
    remove.addEventListener("click", () => row.remove());
    const cell = document.createElement("td"); cell.append(remove); row.append(cell);
    document.querySelector("#" + tableId + " tbody").append(row);
  }
  for (const button of document.querySelectorAll("button.add")) button.addEventListener("click", () => addRow(button.dataset.table));

  // Choosing a script breaks it down on the server (nothing stored) to prefill the form.
  document.getElementById("script").addEventListener("change", async (event) => {
    const file = event.target.files[0];
    if (!file) return;
    const form = new FormData(); form.append("script", file);
    const answer = await Sky.api("POST", "/api/scripts/breakdown", form);
    if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
    Sky.message("", "info");
    const found = answer.data;
    document.getElementById("f-title").value = found.title || file.name.replace(/\.[^.]+$/, "");
    for (const tableId of ["f-cast", "f-people", "f-locations", "f-needs"]) document.querySelector("#" + tableId + " tbody").innerHTML = "";
    found.characters.forEach((name, i) => addRow("f-cast", { id: i + 1, characters: name, actor: "", rate: 0, hold: true }));
    addRow("f-people", { name: "", roles: "director, camera, sound" });
    addRow("f-locations", { name: "Location 1", sets: found.sets.join(", "), tz: "UTC" });
    const needs = document.querySelector("#f-needs tbody");
    for (const scene of found.scenes) {
      if (scene.number === null) continue;
      const row = document.createElement("tr");
      row.innerHTML = "<td></td><td></td><td><input name=needs></td>";
      row.children[0].textContent = scene.number;
      row.children[1].textContent = scene.heading;
      row.dataset.scene = scene.number;
      needs.append(row);
    }
    builder.hidden = false;
  });

  // -- TOML writing: strings quoted as JSON (a subset of TOML basic strings), dates bare.
  const DATE = /^\d{4}-\d{2}-\d{2}$/;
  const MOMENT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(Z|[+-]\d{2}:\d{2})$/;
  const quote = (text) => JSON.stringify(String(text));
  const list = (text) => text.split(",").map((s) => s.trim()).filter(Boolean);

  function value(v) {
    if (v && v.raw) return v.raw;
    if (Array.isArray(v)) return "[" + v.map(value).join(", ") + "]";
    if (typeof v === "object") return "{ " + Object.entries(v).map(([k, x]) => k + " = " + value(x)).join(", ") + " }";
    if (typeof v === "number" || typeof v === "boolean") return String(v);
    return quote(v);
  }

  function moment(text, where) {
    if (DATE.test(text) || MOMENT.test(text)) return { raw: text };
    throw new Error(where + ": '" + text + "' is not a date (2021-09-13) or a time with offset (2021-10-05T12:22:00Z)");
  }

  function availability(text, where) {
    const spans = [];
    for (const part of text.split(";").map((s) => s.trim()).filter(Boolean)) {
      const [range, hours] = part.split(/\s+/);
      const [from, to] = range.split("..");
      if (!to) throw new Error(where + ": write spans as FROM..TO, got '" + part + "'");
      const span = { from: moment(from, where), to: moment(to, where) };
      if (hours) span.hours = hours;
      spans.push(span);
    }
    return spans;
  }

  const cells = (row) => Object.fromEntries([...row.querySelectorAll("input")].map((i) => [i.name, i.type === "checkbox" ? i.checked : i]));

  function writeToml() {
    const out = [];
    const line = (key, v) => out.push(key + " = " + value(v));
    const text = (id) => document.getElementById(id).value.trim();
    out.push("# skyslate.toml written by the settings form", "", "[production]");
    line("title", text("f-title") || "Untitled");
    line("script", document.getElementById("script").files[0].name);
    out.push("", "[calendar]");
    if (!text("f-first")) throw new Error("calendar: give the first shoot day");
    line("first_day", { raw: text("f-first") });
    if (text("f-last")) line("last_day", { raw: text("f-last") });
    else line("shoot_days", 30);
    const off = [...document.querySelectorAll("input[name=off]:checked")].map((i) => i.value);
    if (off.length) line("weekdays_off", off);
    const holidays = list(text("f-holidays")).map((d) => moment(d, "holidays"));
    if (holidays.length) line("holidays", holidays);
    line("tz", text("f-tz") || "UTC");
    out.push("", "[hours]");
    line("ground", text("f-ground-hours"));
    line("orbit", text("f-orbit-hours"));
    out.push("", "[rates]");
    line("minutes_per_eighth", Number(text("f-minutes")) || 8);
    line("overtime_per_hour", Number(text("f-overtime")) || 0);
    line("per_shoot_day", Number(text("f-per-day")) || 0);
    line("per_company_move", Number(text("f-per-move")) || 0);
    for (const row of document.querySelectorAll("#f-cast tbody tr")) {
      const c = cells(row);
      out.push("", "[[cast]]");
      line("id", Number(c.id.value));
      line("characters", list(c.characters.value));
      line("actor", c.actor.value.trim());
      line("rate_per_day", Number(c.rate.value) || 0);
      const spans = availability(c.available.value, "cast " + c.id.value);
      if (spans.length) line("available", spans);
      line("hold_allowed", c.hold);
      line("drop_allowed", c.drop);
    }
    for (const row of document.querySelectorAll("#f-people tbody tr")) {
      const p = cells(row);
      if (!p.name.value.trim()) continue;
      out.push("", "[[people]]");
      line("name", p.name.value.trim());
      line("roles", list(p.roles.value));
      line("rate_per_day", Number(p.rate.value) || 0);
      const spans = availability(p.available.value, "person " + p.name.value);
      if (spans.length) line("available", spans);
    }
    for (const row of document.querySelectorAll("#f-locations tbody tr")) {
      const l = cells(row);
      out.push("", "[[locations]]");
      line("name", l.name.value.trim());
      const file = l.element_sets.files[0];
      if (file) line("element_sets", file.name);
      else {
        if (l.lat.value) line("lat", Number(l.lat.value));
        if (l.lon.value) line("lon", Number(l.lon.value));
        line("tz", l.tz.value.trim() || "UTC");
      }
      const spans = availability(l.available.value, "location " + l.name.value);
      if (spans.length) line("available", spans);
      line("sets", list(l.sets.value));
    }
    const needs = [...document.querySelectorAll("#f-needs tbody tr")].filter((r) => r.querySelector("input").value.trim());
    for (const row of needs) {
      out.push("", "[scenes." + quote(row.dataset.scene) + "]");
      line("needs", row.querySelector("input").value.trim());
    }
    return out.join("\n") + "\n";
  }

  document.getElementById("f-write").addEventListener("click", () => {
    try {
      document.getElementById("settings-text").value = writeToml();
      Sky.message("skyslate.toml written below: check it, then Create project.", "info");
    } catch (error) {
      Sky.message(error.message);
    }
  });

  document.getElementById("new-project").addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = new FormData();
    const script = document.getElementById("script").files[0];
    const settingsFile = document.getElementById("settings-file").files[0];
    const settingsText = document.getElementById("settings-text");
    if (script) form.append("script", script);
    try {
      if (!settingsFile && !settingsText.value.trim() && !builder.hidden) settingsText.value = writeToml();
    } catch (error) {
      Sky.message(error.message);
      return;
    }
    if (settingsFile) form.append("settings", settingsFile);
    else if (settingsText.value.trim()) form.append("settings_toml", settingsText.value);
    for (const file of document.getElementById("extra-files").files) form.append("files", file);
    for (const input of document.querySelectorAll("#f-locations input[type=file]")) {
      if (input.files[0]) form.append("files", input.files[0]);
    }
    const button = document.getElementById("create");
    button.disabled = true;
    Sky.message("Reading the script and checking the settings…", "info");
    const answer = await Sky.api("POST", "/api/projects", form);
    button.disabled = false;
    if (!answer.ok) { Sky.message(Sky.errorText(answer.data)); return; }
    window.location = "/projects/" + answer.data.id;
  });
})();
