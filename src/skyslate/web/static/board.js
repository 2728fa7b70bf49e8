// The stripboard: render a board from the API, drag strips between places and days, save.
// The server evaluates every saved order (cost and violations); this page only draws it.
"use strict";

(() => {
  const projectId = Sky.page.project;
  const boardId = Sky.page.board;
  const scenes = JSON.parse(document.getElementById("scenes-data").textContent);
  const sceneInfo = Object.fromEntries(scenes.map((s) => [String(s.number), s]));
  const boardEl = document.getElementById("board");
  const saveStatus = document.getElementById("save-status");
  const conflict = document.getElementById("conflict");
  const scheduleUrl = "/api/projects/" + projectId + "/schedule?board=" + boardId;
  let shown = null; // the schedule document on screen
  let saving = false;
  let dragged = null;
  let dropped = false;

  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  };

  const eighthsText = (n) => {
    const pages = Math.floor(n / 8), rest = n % 8;
    if (pages && rest) return pages + " " + rest + "/8";
    return pages ? String(pages) : rest + "/8";
  };

  const hhmm = (iso) => {
    const match = /T(\d\d:\d\d)/.exec(iso || "");
    return match ? match[1] : "";
  };

  const minutesBetween = (a, b) => (Date.parse(b) - Date.parse(a)) / 60000;

  const span = (windows) => windows && windows.length ? hhmm(windows[0][0]) + "–" + hhmm(windows[windows.length - 1][1]) : "";

  // INT DAY white, EXT DAY yellow, INT NIGHT blue, EXT NIGHT green (FIELD-NOTES 2.1).
  const stripClass = (info) => {
    const ie = (info && info.int_ext) || "INT";
    const ext = ie !== "INT";
    const night = info && info.day_night === "NIGHT";
    return "strip " + (ext ? "ext" : "int") + "-" + (night ? "night" : "day");
  };

  // D or N decides the colour; the script's own word (DAWN, DUSK, MORNING) is kept beside it,
  // so a dawn scene coloured as day does not look like a mistake.
  const dayNightText = (info) => {
    if (!info.day_night) return "";
    const word = (info.time_of_day || "").toUpperCase();
    const plain = !word || word === "DAY" || word === "NIGHT";
    const short = { MORNING: "morn", AFTERNOON: "aftn", EVENING: "eve", SUNRISE: "sunr", SUNSET: "suns", CONTINUOUS: "cont" };
    return info.day_night[0] + (plain ? "" : " " + (short[word] || word.toLowerCase().slice(0, 5)));
  };

  const lightText = (light) => {
    if (!light) return "";
    if (light.sunlit || light.umbra) {
      const sunlit = light.sunlit || [];
      const total = sunlit.reduce((sum, w) => sum + minutesBetween(w[0], w[1]), 0);
      let text = "sunlit " + sunlit.length + "× (" + Math.floor(total / 60) + " h " + Math.round(total % 60) + " min)";
      if (light.umbra) text += " · umbra " + light.umbra.length + "×";
      for (const [name, windows] of Object.entries(light.contacts || {})) text += " · " + name + " contact " + windows.length + "×";
      return text + " (UTC)";
    }
    if (light.polar) return "polar " + light.polar;
    let text = "sunrise " + (hhmm(light.sunrise) || "–") + " · sunset " + (hhmm(light.sunset) || "–");
    if (light.golden_hour && light.golden_hour.length) text += " · golden " + light.golden_hour.map((w) => hhmm(w[0]) + "–" + hhmm(w[1])).join(", ");
    return text;
  };

  const weekday = (isoDate) => {
    const date = new Date(isoDate + "T12:00:00Z");
    return date.toLocaleDateString("en-GB", { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
  };

  function showCost(doc) {
    const cost = doc.cost || {};
    document.getElementById("cost-total").textContent = Sky.money(cost.total);
    document.getElementById("cost-terms").textContent =
      ["cast", "overtime", "moves", "days"].filter((k) => k in cost).map((k) => k + " " + Sky.money(cost[k])).join(" · ");
    document.getElementById("revision").textContent = doc.revision;
    const bound = document.getElementById("bound");
    bound.textContent = doc.lower_bound !== null && doc.lower_bound !== undefined
      ? "bound " + Sky.money(doc.lower_bound) + (doc.optimal ? " (optimal)" : "") : "";
  }

  function strip(number, detail, problems) {
    const info = sceneInfo[number] || {};
    const item = el("li", stripClass(info));
    item.draggable = true;
    item.tabIndex = 0;
    item.dataset.scene = number;
    item.setAttribute("aria-label", "scene " + number + "; Alt+Up or Alt+Down moves it");
    item.append(
      el("span", "no", number),
      el("span", "ie", info.int_ext || ""),
      el("span", "set", (detail && detail.set) || info.location || ""),
      el("span", "dn", dayNightText(info)),
      el("span", "pages", eighthsText((detail && detail.eighths) || info.eighths || 1)),
      el("span", "cast", detail && detail.cast ? detail.cast.join(",") : ""),
      el("span", "time", detail && detail.start ? hhmm(detail.start) + "–" + hhmm(detail.end) : ""),
      el("span", "needs", detail && detail.needs ? detail.needs.join(" & ") : ""),
    );
    if (problems.length) {
      item.classList.add("broken");
      item.title = problems.join("\n");
      item.append(el("span", "problem", "⚠ " + problems.join("; ")));
    }
    return item;
  }

  function render(doc) {
    shown = doc;
    showCost(doc);
    document.getElementById("stale").hidden = !doc.stale;
    boardEl.innerHTML = "";
    const byDate = {};
    const detail = {};
    for (const day of doc.days || []) {
      byDate[String(day.date).slice(0, 10)] = day;
      for (const scene of day.scenes || []) {
        const number = String(scene.number);
        // A split scene has several pieces; the strip shows the first start and the last end.
        if (detail[number]) detail[number] = { ...detail[number], end: scene.end };
        else detail[number] = scene;
      }
    }
    const problemsOf = {};
    const dayProblems = {};
    for (const v of doc.violations || []) {
      if (v.scene !== null && v.scene !== undefined) (problemsOf[String(v.scene)] ||= []).push(v.text);
      else if (v.day) (dayProblems[String(v.day).slice(0, 10)] ||= []).push(v.text);
    }
    const list = document.getElementById("violations");
    list.innerHTML = "";
    const count = (doc.violations || []).length;
    if (count) list.append(el("li", "head", count + " broken constraint(s) in this order:"));
    for (const v of doc.violations || []) {
      const named = v.scene ? v.text.includes("scene " + v.scene) : v.day ? v.text.includes(v.day) : true;
      const where = v.scene ? "scene " + v.scene + ": " : v.day ? v.day + ": " : "";
      list.append(el("li", "", (named ? "" : where) + v.text));
    }

    const order = doc.order || [];
    const dates = doc.shoot_dates || [];
    const dayCount = Math.min(dates.length || order.length + 2, Math.max(order.length + 2, 1));
    const placed = new Set();
    const head = el("div", "strip head");
    for (const label of ["Scene", "I/E", "Set", "D/N", "Pages", "Cast", "Time", "Needs"]) head.append(el("span", "", label));
    boardEl.append(head);
    const dayMs = 86400000;
    let shootDay = 0; // "Day N" is the Nth day the company shoots, as on call sheets and reports
    for (let i = 0; i < dayCount; i++) {
      const date = dates[i] || "";
      // Calendar dates between two shoot dates are days off: a grey banner, as on a paper board.
      if (i > 0 && date && dates[i - 1]) {
        const gap = Math.round((Date.parse(date) - Date.parse(dates[i - 1])) / dayMs) - 1;
        if (gap > 0) {
          const first = new Date(Date.parse(dates[i - 1]) + dayMs).toISOString().slice(0, 10);
          boardEl.append(el("div", "dayoff", gap === 1 ? "Day off — " + weekday(first) : gap + " days off from " + weekday(first)));
        }
      }
      const day = byDate[date] || {};
      const section = el("section", "day");
      section.dataset.day = i;
      const strips = el("ol", "strips");
      let eighths = 0;
      for (const number of order[i] || []) {
        placed.add(String(number));
        const info = sceneInfo[number] || {};
        eighths += (detail[number] && detail[number].eighths) || info.eighths || 0;
        strips.append(strip(String(number), detail[number], problemsOf[number] || []));
      }
      const times = (day.scenes || []).filter((s) => s.start);
      const busy = (order[i] || []).length > 0;
      if (busy) shootDay = day.number || shootDay + 1;
      // An available date left empty is no shoot day: it gets no number, only its date.
      const parts = busy
        ? ["End of Day " + shootDay, date ? weekday(date) : "", eighthsText(eighths) + (eighths === 8 ? " page" : " pages")]
        : [date ? weekday(date) : "", "free date, no shooting (drop a strip here to shoot it)"];
      // Every location of the day in shooting order, so a company move shows as "A → B".
      const places = [...new Set((day.scenes || []).map((s) => s.location).filter(Boolean))];
      if (places.length) parts.push(places.join(" → "));
      else if (day.location) parts.push(day.location);
      if (times.length) parts.push(hhmm(times[0].start) + "–" + hhmm(times[times.length - 1].end));
      const light = lightText(day.light);
      const breakEl = el("div", busy ? "daybreak" : "daybreak free");
      breakEl.append(el("span", "title", parts.filter(Boolean).join(" — ")));
      if (light) breakEl.append(el("span", "light", light));
      if (dayProblems[date]) breakEl.append(el("span", "problem", "⚠ " + dayProblems[date].join("; ")));
      section.append(strips, breakEl);
      boardEl.append(section);
    }
    const why = Object.fromEntries((doc.unscheduled || []).map((u) => [String(u.number), u.why]));
    const left = scenes.map((s) => String(s.number)).filter((n) => !placed.has(n));
    const yard = el("section", "day boneyard");
    yard.dataset.day = "boneyard";
    yard.append(el("h2", "", "Boneyard — not scheduled (" + left.length + ")"));
    const yardStrips = el("ol", "strips");
    for (const number of left) yardStrips.append(strip(number, null, why[number] ? [why[number]] : problemsOf[number] || []));
    yard.append(yardStrips);
    boardEl.append(yard);
  }

  function currentDays() {
    const days = [];
    for (const section of boardEl.querySelectorAll("section.day:not(.boneyard)")) {
      days.push([...section.querySelectorAll("li.strip")].map((s) => s.dataset.scene));
    }
    while (days.length && !days[days.length - 1].length) days.pop();
    return days;
  }

  async function save(movedScene, force) {
    const days = currentDays();
    if (!force && JSON.stringify(days) === JSON.stringify(shown.order)) { render(shown); return; }
    saving = true;
    boardEl.classList.add("saving");
    saveStatus.textContent = "Saving…";
    const before = shown.cost ? shown.cost.total : null;
    const note = movedScene ? "moved scene " + movedScene : "re-evaluated with the current settings";
    const answer = await Sky.api("PUT", scheduleUrl, { revision: shown.revision, days, note });
    saving = false;
    boardEl.classList.remove("saving");
    if (answer.ok) {
      conflict.hidden = true;
      render(answer.data);
      const after = answer.data.cost ? answer.data.cost.total : null;
      const change = after !== null && before !== null ? after - before : null;
      saveStatus.textContent = "Saved as revision " + answer.data.revision + " — cost " + Sky.money(after) +
        (change !== null ? " (" + (change >= 0 ? "+" : "") + Sky.money(change) + ")" : "");
      return;
    }
    render(shown); // undo the move on screen: only saved orders are shown
    if (answer.status === 409) {
      document.getElementById("conflict-revision").textContent = answer.data.revision;
      conflict.hidden = false;
      saveStatus.textContent = "";
    } else {
      saveStatus.textContent = "";
      Sky.message(Sky.errorText(answer.data));
    }
  }

  boardEl.addEventListener("dragstart", (event) => {
    const item = event.target.closest && event.target.closest("li.strip");
    if (!item || saving) { event.preventDefault(); return; }
    dragged = item;
    dropped = false;
    item.classList.add("dragging");
    event.dataTransfer.effectAllowed = "move";
    event.dataTransfer.setData("text/plain", item.dataset.scene);
  });

  // Put the dragged strip where the pointer is: before the first strip whose middle is below it.
  function place(event) {
    const list = event.target.closest && event.target.closest("ol.strips");
    if (!list || !dragged) return false;
    const others = [...list.querySelectorAll("li.strip:not(.dragging)")];
    const next = others.find((s) => { const box = s.getBoundingClientRect(); return event.clientY < box.top + box.height / 2; });
    if (next) { if (next.previousElementSibling !== dragged) list.insertBefore(dragged, next); }
    else if (list.lastElementChild !== dragged) list.append(dragged);
    return true;
  }

  boardEl.addEventListener("dragover", (event) => {
    if (!place(event)) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = "move";
  });

  boardEl.addEventListener("drop", (event) => {
    if (!dragged) return;
    event.preventDefault();
    place(event); // the drop point decides, even if the last dragover came from elsewhere
    dropped = true;
  });

  boardEl.addEventListener("dragend", () => {
    if (!dragged) return;
    const moved = dragged.dataset.scene;
    dragged.classList.remove("dragging");
    dragged = null;
    if (dropped) save(moved); else if (shown) render(shown);
  });

  async function load() {
    const answer = await Sky.api("GET", scheduleUrl);
    conflict.hidden = true;
    saveStatus.textContent = "";
    if (answer.ok) { render(answer.data); return; }
    if (answer.status === 404 && answer.data && answer.data.error === "NoSchedule") {
      boardEl.innerHTML = "";
      boardEl.append(el("p", "empty", "No schedule on this board yet: press Optimise."));
      document.getElementById("revision").textContent = answer.data.revision;
      return;
    }
    boardEl.innerHTML = "";
    Sky.message(Sky.errorText(answer.data));
  }

  // Keyboard moves: Alt+ArrowUp / Alt+ArrowDown move the focused strip one place, across day breaks.
  boardEl.addEventListener("keydown", async (event) => {
    const item = event.target.closest && event.target.closest("li.strip");
    if (!item || saving || !event.altKey || (event.key !== "ArrowUp" && event.key !== "ArrowDown")) return;
    event.preventDefault();
    const lists = [...boardEl.querySelectorAll("ol.strips")];
    const list = item.parentElement;
    const at = lists.indexOf(list);
    if (event.key === "ArrowUp") {
      if (item.previousElementSibling) list.insertBefore(item, item.previousElementSibling);
      else if (at > 0) lists[at - 1].append(item);
      else return;
    } else {
      if (item.nextElementSibling) list.insertBefore(item.nextElementSibling, item);
      else if (at < lists.length - 1) lists[at + 1].prepend(item);
      else return;
    }
    const number = item.dataset.scene;
    await save(number);
    const moved = boardEl.querySelector('li.strip[data-scene="' + CSS.escape(number) + '"]');
    if (moved) moved.focus();
  });

  document.getElementById("conflict-reload").addEventListener("click", load);
  document.getElementById("re-evaluate").addEventListener("click", () => save(null, true));
  Sky.optimisePanel(projectId, boardId, (job) => { if (job.state === "done") load(); });
  load();
})();
