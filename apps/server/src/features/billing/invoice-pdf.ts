import PDFDocument from 'pdfkit';
import type { InvoiceDetail } from '@perch/shared';

const money = (cents: number, currency: string) =>
  new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100);
const day = (iso: string) => iso.slice(0, 10);

/**
 * The invoice as a PDF (A4, the standard Helvetica: no font file to ship), with the same facts as the printable
 * page. Text is written as text — never interpreted — so a brand name cannot inject anything.
 */
export function renderInvoicePdf(invoice: InvoiceDetail): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: `Invoice ${invoice.number}` } });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const c = invoice.currency;
  doc.fontSize(20).text(`Invoice ${invoice.number}`);
  doc.moveDown(0.5).fontSize(10).fillColor('#555555');
  doc.text(`Perch · billed to ${invoice.organizationName}`);
  doc.text(`Period ${day(invoice.periodStart)} to ${day(new Date(Date.parse(invoice.periodEnd) - 1).toISOString())}`);
  if (invoice.issuedAt) doc.text(`Issued ${day(invoice.issuedAt)}`);
  doc.text(`Status: ${invoice.status}`);
  doc.moveDown().fillColor('#000000').fontSize(11);

  const left = doc.page.margins.left;
  const right = doc.page.width - doc.page.margins.right;
  const row = (label: string, quantity: string, amount: string, bold = false) => {
    const y = doc.y;
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica');
    doc.text(label, left, y, { width: right - left - 170 });
    const after = doc.y;
    doc.text(quantity, right - 160, y, { width: 60, align: 'right' });
    doc.text(amount, right - 100, y, { width: 100, align: 'right' });
    doc.y = Math.max(after, doc.y) + 4;
  };
  row('Description', 'Quantity', 'Amount', true);
  for (const line of invoice.lines) row(line.description, String(line.quantity), money(line.amountCents, c));
  doc.moveDown(0.5);
  row('Subtotal', '', money(invoice.subtotalCents, c));
  row(`Tax (${(invoice.taxRateBps / 100).toFixed(2)} %)`, '', money(invoice.taxCents, c));
  row('Total', '', money(invoice.totalCents, c), true);
  doc.moveDown().font('Helvetica').fontSize(10);
  if (invoice.status === 'paid' && invoice.paidAt) doc.text(`Paid on ${day(invoice.paidAt)}.`, left);
  else if (invoice.dueAt) {
    doc.text(`Pay by bank transfer by ${day(invoice.dueAt)}, quoting invoice ${invoice.number}.`, left);
  }
  doc.end();
  return done;
}
