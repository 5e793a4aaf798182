import { defineWxtModule } from 'wxt/modules';
import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import sharp from 'sharp';

/** PNG sizes the browsers ask for (toolbar 16/32, management page 48, store 128). */
export const ICON_SIZES = [16, 32, 48, 128] as const;

/**
 * Renders assets/icon.svg and assets/icon-off.svg into icons/<size>.png and icons/off-<size>.png at build
 * time, so the SVGs stay the only sources. The "off" set is used by the background for tabs where the
 * site is switched off.
 */
export default defineWxtModule({
  name: 'factcontext-icons',
  setup(wxt) {
    const sources = [
      { svg: resolve(wxt.config.root, 'assets/icon.svg'), prefix: '' },
      { svg: resolve(wxt.config.root, 'assets/icon-off.svg'), prefix: 'off-' },
    ];
    const onIcons = Object.fromEntries(ICON_SIZES.map((size) => [size, `icons/${size}.png`]));
    wxt.hooks.hook('build:manifestGenerated', (_wxt, manifest) => {
      manifest.icons = onIcons;
      const action = manifest.manifest_version === 3 ? (manifest.action ??= {}) : (manifest.browser_action ??= {});
      action.default_icon = onIcons;
    });
    wxt.hooks.hook('build:done', async (_wxt, output) => {
      await mkdir(resolve(wxt.config.outDir, 'icons'), { recursive: true });
      for (const { svg, prefix } of sources) {
        for (const size of ICON_SIZES) {
          const fileName = `icons/${prefix}${size}.png`;
          await sharp(svg, { density: Math.max(72, (72 * size) / 128) * 4 })
            .resize(size, size)
            .png()
            .toFile(resolve(wxt.config.outDir, fileName));
          output.publicAssets.push({ type: 'asset', fileName });
        }
      }
    });
    wxt.hooks.hook('prepare:publicPaths', (_wxt, paths) => {
      for (const { prefix } of sources) for (const size of ICON_SIZES) paths.push(`icons/${prefix}${size}.png`);
    });
  },
});
