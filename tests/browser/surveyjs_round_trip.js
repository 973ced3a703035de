#!/usr/bin/env node
// Fills in a survey of `centricity publish --to surveyjs` in headless
// Chromium with the real SurveyJS library (survey-core and survey-js-ui from
// npm), clicking each respondent's answers in, and writes the results of
// survey.data as one JSON array, as a SurveyJS app would store them.
//
//   node surveyjs_round_trip.js CHROMIUM SURVEY.json PEOPLE.json RESULTS_OUT.json
//
// PEOPLE.json: [{"fields": {"role": "Executive"}, "labels": {"question id": "label"}}]
// (tests/publish/make_export.py people). A respondent picks the option with
// the label they mean, as shown; unanswered questions are left alone.
'use strict';
const fs = require('fs');
const os = require('os');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [chromium, surveyPath, peoplePath, outPath] = process.argv.slice(2);
if (!outPath) {
  console.error('usage: surveyjs_round_trip.js CHROMIUM SURVEY.json PEOPLE.json RESULTS_OUT.json');
  process.exit(2);
}
const modules = path.join(__dirname, 'node_modules');
const survey = JSON.parse(fs.readFileSync(surveyPath, 'utf8'));
const people = JSON.parse(fs.readFileSync(peoplePath, 'utf8'));

// The app page: the survey as published, rendered by survey-js-ui, its
// results kept where the test can read them. The fontless theme: no fetch.
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'centricity-surveyjs-'));
const page_file = path.join(dir, 'index.html');
fs.writeFileSync(page_file, `<!DOCTYPE html>
<html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="file://${modules}/survey-core/survey-core.fontless.min.css">
<script src="file://${modules}/survey-core/survey.core.min.js"></script>
<script src="file://${modules}/survey-js-ui/survey-js-ui.min.js"></script>
</head><body><div id="survey"></div><script>
window.survey = new Survey.Model(${JSON.stringify(survey)});
survey.onComplete.add(function (sender) { window.result = sender.data; });
survey.render(document.getElementById('survey'));
</script></body></html>
`);

// The label a respondent means for question `name` (a group field or a
// bank question), or undefined when they leave it unanswered.
function wanted(person, name) {
  return name in person.fields ? person.fields[name] : person.labels[name];
}

async function clickLabel(page, handle, what) {
  const label = await handle.evaluateHandle((input) => input.closest('label'));
  if (!label.asElement()) {
    throw new Error(`${what}: no label to click`);
  }
  await label.asElement().click();
}

async function answer(page, person) {
  // The questions of the current page, as the model has them.
  const questions = await page.evaluate(() => survey.currentPage.questions.map((q) => ({
    name: q.name,
    type: q.getType(),
    element: q.id,
    choices: (q.getType() === 'matrix' ? q.columns : q.choices).map((c) => ({ value: c.value, text: c.text })),
    rows: q.getType() === 'matrix' ? q.rows.map((r) => r.value) : [],
  })));
  let clicks = 0;
  for (const q of questions) {
    const targets = q.type === 'matrix' ? q.rows.map((row) => [row, `${q.element}_${row}`])
                                        : [[q.name, null]];
    for (const [name, inputName] of targets) {
      const label = wanted(person, name);
      if (label === undefined) {
        continue;
      }
      const choice = q.choices.find((c) => c.text === label);
      if (!choice) {
        throw new Error(`${name}: the survey shows no option "${label}"`);
      }
      const input = await page.evaluateHandle((element, inputName, value) => {
        const root = document.getElementById(element);
        return Array.from(root.querySelectorAll('input[type=radio]')).find((i) =>
          (inputName === null || i.name === inputName) && i.value === String(value)) || null;
      }, q.element, inputName, choice.value);
      if (!input.asElement()) {
        throw new Error(`${name}: no radio button for "${label}"`);
      }
      await clickLabel(page, input, name);
      clicks += 1;
    }
  }
  return clicks;
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    // CI containers run as root, where Chromium's sandbox refuses.
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const results = [];
  const problems = [];
  let clicks = 0;
  try {
    for (const [n, person] of people.entries()) {
      const page = await browser.newPage();
      await page.setViewport({ width: 1200, height: 900 });
      page.on('console', (m) => { if (m.type() === 'error') { problems.push(`console: ${m.text()}`); } });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      await page.goto(`file://${page_file}`);
      await page.waitForFunction(() => window.survey && document.querySelector('.sd-question'));
      for (;;) {
        clicks += await answer(page, person);
        const last = await page.evaluate(() => survey.isLastPage);
        const before = await page.evaluate(() => survey.currentPageNo);
        await page.click(last ? 'input.sd-navigation__complete-btn' : 'input.sd-navigation__next-btn');
        if (last) {
          await page.waitForFunction(() => window.result !== undefined);
          break;
        }
        await page.waitForFunction((b) => survey.currentPageNo !== b, {}, before);
      }
      results.push(await page.evaluate(() => window.result));
      await page.close();
      process.stdout.write(`respondent ${n + 1} of ${people.length} done\n`);
    }
  } finally {
    await browser.close();
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  fs.writeFileSync(outPath, JSON.stringify(results, null, 1) + '\n');
  fs.rmSync(dir, { recursive: true, force: true });
  console.log(`${people.length} respondents, ${clicks} answers clicked in`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
