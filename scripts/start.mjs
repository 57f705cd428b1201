// `npm start`: build the extension, check a sample post with the CLI, then show the popup
// (a Chromium window when there is a display, otherwise a screenshot).
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, realpathSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { CHROME_EXTENSION_DIR, CHROMIUM_PATH, launchExtension } from '../tests/e2e/launchExtension.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const samplePost = 'assets/sample-post.txt';
const screenshotPath = join(root, '.output/popup.png');

process.chdir(root);
const build = runNpmBuild();
if (build !== 0) {
  console.error(`\nnpm start: the build failed (exit code ${build}); fix the errors above and run it again.`);
  process.exit(build);
}

heading(`Checking ${samplePost} with the default pack`);
const check = spawnSync(process.execPath, ['cli/bin.mjs', 'check', samplePost], { stdio: ['ignore', 'inherit', 'pipe'] });
process.stderr.write(check.stderr);
// Exit code 1 means a stop finding, which is the point of the sample; a crash also exits 1, but
// says why on stderr.
const checkFailed = check.status !== 0 && (check.status !== 1 || check.stderr.length > 0);
if (checkFailed) {
  console.error(`npm start: the check failed (exit code ${check.status}); the extension is built, carrying on.`);
  process.exitCode = check.status || 1;
} else if (check.status === 1) {
  console.log('(a "stop" finding: the extension would ask for confirmation before posting)');
}

const extensionDir = relative(root, CHROME_EXTENSION_DIR);
heading('The extension');
console.log(`Built for Chrome in ${CHROME_EXTENSION_DIR} (Firefox: .output/firefox-mv2).`);
console.log(`To load it: chrome://extensions → Developer mode → Load unpacked → ${extensionDir}`);

if (process.env.DISPLAY && existsSync(CHROMIUM_PATH)) {
  openChromiumWindow();
} else {
  await screenshotPopup();
}

function openChromiumWindow() {
  const popupUrl = `chrome-extension://${unpackedExtensionId(CHROME_EXTENSION_DIR)}/popup.html`;
  const args = [
    `--user-data-dir=${mkdtempSync(join(tmpdir(), 'postguard-chromium-'))}`,
    '--no-first-run',
    `--disable-extensions-except=${CHROME_EXTENSION_DIR}`,
    `--load-extension=${CHROME_EXTENSION_DIR}`,
    // Chromium refuses to run as root with its sandbox on.
    ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
    popupUrl,
  ];
  spawn(CHROMIUM_PATH, args, { detached: true, stdio: 'ignore' }).unref();
  console.log(`Opened Chromium with the extension loaded, on its popup: ${popupUrl}`);
}

async function screenshotPopup() {
  if (!existsSync(CHROMIUM_PATH)) {
    console.log(`No Chromium at ${CHROMIUM_PATH} (set CHROMIUM_PATH): skipping the popup screenshot.`);
    return;
  }
  const { context, extensionId } = await launchExtension();
  try {
    const page = await context.newPage();
    await page.setViewportSize({ width: 380, height: 600 });
    await page.goto(`chrome-extension://${extensionId}/popup.html`);
    await page.getByRole('main').waitFor();
    await page.screenshot({ path: screenshotPath, fullPage: true });
  } finally {
    await context.close();
  }
  console.log(`No display: took a screenshot of the popup instead: ${screenshotPath}`);
}

/** Chromium's id for an unpacked extension without a `key`: SHA-256 of its real path, hex digits 0-f as a-p. */
function unpackedExtensionId(dir) {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((digit) => String.fromCharCode(97 + parseInt(digit, 16))).join('');
}

function runNpmBuild() {
  const result = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
  if (result.error) throw result.error;
  return result.status ?? 1;
}

function heading(title) {
  console.log(`\n── ${title} ──`);
}
