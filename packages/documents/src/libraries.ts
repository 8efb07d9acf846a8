/**
 * The third-party libraries behind PDF rendering, sealing and verification, loaded on first use.
 *
 * Loading pdf-lib, fontkit, node-forge, sm-crypto-v2, qrcode and @signpdf costs a few hundred
 * milliseconds of CPU and tens of megabytes, and a server process that never prints or seals a
 * document does not need them: importing them statically would spend that at every start-up (the
 * server bundle keeps third-party packages external, so their top-level imports run when it starts).
 * Each loader imports its module once per process; later calls get the same promise. A failed load
 * is not cached, so the next call tries again.
 */
type Loader<T> = () => Promise<T>;

function once<T>(load: Loader<T>): Loader<T> {
  let loading: Promise<T> | undefined;
  return () => {
    loading ??= load().catch((error: unknown) => {
      loading = undefined;
      throw error;
    });
    return loading;
  };
}

/** CommonJS modules imported dynamically come as `{ default: module.exports }`. */
const defaultExport = <T>(module: { default: T }): T => module.default;

export const loadPdfLib = once(() => import('pdf-lib'));
export const loadFontkit = once(async () => defaultExport(await import('@pdf-lib/fontkit')));
export const loadForge = once(async () => defaultExport(await import('node-forge')));
export const loadSmCrypto = once(() => import('sm-crypto-v2'));
export const loadQrCode = once(async () => defaultExport(await import('qrcode')));

/** @signpdf: the placeholder writer, the signer base class and the signing routine. */
export const loadSignPdf = once(async () => {
  const [placeholder, signpdfModule, utils] = await Promise.all([
    import('@signpdf/placeholder-pdf-lib'),
    import('@signpdf/signpdf'),
    import('@signpdf/utils'),
  ]);
  // A CommonJS module with `exports.default`: Node's ESM loader hands over the whole exports object.
  const exported = signpdfModule.default as typeof signpdfModule.default & { default?: typeof signpdfModule.default };
  return {
    pdflibAddPlaceholder: placeholder.pdflibAddPlaceholder,
    signpdf: exported.default ?? exported,
    Signer: utils.Signer,
    SUBFILTER_ADOBE_PKCS7_DETACHED: utils.SUBFILTER_ADOBE_PKCS7_DETACHED,
  };
});
