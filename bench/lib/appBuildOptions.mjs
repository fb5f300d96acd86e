/**
 * esbuild options that bundle an app the way its bundler does for production: bundle, minify, tree-shake, split lazy
 * chunks, ESM for es2020, `process.env.NODE_ENV` defined; output kept in memory, with a metafile. Add the entry
 * (`entryPoints` and plugins, or `stdin`).
 * @param {object} [options]
 * @param {string[]} [options.external] packages left to the app (its peers). @default []
 * @param {'browser' | 'node'} [options.platform] @default 'browser'
 * @param {'production' | 'development'} [options.nodeEnv] @default 'production'
 */
export function appBuildOptions({ external = [], platform = 'browser', nodeEnv = 'production' } = {}) {
  return {
    bundle: true,
    minify: true,
    splitting: true,
    format: 'esm',
    platform,
    target: 'es2020',
    outdir: '/out',
    write: false,
    metafile: true,
    external,
    define: { 'process.env.NODE_ENV': JSON.stringify(nodeEnv) },
    logLevel: 'error',
  };
}
