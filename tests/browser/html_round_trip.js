#!/usr/bin/env node
// Answers the survey page of `centricity publish --to html` in headless
// Chromium as respondents would: keys for some, clicks for others, skips,
// a step back, a reload half-way (the answers must survive in local
// storage), then "Save answers file". The saved files go to OUT_DIR.
//
//   node html_round_trip.js CHROMIUM PAGE.html PEOPLE.json BANK.json OUT_DIR
//
// PEOPLE.json as for surveyjs_round_trip.js; BANK.json from `centricity show
// --to json`, used as a reader uses the page: to know which question a text
// is. Fails on any console error, page error or request leaving the page.
'use strict';
const fs = require('fs');
const path = require('path');
const puppeteer = require('puppeteer-core');

const [chromium, pagePath, peoplePath, bankPath, outDir] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: html_round_trip.js CHROMIUM PAGE.html PEOPLE.json BANK.json OUT_DIR');
  process.exit(2);
}
const people = JSON.parse(fs.readFileSync(peoplePath, 'utf8'));
const bank = JSON.parse(fs.readFileSync(bankPath, 'utf8'));
const byText = new Map(bank.questions.map((q) => [q.text, q]));
const url = 'file://' + path.resolve(pagePath);
fs.mkdirSync(outDir, { recursive: true });

function check(condition, message) {
  if (!condition) {
    throw new Error(message);
  }
}

// Where the page is: a question number, or 'intro' / 'end'.
async function where(page) {
  return page.evaluate(() => {
    const counter = document.getElementById('counter');
    if (counter) {
      return Number(/Question (\d+) of/.exec(counter.textContent)[1]);
    }
    return document.getElementById('download') ? 'end' : 'intro';
  });
}

async function moved(page, from) {
  await page.waitForFunction((f) => {
    const counter = document.getElementById('counter');
    const now = counter ? /Question (\d+) of/.exec(counter.textContent)[1] : 'other';
    return String(now) !== String(f);
  }, { timeout: 10000 }, from);
}

async function startPage(page, person) {
  await page.goto(url);
  await page.waitForSelector('#start');
  for (const [name, value] of Object.entries(person.fields)) {
    const label = await page.evaluateHandle((name, value) => {
      const input = Array.from(document.querySelectorAll('input[type=radio]'))
        .find((i) => i.name === 'ask-' + name && i.value === value);
      return input ? input.closest('label') : null;
    }, name, value);
    check(label.asElement(), `the page does not ask ${name} = ${value}`);
    await label.asElement().click();
  }
  await page.click('#start');
}

// Answers the question on screen the way `style` says.
async function answerOne(page, person, style, stats) {
  const text = await page.$eval('#question-text', (h) => h.textContent);
  const question = byText.get(text);
  check(question, `no bank question reads "${text}"`);
  const focused = await page.evaluate(() => document.activeElement && document.activeElement.id);
  check(focused === 'question-text', `focus is on "${focused}", not on the question`);
  const label = person.labels[question.id];
  const position = await where(page);
  if (label === undefined) {
    // Skipped: the s key, the right arrow or the Skip button.
    stats.skipped += 1;
    if (style === 'keys') {
      await page.keyboard.press(stats.skipped % 2 ? 's' : 'ArrowRight');
    } else {
      await page.click('#skip');
    }
    await moved(page, position);
    return;
  }
  const option = await page.evaluateHandle((wanted) => {
    return Array.from(document.querySelectorAll('label.option'))
      .find((l) => l.lastChild.textContent === wanted) || null;
  }, label);
  check(option.asElement(), `${question.id}: the page shows no option "${label}"`);
  if (style === 'keys') {
    const key = await option.evaluate((l) => l.querySelector('.key').textContent);
    await page.keyboard.press(key);
  } else if (style === 'arrows') {
    // Down to the option, then Enter: focus moves, nothing is chosen before.
    const index = await option.evaluate((l) => Array.from(l.parentNode.querySelectorAll('label.option')).indexOf(l));
    for (let i = 0; i <= index; i++) {
      await page.keyboard.press('ArrowDown');
    }
    check(await where(page) === position, 'an arrow key chose an option');
    await page.keyboard.press('Enter');
  } else {
    await option.asElement().click();
  }
  stats.answered += 1;
  await moved(page, position);
}

(async () => {
  const browser = await puppeteer.launch({
    executablePath: chromium,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu'],
  });
  const problems = [];
  const stats = { answered: 0, skipped: 0, reloads: 0, backs: 0 };
  const styles = ['keys', 'clicks', 'arrows'];
  try {
    for (const [n, person] of people.entries()) {
      // A browser profile of their own: nobody sees another's answers.
      const context = await browser.createBrowserContext();
      const page = await context.newPage();
      // A phone-sized screen for every other respondent.
      await page.setViewport(n % 2 ? { width: 390, height: 844, isMobile: true, hasTouch: true }
                                   : { width: 1200, height: 900 });
      page.on('console', (m) => { if (m.type() === 'error') { problems.push(`console: ${m.text()}`); } });
      page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
      page.on('request', (r) => {
        if (!/^(file|blob|data):/.test(r.url())) { problems.push(`request: ${r.url()}`); }
      });
      const download = path.join(outDir, `download-${n + 1}`);
      fs.mkdirSync(download, { recursive: true });
      const session = await browser.target().createCDPSession();
      await session.send('Browser.setDownloadBehavior', { behavior: 'allow', downloadPath: download,
                                                           browserContextId: context.id });
      await startPage(page, person);
      const style = styles[n % styles.length];
      for (;;) {
        const position = await where(page);
        if (position === 'end') {
          break;
        }
        if (n === 0 && position === 40) {
          // Closed and opened again: the answers so far are still there.
          stats.reloads += 1;
          await page.reload();
          await page.waitForSelector('#start');
          check(await page.$eval('#start', (b) => b.textContent) === 'Continue', 'no Continue after a reload');
          await page.click('#start');
          check(await where(page) === 40, 'Continue did not return to question 40');
        }
        if (n === 1 && position === 10) {
          // One step back, its answer shown as chosen, then on again.
          stats.backs += 1;
          await page.keyboard.press('b');
          await moved(page, 10);
          check(await where(page) === 9, 'b did not go back');
          await page.keyboard.press('ArrowRight');
          await moved(page, 9);
        }
        await answerOne(page, person, style, stats);
      }
      const summary = await page.$eval('#summary', (p) => p.textContent);
      check(summary.startsWith(`You answered ${Object.keys(person.labels).length} of ${bank.questions.length}`),
        `end screen: ${summary}`);
      await page.click('#download');
      let files = [];
      for (let i = 0; i < 100 && files.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 100));
        files = fs.readdirSync(download).filter((f) => f.endsWith('.yaml'));
      }
      check(files.length === 1, `respondent ${n + 1}: no answers file was saved`);
      fs.renameSync(path.join(download, files[0]), path.join(outDir, `respondent-${n + 1}.yaml`));
      fs.rmSync(download, { recursive: true, force: true });
      await context.close();
      process.stdout.write(`respondent ${n + 1} of ${people.length} (${style}) saved\n`);
    }
  } finally {
    await browser.close();
  }
  if (problems.length > 0) {
    console.error(problems.join('\n'));
    process.exit(1);
  }
  console.log(`${people.length} answers files: ${stats.answered} answers, ${stats.skipped} skips, ` +
    `${stats.backs} step back, ${stats.reloads} reload`);
})().catch((e) => {
  console.error(e);
  process.exit(1);
});
