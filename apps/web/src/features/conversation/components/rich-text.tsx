import { splitRichText } from '../rich-text.ts';

/**
 * Untrusted text as text nodes: line breaks kept by CSS (pre-wrap), http(s) URLs as links that leave the app
 * without passing it anything, `@Name` of mentioned members highlighted.
 */
export function RichText({ text, mentionNames }: { text: string; mentionNames?: readonly string[] }) {
  return (
    <span className="rich-text">
      {splitRichText(text, mentionNames).map((piece, i) =>
        piece.kind === 'link' ? (
          <a key={i} href={piece.href} target="_blank" rel="noopener noreferrer nofollow">
            {piece.text}
          </a>
        ) : piece.kind === 'mention' ? (
          <mark key={i} className="mention-name">
            {piece.text}
          </mark>
        ) : (
          piece.text
        ),
      )}
    </span>
  );
}
