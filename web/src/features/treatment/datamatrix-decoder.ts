import { BarcodeDetector, prepareZXingModule } from 'barcode-detector/ponyfill';
import readerWasmUrl from 'zxing-wasm/reader/zxing_reader.wasm?url';

/**
 * The DataMatrix reader: ZXing-C++ compiled to WebAssembly, through the `barcode-detector` ponyfill (ADR 039).
 * Imported only when the camera opens, so neither the library nor its .wasm is in the app's first download, and
 * the .wasm comes from the app itself, never from a CDN.
 */
export interface DataMatrixReader {
  /** The text of the first DataMatrix in the frame, or null when none is readable. */
  read(frame: HTMLVideoElement): Promise<string | null>;
}

/** Loads and compiles the reader; rejects when the browser cannot run it. */
export async function createDataMatrixReader(): Promise<DataMatrixReader> {
  await prepareZXingModule({
    overrides: {
      locateFile: (path: string, prefix: string) => (path.endsWith('.wasm') ? readerWasmUrl : prefix + path),
    },
    fireImmediately: true,
  });
  const detector = new BarcodeDetector({ formats: ['data_matrix'] });
  return {
    async read(frame) {
      const found = await detector.detect(frame);
      return found[0]?.rawValue ?? null;
    },
  };
}
