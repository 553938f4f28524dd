/* lis - progressive enhancement only; every page works without this file. */
(function () {
  'use strict';
  // Move focus to an error summary so screen-reader users hear what to fix.
  var summary = document.querySelector('.error-summary[tabindex]');
  if (summary) summary.focus();
  // Incident clocks count down while the page is open; the server's text is the start,
  // in the same form ("2 d 5 h", "3 h 10 min", "40 min").
  var clocks = document.querySelectorAll('[data-due]');
  function span(s) {
    var d = Math.floor(s / 86400), h = Math.floor(s % 86400 / 3600), m = Math.floor(s % 3600 / 60);
    return d ? d + ' d ' + h + ' h' : h ? h + ' h ' + m + ' min' : m + ' min';
  }
  function tick() {
    var now = Date.now() / 1000;
    for (var i = 0; i < clocks.length; i++) {
      var c = clocks[i], left = Number(c.getAttribute('data-due')) - now;
      c.textContent = c.getAttribute(left < 0 ? 'data-overdue' : 'data-left') + ' ' + span(Math.abs(left));
    }
  }
  if (clocks.length) setInterval(tick, 30000);
})();
