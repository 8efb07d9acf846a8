// Vite turns `?url` imports into the URL of the emitted asset.
declare module 'pdfjs-dist/build/pdf.worker.min.mjs?url' {
  const url: string;
  export default url;
}
