/**
 * electron-builder's `afterPack` hook (named in electron-builder.json): flips
 * the Electron fuses of the packaged binary with @electron/fuses, before the
 * build is signed. The fuses switch off, in the binary itself, ways to run the
 * app's Electron as something else or to load other code into it.
 *
 * CommonJS, because electron-builder `require`s its hooks. The unit tests
 * (tests/unit/security.test.ts) run `applyFuses` on a fake binary that
 * carries Electron's fuse wire and read the wire back.
 */
const path = require('node:path');
const { flipFuses, FuseV1Options, FuseVersion } = require('@electron/fuses');

/** The fuse settings of a packaged DrillDesk, each with its reason. */
const FUSES = {
  // ELECTRON_RUN_AS_NODE would turn DrillDesk.exe into a plain Node.js that runs any script.
  [FuseV1Options.RunAsNode]: false,
  // Cookies (there are none today) are encrypted at rest with the OS key store.
  [FuseV1Options.EnableCookieEncryption]: true,
  // NODE_OPTIONS could preload code into the main process.
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  // --inspect and friends would open a debugger port into the main process.
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // The app.asar must match the hash recorded at packaging (macOS, Windows).
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  // The app is loaded only from app.asar, never from a loose folder beside it.
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // No separate V8 snapshot for the browser process is shipped.
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  // file:// pages get no more rights than other origins (the app uses drilldesk://app, never file://).
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
};

/** Where electron-builder put the Electron binary (or, on macOS, the .app bundle @electron/fuses looks inside). */
function executableOf(context) {
  const name = context.packager.appInfo.productFilename;
  if (context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas') return path.join(context.appOutDir, `${name}.app`);
  if (context.electronPlatformName === 'win32') return path.join(context.appOutDir, `${name}.exe`);
  return path.join(context.appOutDir, context.packager.executableName);
}

/** Flips FUSES in the binary at `executable`; on macOS arm64 the ad-hoc signature is renewed, as flipping breaks it. */
async function applyFuses(executable, { platform, arch } = { platform: process.platform, arch: process.arch }) {
  await flipFuses(executable, { version: FuseVersion.V1, resetAdHocDarwinSignature: platform === 'darwin' && arch === 'arm64', ...FUSES });
}

/** electron-builder's Arch enum: 1 is x64, 3 is arm64. */
const ARCHES = { 0: 'ia32', 1: 'x64', 2: 'armv7l', 3: 'arm64', 4: 'universal' };

async function afterPack(context) {
  await applyFuses(executableOf(context), { platform: context.electronPlatformName, arch: ARCHES[context.arch] ?? String(context.arch) });
}

module.exports = afterPack;
module.exports.default = afterPack;
module.exports.FUSES = FUSES;
module.exports.applyFuses = applyFuses;
module.exports.executableOf = executableOf;
