// tito console: code highlighting, keyboard navigation of the grading forms, live updates (server-sent events).
"use strict";
document.addEventListener("DOMContentLoaded", () => {
  if (window.hljs) {
    document.querySelectorAll("pre.source code.language-python").forEach((block) => window.hljs.highlightElement(block));
  }
  keyboard();
  live();
});

// formgrader's keys: j/k move between grade fields, n goes to the next answer that waits for a person
function keyboard() {
  // the fields of answers, and of tests whose hand-given score is open
  const visible = () => Array.from(document.querySelectorAll("input.score-field"))
    .filter((field) => field.closest("details:not([open])") === null);
  if (visible().length === 0) {
    return;
  }
  const focusAt = (index) => {
    const fields = visible();
    const field = fields[(index + fields.length) % fields.length];
    field.focus();
    field.select();
    field.closest(".cell").scrollIntoView({ block: "center" });
  };
  document.addEventListener("keydown", (event) => {
    const typing = event.target.matches("input, textarea, select");
    if (typing) {
      if (event.key === "Escape") {
        event.target.blur();
      }
      return;
    }
    if (event.ctrlKey || event.metaKey || event.altKey) {
      return;
    }
    const fields = visible();
    const current = fields.findIndex((field) => field.closest(".cell") === document.activeElement?.closest?.(".cell"));
    if (event.key === "j") {
      focusAt(current + 1);
    } else if (event.key === "k") {
      focusAt(current < 0 ? -1 : current - 1);
    } else if (event.key === "n") {
      const next = document.getElementById("next-ungraded");
      if (next) {
        window.location.href = next.href;
      }
    } else {
      return;
    }
    event.preventDefault();
  });
  // arriving at a cell (#cell-...) puts the cursor in its score; after the load, as the browser's own scroll to the
  // fragment moves the focus to the document
  const arrive = () => {
    const target = window.location.hash && document.getElementById(decodeURIComponent(window.location.hash.slice(1)));
    const field = target && target.querySelector("input.score-field");
    if (field) {
      field.focus();
      field.select();
    }
  };
  window.addEventListener("load", () => setTimeout(arrive, 0));
  window.addEventListener("hashchange", arrive);
}

// the live class: the server sends the panel again on every change of the cluster's state
function live() {
  const panel = document.getElementById("live");
  const gradebook = document.getElementById("gradebook");
  if (!panel && !gradebook) {
    return;
  }
  const state = document.getElementById("live-state");
  const events = new EventSource("events");
  window.consoleEvents = events;
  events.addEventListener("open", () => { if (state) { state.textContent = "live"; } });
  events.addEventListener("error", () => { if (state) { state.textContent = "reconnecting…"; } });
  if (panel) {
    events.addEventListener("live", (event) => {
      // server-rendered and escaped there: the console's own HTML
      panel.innerHTML = event.data;
      panel.dataset.updated = String(Date.now());
    });
  }
  if (gradebook) {
    // a large table is not redrawn under the reader: a line offers the new grades
    events.addEventListener("grades", () => {
      if (document.getElementById("grades-changed")) {
        return;
      }
      const line = document.createElement("p");
      line.id = "grades-changed";
      line.className = "flash";
      const link = document.createElement("a");
      link.href = window.location.pathname;
      link.textContent = "Grades changed: show them";
      line.appendChild(link);
      document.querySelector("main").prepend(line);
    });
  }
}
