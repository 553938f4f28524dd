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
  // The row's state turns with its countdown: amber and red at the moments the server
  // named (data-clock-amber, data-clock-due), the badge's word and the row's class at once.
  var rows = document.querySelectorAll('tr[data-clock-due]');
  function tick() {
    var now = Date.now() / 1000;
    for (var i = 0; i < clocks.length; i++) {
      var c = clocks[i], left = Number(c.getAttribute('data-due')) - now;
      c.textContent = c.getAttribute(left < 0 ? 'data-overdue' : 'data-left') + ' ' + span(Math.abs(left));
    }
    for (var j = 0; j < rows.length; j++) {
      var row = rows[j], badge = row.querySelector('strong.clock');
      var state = now > Number(row.getAttribute('data-clock-due')) ? 'red'
        : now > Number(row.getAttribute('data-clock-amber')) ? 'amber' : 'ok';
      row.className = 'clock-' + state;
      if (badge) {
        badge.className = 'clock clock-' + state;
        badge.textContent = row.getAttribute('data-label-' + state);
      }
    }
  }
  if (clocks.length) setInterval(tick, 30000);
  // The menu's groups: opening one closes the others; a click elsewhere or Escape closes
  // the open one (Escape gives focus back to its heading). Without this they stay open.
  var groups = document.querySelectorAll('nav.main details');
  function closeGroups(except) {
    for (var i = 0; i < groups.length; i++) if (groups[i] !== except) groups[i].open = false;
  }
  for (var g = 0; g < groups.length; g++) {
    groups[g].addEventListener('toggle', function (ev) { if (ev.target.open) closeGroups(ev.target); });
  }
  if (groups.length) {
    document.addEventListener('click', function (ev) {
      if (!ev.target.closest || !ev.target.closest('nav.main details')) closeGroups(null);
    });
    document.addEventListener('keydown', function (ev) {
      if (ev.key !== 'Escape') return;
      var open = document.querySelector('nav.main details[open]');
      if (!open) return;
      open.open = false;
      open.querySelector('summary').focus();
    });
  }
  // Reference fields become comboboxes (WAI-ARIA 1.2): typing asks /pick/:kind for the
  // rows whose words start with it, arrows move through them, Enter takes one, Escape
  // closes the list (or, closed, clears the box), and a live region says how many match.
  // The chosen id goes in a hidden field of the field's own name; the box is renamed
  // name__text, so text typed without choosing is still resolved (or asked about) by the
  // server, as it is without JavaScript.
  function picker(input) {
    var name = input.name, listId = input.id + '-list', url = input.getAttribute('data-pick');
    var hidden = document.createElement('input');
    hidden.type = 'hidden';
    hidden.name = name;
    hidden.value = input.getAttribute('data-pick-id') || '';
    input.name = name + '__text';
    if (hidden.value) input.value = input.getAttribute('data-pick-title') || input.value;
    var wrap = document.createElement('div');
    wrap.className = 'pick';
    input.parentNode.insertBefore(wrap, input);
    wrap.appendChild(hidden);
    wrap.appendChild(input);
    var list = document.createElement('ul');
    list.id = listId;
    list.className = 'pick-list';
    list.setAttribute('role', 'listbox');
    var label = document.querySelector('label[for="' + input.id + '"]');
    if (label) {
      if (!label.id) label.id = input.id + '-label';
      list.setAttribute('aria-labelledby', label.id);
    }
    list.hidden = true;
    wrap.appendChild(list);
    var live = document.createElement('div');
    live.className = 'vh';
    live.setAttribute('role', 'status');
    live.setAttribute('aria-live', 'polite');
    wrap.appendChild(live);
    input.setAttribute('role', 'combobox');
    input.setAttribute('aria-autocomplete', 'list');
    input.setAttribute('aria-expanded', 'false');
    input.setAttribute('aria-controls', listId);
    var items = [], active = -1, timer = null, asked = 0;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function open() {
      if (!items.length) return;
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
    }
    function highlight(i) {
      var options = list.children;
      for (var k = 0; k < options.length; k++) options[k].setAttribute('aria-selected', k === i ? 'true' : 'false');
      active = i;
      if (i < 0) {
        input.removeAttribute('aria-activedescendant');
        return;
      }
      input.setAttribute('aria-activedescendant', options[i].id);
      if (options[i].scrollIntoView) options[i].scrollIntoView({ block: 'nearest' });
    }
    function choose(i) {
      hidden.value = String(items[i].id);
      input.value = items[i].title;
      close();
    }
    function show(data) {
      items = data.items || [];
      list.textContent = '';
      items.forEach(function (item, i) {
        var option = document.createElement('li');
        option.id = listId + '-' + i;
        option.setAttribute('role', 'option');
        option.setAttribute('aria-selected', 'false');
        var title = document.createElement('span');
        title.textContent = item.title;
        option.appendChild(title);
        var second = [item.detail, item.unit].filter(function (x) { return x; }).join(' · ');
        if (second) {
          var line = document.createElement('span');
          line.className = 'second';
          line.textContent = second;
          option.appendChild(line);
        }
        // mousedown, not click: the box keeps focus, so blur does not close the list first
        option.addEventListener('mousedown', function (ev) {
          ev.preventDefault();
          choose(i);
        });
        list.appendChild(option);
      });
      var n = items.length;
      live.textContent = n ? n + ' ' + input.getAttribute(n === 1 ? 'data-one' : 'data-many') +
        (data.more ? ', ' + input.getAttribute('data-more') : '') : input.getAttribute('data-none');
      active = -1;
      // an answer that comes after the user has moved on opens nothing over the next field
      if (n && document.activeElement === input) open(); else close();
    }
    function search() {
      var q = input.value.trim(), mine = ++asked;
      if (!q) {
        items = [];
        list.textContent = '';
        live.textContent = '';
        close();
        return;
      }
      fetch(url + '?q=' + encodeURIComponent(q), { credentials: 'same-origin', headers: { accept: 'application/json' } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data && mine === asked) show(data); })
        .catch(function () { /* the server resolves the typed text on save */ });
    }
    input.addEventListener('input', function () {
      hidden.value = '';
      clearTimeout(timer);
      timer = setTimeout(search, 120);
    });
    input.addEventListener('keydown', function (ev) {
      if (ev.key === 'ArrowDown' || ev.key === 'ArrowUp') {
        ev.preventDefault();
        if (!items.length) {
          search();
          return;
        }
        if (list.hidden) open();
        var down = ev.key === 'ArrowDown';
        highlight(active < 0 ? (down ? 0 : items.length - 1) : (active + (down ? 1 : items.length - 1)) % items.length);
      } else if (ev.key === 'Enter' && !list.hidden && active >= 0) {
        ev.preventDefault();
        choose(active);
      } else if (ev.key === 'Escape') {
        if (!list.hidden) {
          ev.preventDefault();
          close();
        } else if (input.value) {
          ev.preventDefault();
          input.value = '';
          hidden.value = '';
        }
      }
    });
    input.addEventListener('blur', close);
  }
  var picks = document.querySelectorAll('input[data-pick]');
  for (var p = 0; p < picks.length; p++) picker(picks[p]);
  // A long form (the self-assessment) counts its unsaved changes where the save button
  // is, and asks before the page is left with changes in it.
  function unsavedForm(form) {
    var label = form.getAttribute('data-unsaved');
    var counter = form.querySelector('.unsaved-count');
    var submitting = false;
    function changed(el) {
      if (el.type === 'hidden' || el.type === 'submit') return false;
      if (el.tagName === 'SELECT') {
        for (var i = 0; i < el.options.length; i++)
          if (el.options[i].selected !== el.options[i].defaultSelected) return true;
        return false;
      }
      return el.value !== el.defaultValue;
    }
    function count() {
      var n = 0;
      for (var i = 0; i < form.elements.length; i++) if (changed(form.elements[i])) n++;
      return n;
    }
    function update() {
      var n = count();
      if (counter) counter.textContent = n ? label + ' ' + n : '';
    }
    form.addEventListener('change', update);
    form.addEventListener('input', update);
    form.addEventListener('submit', function () { submitting = true; });
    window.addEventListener('beforeunload', function (ev) {
      if (submitting || !count()) return;
      ev.preventDefault();
      ev.returnValue = '';
    });
  }
  var longForms = document.querySelectorAll('form[data-unsaved]');
  for (var u = 0; u < longForms.length; u++) unsavedForm(longForms[u]);
})();
