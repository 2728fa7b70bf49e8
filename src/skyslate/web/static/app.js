// skyslate: helpers every page shares (JSON API calls, messages, the optimise panel).
"use strict";

const Sky = {
  page: document.getElementById("page") ? document.getElementById("page").dataset : {},

  // Calls the API; resolves to {ok, status, data} and never throws on an HTTP error.
  async api(method, url, body) {
    const options = { method, headers: {} };
    if (body instanceof FormData) {
      options.body = body;
    } else if (body !== undefined) {
      options.headers["content-type"] = "application/json";
      options.body = JSON.stringify(body);
    }
    let response;
    try {
      response = await fetch(url, options);
    } catch (error) {
      return { ok: false, status: 0, data: { error: "NetworkError", message: "the server did not answer: " + error } };
    }
    let data = null;
    const text = await response.text();
    try { data = text ? JSON.parse(text) : null; } catch (_) { data = { error: "BadAnswer", message: text.slice(0, 300) }; }
    return { ok: response.ok, status: response.status, data };
  },

  message(text, kind) {
    const box = document.getElementById("message");
    if (!box) return;
    box.hidden = !text;
    box.textContent = text || "";
    box.className = "message " + (kind || "error");
    // An error said at the top of a long page must be seen where the user is working.
    if (text && (kind || "error") === "error") box.scrollIntoView({ block: "nearest" });
  },

  errorText(data) {
    if (!data) return "unknown error";
    let text = (data.error ? data.error + ": " : "") + (data.message || "");
    if (data.conflicts && data.conflicts.length) text += " — " + data.conflicts.join("; ");
    return text;
  },

  money(value) {
    if (value === null || value === undefined) return "–";
    return Number(value).toLocaleString("en-US", { maximumFractionDigits: 0 });
  },

  // The optimise panel: start a job, poll its progress, cancel it; onDone(job) when it ends.
  optimisePanel(projectId, boardId, onDone) {
    const start = document.getElementById("optimise-start");
    if (!start) return;
    const cancel = document.getElementById("optimise-cancel");
    const bar = document.getElementById("optimise-progress");
    const status = document.getElementById("optimise-status");
    let jobId = null;

    const show = (job) => {
      const running = job.state === "queued" || job.state === "running";
      start.disabled = running;
      cancel.hidden = !running;
      bar.hidden = !running;
      if (job.progress === null || job.progress === undefined) bar.removeAttribute("value");
      else bar.value = job.progress;
      let text = job.state;
      if (job.message) text += " — " + job.message;
      if (job.best_cost !== null && job.best_cost !== undefined) text += " · best " + Sky.money(job.best_cost);
      if (job.bound !== null && job.bound !== undefined) text += " · bound " + Sky.money(job.bound);
      if (job.state === "failed" && job.error) text = "failed — " + Sky.errorText(job.error);
      if (job.state === "done" && job.result) text = "done — saved as revision " + job.result.revision;
      status.textContent = text;
      status.dataset.state = job.state;
    };

    const poll = async () => {
      if (!jobId) return;
      const answer = await Sky.api("GET", "/api/jobs/" + jobId);
      if (!answer.ok) { status.textContent = Sky.errorText(answer.data); return; }
      show(answer.data);
      if (answer.data.state === "queued" || answer.data.state === "running") {
        setTimeout(poll, 400);
      } else {
        jobId = null;
        if (onDone) onDone(answer.data);
      }
    };

    start.addEventListener("click", async () => {
      const limit = parseFloat(document.getElementById("time-limit").value) || 20;
      const answer = await Sky.api("POST", "/api/projects/" + projectId + "/optimise",
        { board: Number(boardId), time_limit_seconds: limit });
      if (!answer.ok) { status.textContent = Sky.errorText(answer.data); status.dataset.state = "failed"; return; }
      jobId = answer.data.job;
      show({ state: "queued", message: "starting", progress: 0 });
      poll();
    });
    cancel.addEventListener("click", async () => {
      if (jobId) await Sky.api("POST", "/api/jobs/" + jobId + "/cancel");
    });
  },
};
