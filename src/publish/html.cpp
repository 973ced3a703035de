#include <centricity/publish/html.hpp>
#include <centricity/util/markup.hpp>

#include <fmt/format.h>

namespace centricity::publish {

namespace {

using Json = nlohmann::ordered_json;

std::string html_escape(std::string_view text)
{
  return util::escape_markup(text);
}

const char* special_name(bank::OptionKind kind)
{
  switch (kind) {
  case bank::OptionKind::not_applicable:
    return "not-applicable";
  case bank::OptionKind::dont_know:
    return "dont-know";
  case bank::OptionKind::value:
    break;
  }
  return "";
}

// What the page needs of the bank: texts, options and sections, in order.
Json page_data(const Survey& survey)
{
  const bank::Questionnaire& bank = *survey.bank;
  Json sections = Json::array();
  Json questions = Json::array();
  for (const auto& section : survey.sections) {
    sections.push_back({{"title", section.title}, {"description", section.description}});
    for (const auto& item : section.items) {
      for (const std::size_t q : item.questions) {
        const bank::Question& question = bank.questions[q];
        Json options = Json::array();
        for (const auto& option : item.scale->options) {
          Json o = {{"label", option.label}};
          if (option.kind == bank::OptionKind::value) {
            o["value"] = answer_value(option);
          } else {
            o["special"] = special_name(option.kind);
          }
          options.push_back(o);
        }
        Json entry = {{"id", question.id},
                      {"text", question.text},
                      {"help", question.help},
                      {"section", sections.size() - 1},
                      {"dimension", question.dimension},
                      {"options", options}};
        if (const auto& range = item.scale->range) {
          // Typed as a number, as in `assess`; the options stay for the file.
          entry["range"] = {{"min", range->min},
                            {"max", range->max},
                            {"step", range->step},
                            {"text", range->text()}};
        }
        questions.push_back(std::move(entry));
      }
    }
  }
  Json ask = Json::array();
  for (const auto& group : survey.ask) {
    ask.push_back({{"name", group.name}, {"options", group.options}});
  }
  return {{"bank",
           {{"id", bank.id},
            {"title", bank.title},
            {"version", bank.version},
            {"description", bank.description}}},
          {"ask", ask},
          {"sections", sections},
          {"questions", questions}};
}

constexpr std::string_view k_style = R"css(
:root { color-scheme: light dark; --accent: #0b57d0; --muted: #5f6368; --line: #c4c7c5; --bg: #fff; --fg: #1f1f1f; --chosen: #e8f0fe; }
@media (prefers-color-scheme: dark) { :root { --accent: #a8c7fa; --muted: #b0b3b8; --line: #5f6368; --bg: #1f1f1f; --fg: #e3e3e3; --chosen: #0b2a5c; } }
* { box-sizing: border-box; }
body { margin: 0; background: var(--bg); color: var(--fg); font: 1.05rem/1.5 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
main { max-width: 42rem; margin: 0 auto; padding: 1rem 1rem 4rem; }
h1 { font-size: 1.5rem; line-height: 1.25; }
h2 { font-size: 1.2rem; line-height: 1.35; font-weight: 600; margin: 1rem 0; }
h2:focus, h1:focus { outline: none; }
.muted { color: var(--muted); font-size: 0.95rem; }
.bar { height: 0.5rem; background: var(--line); border-radius: 0.25rem; overflow: hidden; margin: 0.5rem 0; }
.bar > span { display: block; height: 100%; background: var(--accent); }
fieldset { border: 0; margin: 0; padding: 0; }
legend { padding: 0; }
.option { display: flex; align-items: center; gap: 0.75rem; min-height: 3rem; padding: 0.5rem 0.75rem; margin: 0.4rem 0; border: 1px solid var(--line); border-radius: 0.5rem; cursor: pointer; }
.option:hover { border-color: var(--accent); }
.option.chosen { background: var(--chosen); border-color: var(--accent); }
.option input { width: 1.25rem; height: 1.25rem; margin: 0; accent-color: var(--accent); }
.option:focus-within { outline: 3px solid var(--accent); outline-offset: 2px; }
.key { display: inline-block; min-width: 1.5rem; text-align: center; color: var(--muted); font-variant-numeric: tabular-nums; }
.nav { display: flex; flex-wrap: wrap; gap: 0.5rem; margin-top: 1.25rem; }
button { font: inherit; min-height: 2.75rem; padding: 0.5rem 1rem; border-radius: 0.5rem; border: 1px solid var(--line); background: transparent; color: inherit; cursor: pointer; }
button.primary { background: var(--accent); border-color: var(--accent); color: var(--bg); }
button:focus-visible { outline: 3px solid var(--accent); outline-offset: 2px; }
.help { border-left: 4px solid var(--accent); padding: 0.25rem 0.75rem; margin: 1rem 0; }
.keys { margin-top: 1.5rem; }
.notice { border: 1px solid var(--accent); border-radius: 0.5rem; padding: 0.5rem 0.75rem; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
@media (max-width: 30rem) { .keys { display: none; } main { padding-top: 0.5rem; } }
)css";

// The page's behaviour. State lives in localStorage under one key per bank
// version; every change is saved at once, as `assess` saves its file.
constexpr std::string_view k_script = R"js(
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('centricity-survey').textContent);
  var bank = data.bank, questions = data.questions, sections = data.sections, ask = data.ask;
  var storageKey = 'centricity:' + bank.id + '@' + bank.version;
  var main = document.getElementById('main');
  var live = document.getElementById('live');
  var state = null, showHelp = false, storageOk = true;

  function fresh() {
    var bytes = new Uint8Array(4);
    (window.crypto || window.msCrypto).getRandomValues(bytes);
    var id = 'r-';
    for (var i = 0; i < bytes.length; i++) { id += ('0' + bytes[i].toString(16)).slice(-2); }
    return { respondent: id, fields: {}, answers: {}, position: -1 };
  }
  function load() {
    try {
      var text = window.localStorage.getItem(storageKey);
      if (text) { return JSON.parse(text); }
    } catch (e) { storageOk = false; }
    return null;
  }
  function save() {
    try { window.localStorage.setItem(storageKey, JSON.stringify(state)); }
    catch (e) { storageOk = false; }
  }

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    for (var name in attrs || {}) {
      if (name === 'text') { node.textContent = attrs[name]; }
      else if (name === 'onclick') { node.addEventListener('click', attrs[name]); }
      else { node.setAttribute(name, attrs[name]); }
    }
    (children || []).forEach(function (child) { if (child) { node.appendChild(child); } });
    return node;
  }
  function words(text) { return text ? text.split(/\s+/).filter(Boolean).length : 0; }
  // 210 words a minute and four seconds to decide, as `assess` estimates.
  function secondsFor(q) { return words(q.text) / 210 * 60 + 4; }
  function minutesLeft(from) {
    var s = 0;
    for (var i = from; i < questions.length; i++) { if (!(questions[i].id in state.answers)) { s += secondsFor(questions[i]); } }
    return Math.max(1, Math.round(s / 60));
  }
  function answeredCount() {
    var n = 0;
    questions.forEach(function (q) { var a = state.answers[q.id]; if (a !== undefined && a !== null) { n++; } });
    return n;
  }
  function valueOptions(q) { return q.options.filter(function (o) { return !o.special; }); }
  function keyOf(q, index) {
    var o = q.options[index];
    if (o.special === 'not-applicable') { return 'n'; }
    if (o.special === 'dont-know') { return 'd'; }
    return String(valueOptions(q).indexOf(o) + 1);
  }
  function announce(text) { live.textContent = text; }
  function focusHeading() {
    var h = main.querySelector('h1, h2');
    if (h) { h.setAttribute('tabindex', '-1'); h.focus(); }
  }

  function render() {
    main.textContent = '';
    if (state.position < 0) { renderIntro(); }
    else if (state.position >= questions.length) { renderEnd(); }
    else { renderQuestion(); }
    focusHeading();
  }

  function renderIntro() {
    main.appendChild(el('h1', { text: bank.title }));
    if (bank.description) { main.appendChild(el('p', { text: bank.description })); }
    main.appendChild(el('p', { 'class': 'muted', text: questions.length + ' questions in ' + sections.length +
      ' sections, about ' + minutesLeft(0) + ' minutes. Every answer is kept in this browser as you go; at the end you save them as a file.' }));
    if (!storageOk) {
      main.appendChild(el('p', { 'class': 'notice', role: 'alert', text: 'This browser does not keep answers for this page: save the file before you close it.' }));
    }
    ask.forEach(function (group) {
      var options = group.options.map(function (label, i) {
        var id = 'ask-' + group.name + '-' + i;
        var input = el('input', { type: 'radio', name: 'ask-' + group.name, id: id, value: label });
        if (state.fields[group.name] === label) { input.checked = true; }
        input.addEventListener('change', function () { state.fields[group.name] = label; save(); });
        return el('label', { 'class': 'option', 'for': id }, [input, el('span', { text: label })]);
      });
      main.appendChild(el('fieldset', { 'aria-required': 'true' }, [el('legend', {}, [el('h2', { text: group.name })])].concat(options)));
    });
    var started = Object.keys(state.answers).length > 0;
    var nav = el('div', { 'class': 'nav' }, [
      el('button', { 'class': 'primary', id: 'start', type: 'button', text: started ? 'Continue' : 'Start', onclick: start }),
      started ? el('button', { type: 'button', id: 'restart', text: 'Start over', onclick: restart }) : null
    ]);
    main.appendChild(nav);
  }
  function missingGroup() {
    for (var i = 0; i < ask.length; i++) { if (!state.fields[ask[i].name]) { return ask[i].name; } }
    return null;
  }
  function start() {
    var missing = missingGroup();
    if (missing) {
      var note = main.querySelector('.notice.required') || main.appendChild(el('p', { 'class': 'notice required', role: 'alert' }));
      note.textContent = 'Please answer "' + missing + '" first.';
      return;
    }
    var first = 0;
    while (first < questions.length && questions[first].id in state.answers) { first++; }
    go(first);
  }
  function restart() {
    if (window.confirm('Clear your answers from this browser and start over?')) { state = fresh(); save(); render(); }
  }
  function go(position) {
    state.position = Math.max(-1, Math.min(questions.length, position));
    showHelp = false;
    save();
    render();
    if (state.position >= 0 && state.position < questions.length) {
      announce('Question ' + (state.position + 1) + ' of ' + questions.length);
    }
  }

  function renderQuestion() {
    var q = questions[state.position];
    var sectionFirst = state.position, sectionLast = state.position;
    while (sectionFirst > 0 && questions[sectionFirst - 1].section === q.section) { sectionFirst--; }
    while (sectionLast + 1 < questions.length && questions[sectionLast + 1].section === q.section) { sectionLast++; }
    var section = sections[q.section];
    var done = Math.round(100 * state.position / questions.length);
    main.appendChild(el('p', { 'class': 'muted', id: 'section' }, [el('strong', { text: section.title })]));
    main.appendChild(el('p', { 'class': 'muted', text: 'Section ' + (q.section + 1) + ' of ' + sections.length +
      ' \u00b7 question ' + (state.position - sectionFirst + 1) + ' of ' + (sectionLast - sectionFirst + 1) + ' in this section' }));
    main.appendChild(el('div', { 'class': 'bar', role: 'progressbar', 'aria-label': 'Progress', 'aria-valuemin': '0',
      'aria-valuemax': '100', 'aria-valuenow': String(done) }, [el('span', { style: 'width:' + done + '%' })]));
    main.appendChild(el('p', { 'class': 'muted', id: 'counter', text: 'Question ' + (state.position + 1) + ' of ' + questions.length +
      ' \u00b7 about ' + minutesLeft(state.position) + ' minutes left' }));
    var answer = state.answers[q.id];
    var heading = el('h2', { id: 'question-text', text: q.text });
    var options = [];
    q.options.forEach(function (o, i) {
      if (q.range && !o.special) { return; }
      var id = 'option-' + i;
      var input = el('input', { type: 'radio', name: 'answer', id: id, value: String(i), 'data-key': keyOf(q, i) });
      if (answer === i) { input.checked = true; }
      input.addEventListener('click', function () { choose(i); });
      var label = el('label', { 'class': 'option' + (answer === i ? ' chosen' : ''), 'for': id },
        [input, el('span', { 'class': 'key', 'aria-hidden': 'true', text: keyOf(q, i) }), el('span', { text: o.label })]);
      options.push(label);
    });
    var status = answer === null ? 'You skipped this question before.' : '';
    main.appendChild(el('fieldset', { 'aria-labelledby': 'question-text' }, [el('legend', {}, [heading])].concat(q.range ? numberEntry(q, answer) : [], options)));
    if (status) { main.appendChild(el('p', { 'class': 'muted', text: status })); }
    if (q.help) {
      var help = el('div', { 'class': 'help', id: 'help' }, [el('strong', { text: 'Why this matters' }), el('p', { text: q.help })]);
      help.hidden = !showHelp;
      main.appendChild(help);
    }
    main.appendChild(el('div', { 'class': 'nav' }, [
      el('button', { type: 'button', id: 'back', text: '\u2190 Back', onclick: function () { go(state.position - 1); } }),
      el('button', { type: 'button', id: 'skip', text: 'Skip \u2192', onclick: skip }),
      q.help ? el('button', { type: 'button', id: 'toggle-help', 'aria-expanded': String(showHelp), 'aria-controls': 'help',
        text: 'Why this matters (?)', onclick: toggleHelp }) : null
    ]));
    main.appendChild(el('p', { 'class': 'muted keys', text: 'Keys: ' + (q.range ? 'a number, Enter answer' : '1\u2013' + valueOptions(q).length + ' answer \u00b7 \u2191\u2193 Enter choose') + ' \u00b7 \u2190 b back \u00b7 \u2192 s skip' +
      (q.options.some(function (o) { return o.special === 'not-applicable'; }) ? ' \u00b7 n not applicable' : '') +
      (q.options.some(function (o) { return o.special === 'dont-know'; }) ? " \u00b7 d don't know" : '') + ' \u00b7 ? help' }));
  }
  // A range is answered by typing its number (as in `assess`), not by a
  // hundred radio buttons; its special options stay buttons below.
  function numberEntry(q, answer) {
    var input = el('input', { type: 'number', id: 'number', min: String(q.range.min), max: String(q.range.max),
      step: String(q.range.step), inputmode: 'decimal', 'aria-describedby': 'number-hint' });
    if (typeof answer === 'number' && q.options[answer] && !q.options[answer].special) { input.value = String(q.options[answer].value); }
    var error = el('p', { 'class': 'muted', id: 'number-error', role: 'alert' });
    input.addEventListener('keydown', function (event) {
      if (event.key === 'Enter') { event.preventDefault(); event.stopPropagation(); enterNumber(q, input, error); }
    });
    return [el('p', {}, [el('label', { 'for': 'number', id: 'number-hint', text: 'A number from ' + q.range.text + ': ' }), input,
      el('button', { type: 'button', id: 'enter-number', text: 'Answer', onclick: function () { enterNumber(q, input, error); } })]), error];
  }
  function enterNumber(q, input, error) {
    var v = input.value.trim() === '' ? NaN : Number(input.value);
    for (var i = 0; i < q.options.length; i++) {
      if (!q.options[i].special && Math.abs(q.options[i].value - v) <= 1e-9) { choose(i); return; }
    }
    error.textContent = (input.value.trim() || 'That') + ' is not a number from ' + q.range.text + '.';
    input.focus();
  }
  function toggleHelp() {
    showHelp = !showHelp;
    var help = document.getElementById('help');
    if (help) { help.hidden = !showHelp; }
    var button = document.getElementById('toggle-help');
    if (button) { button.setAttribute('aria-expanded', String(showHelp)); }
  }
  function choose(index) {
    state.answers[questions[state.position].id] = index;
    go(state.position + 1);
  }
  function skip() {
    var q = questions[state.position];
    if (!(q.id in state.answers)) { state.answers[q.id] = null; }
    go(state.position + 1);
  }

  function renderEnd() {
    var answered = answeredCount();
    var skipped = questions.filter(function (q) { return state.answers[q.id] === null; }).length;
    main.appendChild(el('h1', { text: 'Thank you' }));
    main.appendChild(el('p', { id: 'summary', text: 'You answered ' + answered + ' of ' + questions.length + ' questions' +
      (skipped ? ' and skipped ' + skipped : '') + '.' }));
    main.appendChild(el('p', { text: 'Save your answers as a file and send it to the person who runs the survey. ' +
      'They stay in this browser until you clear them.' }));
    main.appendChild(el('div', { 'class': 'nav' }, [
      el('button', { 'class': 'primary', type: 'button', id: 'download', text: 'Save answers file', onclick: download }),
      el('button', { type: 'button', id: 'back', text: '\u2190 Back', onclick: function () { go(questions.length - 1); } }),
      skipped ? el('button', { type: 'button', id: 'first-skipped', text: 'First skipped question', onclick: firstSkipped }) : null,
      el('button', { type: 'button', id: 'restart', text: 'Clear and start over', onclick: restart })
    ]));
  }
  function firstSkipped() {
    for (var i = 0; i < questions.length; i++) { if (state.answers[questions[i].id] === null) { go(i); return; } }
  }

  // The answers file, in the form `assess` writes (answers/loader.hpp).
  var keywords = ['null', 'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'nan', 'inf'];
  function quoted(text) {
    var out = '"';
    for (var i = 0; i < text.length; i++) {
      var c = text.charAt(i), code = text.charCodeAt(i);
      if (c === '"' || c === '\\') { out += '\\' + c; }
      else if (c === '\n') { out += '\\n'; }
      else if (c === '\t') { out += '\\t'; }
      else if (code < 0x20 || code === 0x7f) { out += '\\x' + ('0' + code.toString(16)).slice(-2); }
      else { out += c; }
    }
    return out + '"';
  }
  function yamlKey(id) { return keywords.indexOf(id.toLowerCase()) >= 0 ? quoted(id) : id; }
  function oneLine(text) { return String(text).replace(/[\u0000-\u001f\u007f]/g, ' '); }
  function answersFile() {
    var out = '# centricity answers for "' + oneLine(bank.title) + '" (bank ' + oneLine(bank.id) + ', version ' + oneLine(bank.version) + ')\n';
    out += "# Saved by the survey page of 'centricity publish --to html'; score it with\n";
    out += '#   centricity score THIS-FILE --bank ' + oneLine(bank.id) + '\n';
    out += '# A question set to ~ was skipped; questions not listed were not reached yet.\n';
    out += 'respondent: ' + quoted(state.respondent) + '\n';
    ask.forEach(function (group) {
      if (state.fields[group.name]) { out += yamlKey(group.name) + ': ' + quoted(state.fields[group.name]) + '\n'; }
    });
    out += 'answers:\n';
    var section = null, listed = 0;
    questions.forEach(function (q) {
      if (!(q.id in state.answers)) { return; }
      if (q.section !== section) { section = q.section; out += '  # ' + oneLine(sections[section].title) + '\n'; }
      var a = state.answers[q.id];
      listed++;
      if (a === null || a === undefined || !q.options[a]) { out += '  ' + yamlKey(q.id) + ': ~\n'; return; }
      var o = q.options[a];
      if (o.special) { out += '  ' + yamlKey(q.id) + ': ' + quoted(o.label) + '\n'; }
      else { out += '  ' + yamlKey(q.id) + ': ' + String(o.value) + '  # ' + oneLine(o.label) + '\n'; }
    });
    if (!listed) { out = out.replace(/answers:\n(  # .*\n)*$/, 'answers: {}\n'); }
    return out;
  }
  function download() {
    var blob = new Blob([answersFile()], { type: 'application/x-yaml' });
    var a = el('a', { href: URL.createObjectURL(blob), download: 'centricity-answers-' + bank.id + '-' + state.respondent + '.yaml' });
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    announce('Answers file saved.');
  }

  document.addEventListener('keydown', function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey) { return; }
    var key = event.key;
    if (state.position < 0) {
      if (key === 'Enter' && document.activeElement && document.activeElement.tagName !== 'BUTTON') { event.preventDefault(); start(); }
      return;
    }
    if (state.position >= questions.length) {
      if (key === 'ArrowLeft' || key === 'b' || key === 'Backspace') { event.preventDefault(); go(questions.length - 1); }
      else if (key === 'u') { event.preventDefault(); firstSkipped(); }
      else if (key === 'Enter' && (!document.activeElement || document.activeElement.tagName !== 'BUTTON')) { event.preventDefault(); download(); }
      return;
    }
    var q = questions[state.position];
    var inputs = Array.prototype.slice.call(main.querySelectorAll('input[name=answer]'));
    var focused = inputs.indexOf(document.activeElement);
    var number = document.getElementById('number');
    if (number && document.activeElement === number) { return; } // typing the number
    if (number && /^[0-9.-]$/.test(key)) {
      number.focus(); // the key goes on into the field
    } else if (/^[1-9]$/.test(key) || key === 'n' || key === 'd') {
      for (var i = 0; i < q.options.length; i++) {
        if (keyOf(q, i) === key) { event.preventDefault(); choose(i); return; }
      }
    } else if (key === 'ArrowLeft' || key === 'b' || key === 'Backspace') {
      event.preventDefault(); go(state.position - 1);
    } else if (key === 'ArrowRight' || key === 's') {
      event.preventDefault(); skip();
    } else if (key === '?') {
      event.preventDefault(); toggleHelp();
    } else if (key === 'ArrowDown' || key === 'ArrowUp' || key === 'j' || key === 'k') {
      // Moving between options only moves the focus; Enter or Space chooses,
      // so a screen-reader user can listen to every option first.
      event.preventDefault();
      var down = key === 'ArrowDown' || key === 'j';
      var from = focused >= 0 ? focused : (typeof state.answers[q.id] === 'number' ? state.answers[q.id] : (down ? -1 : inputs.length));
      var next = Math.max(0, Math.min(inputs.length - 1, from + (down ? 1 : -1)));
      inputs[next].focus();
    } else if ((key === 'Enter' || key === ' ') && focused >= 0) {
      event.preventDefault(); choose(focused);
    }
  });

  state = load() || fresh();
  if (!state.answers || typeof state.answers !== 'object') { state = fresh(); }
  // Opened again: the intro first, whose Continue goes to the first question
  // not reached yet, as `assess --resume` does.
  state.position = -1;
  save();
  render();
})();
)js";

} // namespace

std::string to_html(const Survey& survey)
{
  const bank::Questionnaire& bank = *survey.bank;
  // Inside <script type="application/json">, "</script" must not appear:
  // '<' only occurs inside JSON strings, where \u003c means the same.
  std::string json;
  for (const char c : page_data(survey).dump()) {
    json += c == '<' ? std::string("\\u003c") : std::string(1, c);
  }
  std::string out;
  out += "<!DOCTYPE html>\n";
  out += fmt::format("<html lang=\"{}\">\n<head>\n", html_escape(bank.language));
  out += "<meta charset=\"utf-8\">\n";
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  // Nothing may be fetched: the page works offline and sends answers nowhere.
  out += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
         "style-src 'unsafe-inline'; script-src 'unsafe-inline'\">\n";
  out += fmt::format("<meta name=\"generator\" content=\"centricity publish (bank {}, version "
                     "{})\">\n",
                     html_escape(bank.id), html_escape(bank.version));
  out += fmt::format("<title>{}</title>\n", html_escape(bank.title));
  out += fmt::format("<style>{}</style>\n</head>\n<body>\n", k_style);
  out += "<main id=\"main\"><noscript><p>This survey needs JavaScript, which is switched off in "
         "this browser.</p></noscript></main>\n";
  out += "<div id=\"live\" class=\"visually-hidden\" aria-live=\"polite\"></div>\n";
  out += "<script type=\"application/json\" id=\"centricity-survey\">" + json + "</script>\n";
  out += fmt::format("<script>{}</script>\n</body>\n</html>\n", k_script);
  return out;
}

} // namespace centricity::publish
