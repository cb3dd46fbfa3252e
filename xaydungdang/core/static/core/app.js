// Behaviour shared by every page, without inline handlers (the Content-Security-Policy allows 'self' scripts only).
document.addEventListener("click", (event) => {
  if (event.target.closest("[data-print]")) window.print();
});
