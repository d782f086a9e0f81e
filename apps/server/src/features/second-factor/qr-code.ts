import QRCode from 'qrcode';

/**
 * The enrolment QR code as an SVG `data:` URL, made on the server: the web shows it in an <img> (no markup
 * injected into the page), and the CSP already allows `img-src data:`.
 */
export async function qrCodeDataUrl(text: string): Promise<string> {
  const svg = await QRCode.toString(text, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return `data:image/svg+xml;base64,${Buffer.from(svg, 'utf8').toString('base64')}`;
}
