/* lis - progressive enhancement only; every page works without this file. */
(function () {
  'use strict';
  // Move focus to an error summary so screen-reader users hear what to fix.
  var summary = document.querySelector('.error-summary[tabindex]');
  if (summary) summary.focus();
})();
