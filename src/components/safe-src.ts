/**
 * Image and media addresses from a definition that the renderer loads: web addresses, same-site
 * paths and inline raster images. Anything else (javascript:, other data: types, blob: of other
 * pages) is not loaded.
 */
export function isSafeMediaSrc(src: string): boolean {
  return /^(https?:|data:image\/(png|jpeg|gif|webp);|data:video\/(mp4|webm|ogg);|\/|\.\/)/i.test(src.trim());
}
