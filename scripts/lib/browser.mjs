// Finds a Chromium-family browser without ever downloading one.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CHROMIUM_CANDIDATES = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/usr/bin/google-chrome',
  '/usr/bin/google-chrome-stable',
  '/snap/bin/chromium',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
];

const FIREFOX_CANDIDATES = [
  '/usr/bin/firefox-esr',
  '/usr/bin/firefox',
  '/Applications/Firefox.app/Contents/MacOS/firefox',
];

function isDebianLikeRoot() {
  return process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
}

function aptInstall(pkg) {
  console.log(`factcontext: installing ${pkg} with apt-get (running as root on Debian/Ubuntu)…`);
  execFileSync('apt-get', ['update'], { stdio: 'inherit' });
  execFileSync('apt-get', ['install', '-y', '--no-install-recommends', pkg], {
    stdio: 'inherit',
    env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
  });
}

function find(envVar, candidates) {
  const fromEnv = process.env[envVar];
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`${envVar} points to ${fromEnv}, which does not exist.`);
    return fromEnv;
  }
  return candidates.find((p) => existsSync(p));
}

/** The env variable, then the usual locations, then (root on Debian/Ubuntu) apt-get install of the package. */
function locate({ envVar, candidates, aptPackage, name, install }) {
  let path = find(envVar, candidates);
  if (!path && install && isDebianLikeRoot()) {
    aptInstall(aptPackage);
    path = find(envVar, candidates);
  }
  if (!path) {
    throw new Error(
      `No ${name} found: install it (Debian/Ubuntu: \`sudo apt-get install ${aptPackage}\`) or set ${envVar} to a ${name} binary.`,
    );
  }
  return path;
}

/** CHROME_PATH, then the usual locations, then (root on Debian/Ubuntu) apt-get install chromium. */
export function findChromium({ install = true } = {}) {
  return locate({
    envVar: 'CHROME_PATH',
    candidates: CHROMIUM_CANDIDATES,
    aptPackage: 'chromium',
    name: 'Chromium',
    install,
  });
}

/** FIREFOX_PATH, then the usual locations, then (root on Debian/Ubuntu) apt-get install firefox-esr. */
export function findFirefox({ install = true } = {}) {
  return locate({
    envVar: 'FIREFOX_PATH',
    candidates: FIREFOX_CANDIDATES,
    aptPackage: 'firefox-esr',
    name: 'Firefox',
    install,
  });
}

/** Flags that keep a headless test browser off the network and quiet. */
export const CHROMIUM_QUIET_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
  '--no-default-browser-check',
];
