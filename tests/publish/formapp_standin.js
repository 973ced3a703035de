#!/usr/bin/env node
// Runs the Apps Script of `centricity publish --to google-forms` against a
// small stand-in of the FormApp calls it uses, checks the form it builds
// against the bank, and writes the items created (for make_export.py).
//
//   node formapp_standin.js SCRIPT.gs BANK.json ITEMS_OUT.json [GROUP=OPTION,...]
//
// The stand-in refuses what Google Forms refuses (empty titles, choices,
// rows or columns; repeated rows, columns or choices; arguments of the wrong
// type), so a script that works here makes the calls a real form accepts.
'use strict';
const fs = require('fs');
const vm = require('vm');
const assert = require('assert');

const [scriptPath, bankPath, outPath, ...groups] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: formapp_standin.js SCRIPT.gs BANK.json ITEMS_OUT.json [GROUP=OPTIONS]');
  process.exit(2);
}

function strings(what, list) {
  assert(Array.isArray(list) && list.length > 0, `${what}: a non-empty array`);
  list.forEach((s) => assert(typeof s === 'string' && s.trim() !== '', `${what}: empty entry`));
  assert.strictEqual(new Set(list).size, list.length, `${what}: repeated entries`);
  return Array.from(list, (s) => String(s));
}
function text(what, value) {
  assert(typeof value === 'string', `${what}: not a string`);
  return value;
}

const items = [];
let form = null;
function item(type) {
  const record = { type, title: null, help: '' };
  items.push(record);
  const self = {
    setTitle(t) { record.title = text('setTitle', t); assert(t.trim() !== '', 'empty title'); return self; },
    setHelpText(t) { record.help = text('setHelpText', t); return self; },
    setRequired(r) { assert(typeof r === 'boolean', 'setRequired: not a boolean'); record.required = r; return self; },
  };
  if (type === 'GRID') {
    self.setRows = (r) => { record.rows = strings('setRows', r); return self; };
    self.setColumns = (c) => { record.columns = strings('setColumns', c); return self; };
  }
  if (type === 'MULTIPLE_CHOICE') {
    self.setChoiceValues = (c) => { record.choices = strings('setChoiceValues', c); return self; };
  }
  if (type === 'SCALE') {
    // ScaleItem.setBounds: the lowest value 0 or 1, the highest 3 to 10.
    self.setBounds = (lower, upper) => {
      assert(lower === 0 || lower === 1, `setBounds: lower ${lower} is not 0 or 1`);
      assert(Number.isInteger(upper) && upper >= 3 && upper <= 10, `setBounds: upper ${upper} is not 3 to 10`);
      record.lower = lower;
      record.upper = upper;
      return self;
    };
  }
  if (type === 'TEXT') {
    self.setValidation = (v) => { assert(v && v.kind === 'numberBetween', 'setValidation: a built validation'); record.validation = v; return self; };
  }
  return self;
}
function textValidation() {
  const v = { kind: null, help: '' };
  const self = {
    setHelpText(t) { v.help = text('setHelpText', t); return self; },
    requireNumberBetween(min, max) {
      assert(typeof min === 'number' && typeof max === 'number' && min < max, 'requireNumberBetween: two numbers, min < max');
      Object.assign(v, { kind: 'numberBetween', min, max });
      return self;
    },
    build: () => v,
  };
  return self;
}
const FormApp = {
  create(title) {
    assert(form === null, 'FormApp.create called twice');
    form = { title: text('create', title), description: '', progressBar: false };
    const self = {
      setDescription(d) { form.description = text('setDescription', d); return self; },
      setProgressBar(b) { form.progressBar = b; return self; },
      addPageBreakItem: () => item('PAGE_BREAK'),
      addGridItem: () => item('GRID'),
      addMultipleChoiceItem: () => item('MULTIPLE_CHOICE'),
      addScaleItem: () => item('SCALE'),
      addTextItem: () => item('TEXT'),
      getPublishedUrl: () => 'https://docs.google.com/forms/d/e/STAND-IN/viewform',
      getEditUrl: () => 'https://docs.google.com/forms/d/STAND-IN/edit',
    };
    return self;
  },
  createTextValidation: textValidation,
};
const log = [];
const Logger = { log: (m) => log.push(String(m)) };

const context = vm.createContext({ FormApp, Logger });
vm.runInContext(fs.readFileSync(scriptPath, 'utf8'), context, { filename: scriptPath });
const url = vm.runInContext('createForm()', context);

// What the form must hold: every bank question once, as an item titled by
// its text or as a grid row, with the scale's labels in order; the group
// questions first and required; a page per section.
const bank = JSON.parse(fs.readFileSync(bankPath, 'utf8'));
// A range scale's labels: its numbers (as the loader writes them), then its
// special options, the only options `show --to json` lists for it.
function rangeLabels(s) {
  const [low, high] = s.range;
  const count = Math.round((high - low) / s.step);
  const label = (v) => (Math.round(v * 1e9) / 1e9).toFixed(9).replace(/0+$/, '').replace(/\.$/, '').replace(/^-0$/, '0');
  return Array.from({ length: count + 1 }, (_, i) => label(i === count ? high : low + i * s.step));
}
const scales = new Map(bank.scales.map((s) => [s.id, (s.range ? rangeLabels(s) : []).concat(s.options.map((o) => o.label))]));
const ranges = new Map(bank.scales.filter((s) => s.range).map((s) => [s.id, s]));
assert.strictEqual(url, 'https://docs.google.com/forms/d/e/STAND-IN/viewform', 'createForm returns the address');
assert(log.some((l) => l.includes('/viewform')), 'the log shows the address for respondents');
assert.strictEqual(form.title, bank.title);
assert(form.description.includes(`Question bank: ${bank.id}, version ${bank.version}`), 'bank id and version');
assert(form.progressBar, 'progress bar');
items.forEach((i) => assert(i.title !== null, `an item without a title (${i.type})`));
groups.forEach((spec, n) => {
  const [name, options] = spec.split('=');
  const first = items[n];
  assert.strictEqual(first.type, 'MULTIPLE_CHOICE');
  assert.strictEqual(first.title, name);
  assert.deepStrictEqual(first.choices, options.split(','));
  assert.strictEqual(first.required, true, `${name} is required`);
});
const seen = new Map();
for (const i of items) {
  if (i.type === 'MULTIPLE_CHOICE' && i.required) {
    continue;
  }
  const texts = i.type === 'GRID' ? i.rows : ['MULTIPLE_CHOICE', 'SCALE', 'TEXT'].includes(i.type) ? [i.title] : [];
  for (const t of texts) {
    const question = bank.questions.find((q) => q.text === t);
    assert(question, `no bank question has the text of "${t}"`);
    assert(!seen.has(question.id), `question ${question.id} appears twice`);
    seen.set(question.id, true);
    if (i.type === 'SCALE' || i.type === 'TEXT') {
      // A range as a linear scale or a number field, bounded by its ends.
      const range = ranges.get(question.scale);
      assert(range, `${question.id}: a ${i.type} item for a scale that is no range`);
      const [low, high] = i.type === 'SCALE' ? [i.lower, i.upper] : [i.validation.min, i.validation.max];
      assert.deepStrictEqual([low, high], range.range, `${question.id}: the range's ends`);
      assert.strictEqual(i.help, question.help, `${question.id}: its help text`);
      assert.strictEqual(i.required, false);
      continue;
    }
    assert.deepStrictEqual(i.type === 'GRID' ? i.columns : i.choices, scales.get(question.scale),
      `${question.id}: its scale's labels in order`);
    if (i.type === 'MULTIPLE_CHOICE') {
      assert.strictEqual(i.help, question.help, `${question.id}: its help text`);
      assert.strictEqual(i.required, false);
    } else if (question.help) {
      assert(i.help.includes(question.help), `${question.id}: its help text in the grid's description`);
    }
  }
}
assert.strictEqual(seen.size, bank.questions.length, 'every bank question is on the form');
const pages = items.filter((i) => i.type === 'PAGE_BREAK');
const dimensions = new Set(bank.questions.filter((q) => q.dimension).map((q) => q.dimension));
assert(pages.length >= dimensions.size, 'a page per section');
const grids = items.filter((i) => i.type === 'GRID').length;
fs.writeFileSync(outPath, JSON.stringify({ form, items }, null, 1) + '\n');
console.log(`${items.length} items: ${pages.length} pages, ${grids} grids, ` +
  `${items.filter((i) => i.type === 'MULTIPLE_CHOICE').length} multiple choice; ${seen.size} questions`);
