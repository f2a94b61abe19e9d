// Photos from the phone's camera are often 4000 px and 5 MB: shrunk here to at most 1600 px as
// JPEG before they go to the outbox, so they are quick to send on a weak network.
const MAX_SIDE = 1600;
const SMALL_ENOUGH = 600 * 1024;
const QUALITY = 0.85;

export async function downscalePhoto(file: File): Promise<{ blob: Blob; name: string }> {
  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  } catch {
    return { blob: file, name: file.name || 'photo.jpg' }; // not decodable here: the server judges it
  }
  const scale = Math.min(1, MAX_SIDE / Math.max(bitmap.width, bitmap.height));
  if (scale === 1 && file.size <= SMALL_ENOUGH) {
    bitmap.close();
    return { blob: file, name: file.name || 'photo.jpg' };
  }
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(bitmap.width * scale);
  canvas.height = Math.round(bitmap.height * scale);
  const g = canvas.getContext('2d')!;
  g.fillStyle = '#fff'; // transparent PNG areas become white, not black, in JPEG
  g.fillRect(0, 0, canvas.width, canvas.height);
  g.drawImage(bitmap, 0, 0, canvas.width, canvas.height);
  bitmap.close();
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', QUALITY));
  if (!blob) return { blob: file, name: file.name || 'photo.jpg' };
  const base = (file.name || 'photo').replace(/\.[^.]+$/, '');
  return { blob, name: `${base}.jpg` };
}
