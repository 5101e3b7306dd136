/**
 * A build plugin that sends the widget's GraphQL documents on one line.
 *
 * They are written indented in src/services/*-document(s).ts for people to
 * read; every request carries its query, and the indentation was half a
 * kilobyte of each catalogue page's request and 60 bytes of the first bundle
 * gzipped. Every build applies it; the server compares queries on one line
 * (src/server/proxy.ts), so it serves a widget built either way.
 */
import { oneLine } from '../src/services/one-line.ts';

const DOCUMENT_MODULE = /[\\/]src[\\/]services[\\/](marketplace-document|instance-documents)\.ts$/;
const GRAPHQL_TEMPLATE = /\/\* GraphQL \*\/ `([^`]*)`/g;

export function graphqlOneLine() {
  return {
    name: 'tray-graphql-one-line',
    // Before TypeScript is compiled, which drops the /* GraphQL */ marks.
    enforce: 'pre' as const,
    transform(code: string, id: string) {
      if (!DOCUMENT_MODULE.test(id)) return null;
      const squashed = code.replace(GRAPHQL_TEMPLATE, (_, text: string) => `\`${oneLine(text)}\``);
      if (squashed === code) throw new Error(`${id}: no /* GraphQL */ template to put on one line`);
      return { code: squashed, map: null };
    },
  };
}
