'use strict';
/*
 * End-to-end check of the notebooks in a real browser: Debian's classic Jupyter Notebook on 127.0.0.1 (with a token
 * and the project's kernelspec), driven through Debian's chromium by playwright-core.
 *
 *   node notebook_browser_test.js --out DIR [--opens 10] [--run-all 01-...ipynb,02-...ipynb]
 *
 * Every open starts a fresh kernel (the previous session is deleted first, and kernel ids must all differ) and
 * requires it idle within 15 s (times the load per core on a busy machine). Each smoke notebook is opened once, then the first again until the last open, each
 * time with Cell > Run All (in the smoke profile): afterwards the page must
 * show rendered images and HTML tables, no error output, and one finished progress display per training cell. The last
 * open is progress-check.ipynb: a 60-epoch run whose single progress display must change in place several times, then a
 * long run that is interrupted with the toolbar button (the kernel must be idle within 5 s, the cell must say it was
 * interrupted) and a next cell that must find training stopped. Screenshots go to DIR. Ends with 'N passed, N failed'.
 * chromium and jupyter-notebook are found on PATH. The server, its scratch folder and the browser profile are removed
 * however the test ends (an error, a server that did not start, Ctrl-C or a kill).
 */
const { chromium } = require('playwright-core');
const { spawn } = require('child_process');
const crypto = require('crypto');
const fs = require('fs');
const net = require('net');
const os = require('os');
const path = require('path');

const ROOT = path.resolve(__dirname, '../../..');
const IDLE_LIMIT_S = 15;  // on an idle machine; times the load per core when busier (a kernel start is CPU work)
const INTERRUPT_LIMIT_S = 5;
const RUN_ALL_LIMIT_S = 600;
const PROGRESS = 'progress-check.ipynb';

function option(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i > 0 ? process.argv[i + 1] : fallback;
}

const results = [];
function check(ok, what) {
  results.push(ok);
  console.log(`${ok ? 'ok    ' : 'FAILED'} ${what}`);
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** The first of these commands on PATH, as `command -v` finds it; else an error naming them and how to install them. */
function onPath(names, install) {
  for (const name of names) {
    for (const dir of (process.env.PATH || '').split(path.delimiter).filter(Boolean)) {
      const file = path.join(dir, name);
      try {
        fs.accessSync(file, fs.constants.X_OK);
        if (fs.statSync(file).isFile()) return file;
      } catch (missing) { /* not in this folder */ }
    }
  }
  throw new Error(`${names.join(' or ')} not found on PATH (${process.env.PATH}): ${install}`);
}

/** What to undo at the end, newest first, run once whether the test ends normally, by an error or by a signal. */
const cleanups = [];
async function cleanUp() {
  while (cleanups.length) {
    try {
      await cleanups.pop()();
    } catch (error) {
      console.error('clean-up: ' + error.message);
    }
  }
}
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    console.error(`${signal}: stopping the server and removing the scratch folders`);
    await cleanUp();
    process.exit(130);
  });
}

const sleep = ms => new Promise(resolve => setTimeout(resolve, ms));
const seconds = since => (Date.now() - since) / 1000;

/** Starts jupyter-notebook serving a scratch copy of the notebooks (it autosaves outputs into what it serves). */
async function startServer(notebooks, out) {
  const jupyterNotebook = onPath(['jupyter-notebook'],
    "install Jupyter Notebook (Debian/Ubuntu: apt-get install jupyter-notebook, or 'bash src/scripts/setup.sh')");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notebook-browser-'));
  cleanups.push(() => fs.rmSync(dir, { recursive: true, force: true }));
  for (const file of notebooks) {
    fs.copyFileSync(file, path.join(dir, path.basename(file)));
  }
  const port = await freePort();
  const token = crypto.randomBytes(24).toString('hex');
  const log = fs.openSync(path.join(out, 'browser-jupyter-server.log'), 'w');
  const server = spawn(jupyterNotebook, ['--no-browser', '--ip=127.0.0.1', `--port=${port}`,
    '--port-retries=0', `--NotebookApp.token=${token}`, `--notebook-dir=${dir}`,
    ...(process.getuid() === 0 ? ['--allow-root'] : [])], {
    env: {
      ...process.env, UNSUPERVISED_PROFILE: 'smoke', JUPYTER_PATH: path.join(ROOT, '.jupyter'),
      JUPYTER_CONFIG_DIR: path.join(dir, '.config'), JUPYTER_RUNTIME_DIR: path.join(dir, '.runtime'),
    },
    stdio: ['ignore', log, log],
  });
  const exited = new Promise(resolve => server.once('exit', resolve));
  cleanups.push(async () => {
    if (server.exitCode === null && server.signalCode === null) {
      server.kill('SIGTERM');  // the server shuts its kernels down
      await Promise.race([exited, sleep(10000)]);
      if (server.exitCode === null && server.signalCode === null) server.kill('SIGKILL');
    }
  });
  const base = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    try {
      const response = await fetch(`${base}/api/status?token=${token}`);
      if (response.ok) break;
    } catch (notYet) { /* still starting */ }
    if (server.exitCode !== null || seconds(started) > 60) {
      throw new Error(`jupyter-notebook did not start; see ${path.join(out, 'browser-jupyter-server.log')}`);
    }
    await sleep(250);
  }
  return { server, base, token, dir };
}

/** Opens a notebook with a fresh kernel; returns the page, the kernel id and the seconds until the kernel was idle. */
async function openFresh(context, jupyter, name) {
  const limit = IDLE_LIMIT_S * Math.max(1, os.loadavg()[0] / os.cpus().length);
  const api = `${jupyter.base}/api/sessions?token=${jupyter.token}`;
  for (const session of await (await fetch(api)).json()) {
    await fetch(`${jupyter.base}/api/sessions/${session.id}?token=${jupyter.token}`, { method: 'DELETE' });
  }
  const page = await context.newPage();
  const started = Date.now();
  await page.goto(`${jupyter.base}/notebooks/${encodeURIComponent(name)}?token=${jupyter.token}`);
  let idle = null;
  try {
    await page.waitForFunction(() => window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel
        && Jupyter.notebook.kernel.info_reply && Jupyter.notebook.kernel.info_reply.protocol_version
        && document.querySelector('#kernel_indicator_icon.kernel_idle_icon'), null,
      { timeout: limit * 1000 + 5000, polling: 100 });
    idle = seconds(started);
  } catch (timeout) {
    console.log('    not idle: ' + await page.evaluate(() => JSON.stringify({
      info: window.Jupyter && Jupyter.notebook && Jupyter.notebook.kernel && Jupyter.notebook.kernel.info_reply,
      indicator: (document.querySelector('#kernel_indicator_icon') || {}).className,
    })));
  }
  const kernelId = await page.evaluate(() => Jupyter.notebook.kernel && Jupyter.notebook.kernel.id);
  return { page, kernelId, idle, limit };
}

const finished = (page, indices) => page.evaluate(indices => {
  const cells = Jupyter.notebook.get_cells();
  return indices.every(i => cells[i].input_prompt_number !== '*' && cells[i].input_prompt_number !== undefined
      && cells[i].input_prompt_number !== null)
    && document.querySelector('#kernel_indicator_icon.kernel_idle_icon') !== null;
}, indices);

async function waitFinished(page, indices, limitSeconds) {
  const started = Date.now();
  while (!(await finished(page, indices))) {
    if (seconds(started) > limitSeconds) return false;
    await sleep(200);
  }
  return true;
}

/** What a notebook shows: images that loaded, HTML tables, error outputs, and each training cell's progress display. */
const inspect = page => page.evaluate(() => {
  const images = [...document.querySelectorAll('.output_png img')];
  const progress = Jupyter.notebook.get_cells()
    .filter(cell => cell.cell_type === 'code' && /Training\.fit|EarlyStopping/.test(cell.get_text()))
    .map(cell => [...cell.output_area.element[0].querySelectorAll('.unsupervised-progress')]
      .map(p => ({ value: p.querySelector('progress').value, max: p.querySelector('progress').max, text: p.textContent })));
  return {
    images: images.length,
    loaded: images.filter(img => img.complete && img.naturalWidth > 0).length,
    tables: document.querySelectorAll('.output_html table').length,
    errors: [...document.querySelectorAll('.output_error')].map(e => e.textContent.slice(0, 300)),
    progress,
  };
});

async function runAll(page, name, out) {
  const started = Date.now();
  await page.click('#celllink');
  await page.click('#run_all_cells');
  const code = await page.evaluate(() => Jupyter.notebook.get_cells()
    .map((cell, i) => cell.cell_type === 'code' ? i : -1).filter(i => i >= 0));
  const done = await waitFinished(page, code, RUN_ALL_LIMIT_S);
  const shown = await inspect(page);
  const stem = name.replace(/\.ipynb$/, '');
  await page.screenshot({ path: path.join(out, `browser-${stem}.png`), fullPage: true });
  check(done, `${name}: Run All finished in ${seconds(started).toFixed(1)} s`);
  check(shown.images > 0 && shown.loaded === shown.images, `${name}: ${shown.loaded} of ${shown.images} images rendered`);
  check(shown.tables > 0, `${name}: ${shown.tables} HTML tables rendered`);
  check(shown.errors.length === 0, `${name}: no error output${shown.errors.length ? ': ' + shown.errors.join(' | ') : ''}`);
  // One display per training run (a cell may train several models); finished ones show no time left.
  const finishedRuns = shown.progress.every(p => p.length >= 1 && p.every(d => d.value >= 1 && !/ left/.test(d.text)));
  check(finishedRuns, `${name}: each of ${shown.progress.length} training cells shows its runs' finished progress `
    + `(${shown.progress.map(p => p.map(d => d.text.trim()).join(' + ') || 'none').join('; ')})`);
}

/**
 * Runs the 60-epoch cell while a MutationObserver records every state of its output: there must be one progress
 * display throughout, seen in at least three states (started, at least one epoch in between, finished).
 */
async function checkProgress(page, out) {
  await page.evaluate(() => Jupyter.notebook.execute_cells([1]));
  check(await waitFinished(page, [1], 120), 'progress-check: set-up cell ran');
  await page.evaluate(() => {
    const area = Jupyter.notebook.get_cell(2).output_area.element[0];
    window.progressSeen = { states: [], most: 0 };
    new MutationObserver(() => {
      const displays = area.querySelectorAll('.unsupervised-progress');
      window.progressSeen.most = Math.max(window.progressSeen.most, displays.length);
      const text = displays.length ? displays[0].textContent : null;
      if (text && window.progressSeen.states[window.progressSeen.states.length - 1] !== text) {
        window.progressSeen.states.push(text);
      }
    }).observe(area, { subtree: true, childList: true, characterData: true, attributes: true });
    Jupyter.notebook.execute_cells([2]);
  });
  let runningShot = false;
  const started = Date.now();
  while (!(await finished(page, [2])) && seconds(started) < 300) {
    const value = await page.evaluate(() => {
      const bar = Jupyter.notebook.get_cell(2).output_area.element[0].querySelector('.unsupervised-progress progress');
      return bar ? bar.value : 0;
    });
    if (!runningShot && value >= 5 && value <= 50) {
      await page.screenshot({ path: path.join(out, 'browser-progress-running.png') });
      runningShot = true;
    }
    await sleep(100);
  }
  const seen = await page.evaluate(() => window.progressSeen);
  const final = (await inspect(page)).progress[0];
  await page.screenshot({ path: path.join(out, 'browser-progress-done.png') });
  check(seen.most === 1 && seen.states.length >= 3, `progress-check: one progress display (most at once: ${seen.most}), `
    + `updated in place through ${seen.states.length} states`);
  check(final.length === 1 && final[0].value === 60 && /epoch\s+60\/60/.test(final[0].text),
    `progress-check: final state '${final.length ? final[0].text.trim() : 'none'}'`);
}

/** Starts the long run, presses the toolbar's interrupt button, and times the way back to an idle kernel. */
async function checkInterrupt(page, out) {
  await page.evaluate(() => Jupyter.notebook.execute_cells([3]));
  await page.waitForFunction(() => {
    const p = Jupyter.notebook.get_cell(3).output_area.element[0].querySelector('.unsupervised-progress progress');
    return p && p.value >= 2;
  }, null, { timeout: 120000, polling: 100 });
  const pressed = Date.now();
  await page.click('button[data-jupyter-action="jupyter-notebook:interrupt-kernel"]');
  const back = await waitFinished(page, [3], 30);
  const took = seconds(pressed);
  const message = await page.evaluate(() => [...Jupyter.notebook.get_cell(3).output_area.element[0]
    .querySelectorAll('.output_error')].map(e => e.textContent).join(' '));
  check(back && took <= INTERRUPT_LIMIT_S, `interrupt: kernel idle ${took.toFixed(2)} s after pressing the button `
    + `(limit ${INTERRUPT_LIMIT_S} s)`);
  check(/interrupted/i.test(message), `interrupt: the cell says so: '${message.replace(/\s+/g, ' ').trim().slice(0, 120)}'`);
  await page.evaluate(() => Jupyter.notebook.execute_cells([4]));
  const ran = await waitFinished(page, [4], 60);
  const moved = await page.evaluate(() => Jupyter.notebook.get_cell(4).output_area.outputs
    .map(o => (o.data && (o.data['text/plain'] || o.data['text/html'])) || o.text || '').join('').trim());
  await page.screenshot({ path: path.join(out, 'browser-progress-interrupted.png') });
  check(ran && moved === '0', `interrupt: the next cell runs and finds training stopped (iterations in 1.5 s: '${moved}')`);
}

async function main() {
  const out = path.resolve(option('out', path.join(ROOT, 'target/smoke')));
  const opens = Number(option('opens', '10'));
  const runAllNames = option('run-all', '01-the-two-blob-dataset.ipynb,02-a-dense-autoencoder.ipynb').split(',');
  fs.mkdirSync(out, { recursive: true });
  const notebooks = [...runAllNames.map(n => path.join(ROOT, 'notebooks', n)), path.join(__dirname, PROGRESS)];
  const browser = onPath(['chromium', 'chromium-browser'], 'install chromium (Debian: apt-get install chromium)');
  const jupyter = await startServer(notebooks, out);
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'chromium-profile-'));
  cleanups.push(() => fs.rmSync(profile, { recursive: true, force: true }));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: browser,
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--disable-quic'],
    viewport: { width: 1280, height: 900 },
  });
  cleanups.push(() => context.close());
  const kernels = new Set();
  const idleTimes = [];
  for (let i = 1; i <= opens; i++) {
    // Each smoke notebook once, then the first (the quickest) again, and progress-check.ipynb last.
    const name = i === opens ? PROGRESS : runAllNames[i - 1 < runAllNames.length ? i - 1 : 0];
    const { page, kernelId, idle, limit } = await openFresh(context, jupyter, name);
    const fresh = kernelId && !kernels.has(kernelId);
    kernels.add(kernelId);
    if (idle !== null) idleTimes.push(idle);
    check(idle !== null && idle <= limit && fresh, `open ${i}: ${name}, fresh kernel ${String(kernelId).slice(0, 8)} `
      + `idle after ${idle === null ? 'more than ' + (limit + 5).toFixed(0) : idle.toFixed(1)} s (limit ${limit.toFixed(0)} s: `
      + `${IDLE_LIMIT_S} s times the load per core, at least 1)`);
    if (idle !== null) {
      if (name === PROGRESS) {
        await checkProgress(page, out);
        await checkInterrupt(page, out);
      } else {
        await runAll(page, name, out);
      }
    }
    await page.close();
  }
  await cleanUp();
  idleTimes.sort((a, b) => a - b);
  if (idleTimes.length) console.log(`kernels idle after opening: median ${idleTimes[Math.floor(idleTimes.length / 2)].toFixed(1)} s, `
    + `max ${idleTimes[idleTimes.length - 1].toFixed(1)} s over ${idleTimes.length} fresh kernels; screenshots in ${out}`);
  const passed = results.filter(Boolean).length;
  console.log(`browser: ${passed} passed, ${results.length - passed} failed`);
  process.exit(passed === results.length ? 0 : 1);
}

main().catch(async error => {
  console.error(error);
  await cleanUp();
  process.exit(1);
});
