/** The search chunk could not load (a host that deployed only the bundle): the grid works without it. */
import { describeWithoutSearchChunk } from './without-search-chunk.ts';

describeWithoutSearchChunk('fail', '<tray-integrations> without its search chunk');
