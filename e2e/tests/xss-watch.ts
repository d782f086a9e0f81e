import { expect, type Page } from '@playwright/test';

/** What a browser page saw that would mean a payload ran (or came close to running: a CSP-blocked inline script). */
export interface Trace {
  dialogs: string[];
  csp: string[];
  errors: string[];
  console: string[];
  requests: string[];
  prints: string[];
}

export async function watch(page: Page, baseURL: string): Promise<Trace> {
  const trace: Trace = { dialogs: [], csp: [], errors: [], console: [], requests: [], prints: [] };
  page.on('dialog', (dialog) => {
    trace.dialogs.push(`${dialog.type()}: ${dialog.message()}`);
    void dialog.dismiss().catch(() => {});
  });
  page.on('pageerror', (error) => trace.errors.push(String(error)));
  page.on('console', (message) => {
    if (message.type() === 'error' || message.type() === 'warning' || /xss/i.test(message.text())) {
      trace.console.push(`${message.type()}: ${message.text()}`);
    }
  });
  const origin = new URL(baseURL).origin;
  page.on('request', (request) => {
    const url = request.url();
    if (/xss-probe/i.test(url) || (/^https?:/.test(url) && new URL(url).origin !== origin)) trace.requests.push(url);
  });
  await page.exposeFunction('__xssReport', (kind: 'csp' | 'print', detail: string) => {
    (kind === 'csp' ? trace.csp : trace.prints).push(detail);
  });
  await page.addInitScript(() => {
    const report = (window as unknown as { __xssReport: (kind: string, detail: string) => void }).__xssReport;
    document.addEventListener('securitypolicyviolation', (e) => {
      void report('csp', `${e.violatedDirective} ${e.blockedURI} ${e.sample}`);
    });
    // print() opens no dialog Playwright can see: replace it with a report.
    window.print = () => void report('print', 'print() called');
  });
  return trace;
}

/** The page's own check: no payload marker, no inline handler, no script-bearing element or URL in the DOM. */
export async function sweep(page: Page, where: string) {
  const found = await page.evaluate(() => {
    const problems: string[] = [];
    if ((window as unknown as { __xss?: unknown }).__xss !== undefined) problems.push('window.__xss is set');
    const badUrl = /^\s*(javascript|data|vbscript):/i;
    for (const el of Array.from(document.querySelectorAll('*'))) {
      for (const attr of Array.from(el.attributes)) {
        if (/^on/i.test(attr.name)) problems.push(`<${el.localName} ${attr.name}="${attr.value}">`);
        if (['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc'].includes(attr.name)) {
          if (attr.name === 'srcdoc' || badUrl.test(attr.value)) {
            problems.push(`<${el.localName} ${attr.name}="${attr.value.slice(0, 80)}">`);
          }
        }
      }
    }
    for (const el of Array.from(document.querySelectorAll('script'))) {
      const src = el.getAttribute('src');
      if (!src || !src.startsWith('/assets/')) problems.push(`<script src=${src ?? '(inline)'}>`);
    }
    for (const tag of ['iframe', 'object', 'embed', 'base', 'marquee', 'math', 'foreignObject', 'animate', 'set']) {
      if (document.getElementsByTagName(tag).length) problems.push(`<${tag}> in the DOM`);
    }
    return problems;
  });
  expect(found, `DOM of ${where}`).toEqual([]);
}
