/**
 * Something else answered in the search chunk's place (a host server that
 * gives a blank page for an unknown file): the import resolves with nothing
 * in it, and the grid works as without the chunk.
 */
import { describeWithoutSearchChunk } from './without-search-chunk.ts';

describeWithoutSearchChunk('empty', '<tray-integrations> with an empty module for its search chunk');
