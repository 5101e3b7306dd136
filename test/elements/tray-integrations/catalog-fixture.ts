/** The element fixture and 241 more solutions: 250 in all, three pages of 100, more than a screenful. */
import { fixture } from '../fixture.ts';

export const BULK = Array.from({ length: 241 }, (_, i) => ({
  id: `bulk-${i}`,
  title: `Bulk sync ${i}`,
  description: 'Keeps records in step.',
  tags: ['bulk'],
  authSlots: [],
}));

export const catalogFixture = () => fixture({ solutions: BULK });
