/**
 * A GraphQL document on one line: every run of whitespace one space. The
 * documents are written indented for people (src/services/*-document(s).ts);
 * the built package sends them on one line (scripts/graphql-one-line.ts),
 * and the server compares what it receives on one line too, so a widget
 * built either way is served. The documents hold no string literals, so
 * whitespace is never meaningful in them.
 */
export const oneLine = (document: string): string => document.replace(/\s+/g, ' ').trim();
