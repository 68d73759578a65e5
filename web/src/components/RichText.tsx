import type { ComponentChildren } from 'preact';
import { useMemo } from 'preact/hooks';
import { EVERYONE_ID, parseBody, parseHeadline, type Span } from '../format/text.js';

function render(spans: Span[], myId: number): ComponentChildren[] {
  return spans.map((span, index) => {
    switch (span.kind) {
      case 'text':
        return span.text;
      case 'br':
        return <br key={index} />;
      case 'link':
        return (
          <a key={index} href={span.href} target="_blank" rel="noopener noreferrer nofollow ugc">
            {span.text}
          </a>
        );
      case 'mention':
        return (
          <span
            key={index}
            class={`mention${span.id === myId || span.id === EVERYONE_ID ? ' mention--me' : ''}`}
          >
            @{span.name}
          </span>
        );
      case 'bold':
        return <strong key={index}>{render(span.children, myId)}</strong>;
      default:
        return <em key={index}>{render(span.children, myId)}</em>;
    }
  });
}

/** A message body with its light formatting, built as elements (text is never read as HTML). */
export function RichText({ body, myId }: { body: string; myId: number }) {
  const spans = useMemo(() => parseBody(body), [body]);
  return <>{render(spans, myId)}</>;
}

/** A search result's fragment with the matched words in `<mark>`. */
export function Headline({ headline }: { headline: string }) {
  return (
    <>
      {parseHeadline(headline).map((piece, index) =>
        piece.mark ? <mark key={index}>{piece.text}</mark> : piece.text,
      )}
    </>
  );
}
