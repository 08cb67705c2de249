import { z } from 'zod';
import type { PageContext } from './page-context.ts';
import { embeddedJson, tryParseJson } from './embedded-json.ts';

/** The gallery entries of `colorImages.initial`: hiRes is null for small uploads, large is always set. */
const galleryImages = z.array(z.object({ hiRes: z.string().nullish(), large: z.string().nullish() }).loose());
const dynamicImage = z.record(z.string(), z.unknown());

/**
 * Product image URLs, main image first, largest size of each: the landing image's hi-res URL,
 * the gallery of the rendered page (one `[data-old-hires]` image per slot), and the gallery
 * JSON of server pages (`'colorImages': { 'initial': [...] }`). Each image once.
 */
export function extractImages(context: PageContext): string[] {
  const { $ } = context;
  const urls: string[] = [];
  const landing = $('#landingImage, #imgBlkFront, #main-image-container img.a-dynamic-image').first();
  const hiRes = landing.attr('data-old-hires');
  urls.push(hiRes === undefined || hiRes.trim() === '' ? (largestDynamicImage(landing.attr('data-a-dynamic-image')) ?? '') : hiRes);
  $('#main-image-container [data-old-hires], #imageBlock [data-old-hires]').each((_, img) => {
    urls.push($(img).attr('data-old-hires') ?? '');
  });
  const script = $('script')
    .toArray()
    .map((s) => $(s).text())
    .find((text) => text.includes("'colorImages'"));
  const colorImages = script?.slice(script.indexOf("'colorImages'"));
  const gallery = galleryImages.safeParse(colorImages === undefined ? undefined : embeddedJson(colorImages, "'initial':"));
  if (gallery.success) for (const image of gallery.data) urls.push(image.hiRes ?? image.large ?? '');
  const byImage = new Map<string, string>();
  for (const url of urls.map((u) => u.trim()).filter((u) => /^https?:\/\//.test(u))) {
    if (!byImage.has(imageId(url))) byImage.set(imageId(url), url);
  }
  return [...byImage.values()];
}

/** Amazon serves one upload at many sizes (…/I/71mo6NjnxaL._AC_SL1500_.jpg, ._AC_SX522_.jpg): the id names the image. */
function imageId(url: string): string {
  return /\/images\/I\/([^./]+)\./.exec(url)?.[1] ?? url;
}

/** `data-a-dynamic-image` maps each size's URL to [width, height]; the widest is the best copy. */
function largestDynamicImage(json: string | undefined): string | undefined {
  if (json === undefined) return undefined;
  const sizes = dynamicImage.safeParse(tryParseJson(json));
  if (!sizes.success) return undefined;
  const width = (size: unknown): number => (Array.isArray(size) && typeof size[0] === 'number' ? size[0] : 0);
  return Object.entries(sizes.data).sort((a, b) => width(b[1]) - width(a[1]))[0]?.[0];
}
