// The member list's filter form (no inline script: the Content-Security-Policy allows scripts from 'self' only).
(() => {
  const form = document.getElementById("member-filter");
  if (!form) return;
  // Keep the address bar short: leave empty filters out of the request htmx pushes into history.
  form.addEventListener("htmx:configRequest", (event) => {
    for (const [name, value] of Object.entries(event.detail.parameters)) {
      if (value === "") delete event.detail.parameters[name];
    }
  });
  // "Xuất Excel" exports the list as the form filters it now, even before the filters were applied.
  const exportLink = document.getElementById("member-export");
  if (exportLink) {
    exportLink.addEventListener("click", () => {
      exportLink.search = new URLSearchParams(new FormData(form)).toString();
    });
  }
})();
